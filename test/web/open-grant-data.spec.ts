// Open grant data in a real browser, in English: a funder's manager sets the organisation
// identifier and the 360Giving prefix in the organisation settings, marks a grant publishable on
// the programme page by keyboard, and downloads the 360Giving JSON export, which holds that grant.
// axe checks both pages.
import '../helpers/web-env';
import { readFileSync } from 'node:fs';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { createGrant, type GrantFixture } from '../helpers/grants';
import { until } from '../helpers/wait';

let system: WebSystem;
let g: GrantFixture;

beforeAll(async () => {
  system = await startWebSystem();
  g = await createGrant(system.api);
  const res = await g.manager.gql(`mutation { updateMyProfile(input: { language: EN }) { id } }`);
  expect(res.errors).toBeUndefined();
}, 90_000);

afterAll(async () => {
  await system?.close();
});

test('a funder names itself, publishes a grant and downloads the 360Giving export', async () => {
  const { page } = await system.person('en-GB');
  await page.goto('/login');
  await page.getByLabel('Email').fill(g.manager.email);
  await page.getByLabel(/^Password( \*)?$/).fill(g.manager.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();

  await page.goto('/settings/organization');
  await page.getByRole('heading', { name: 'Open grant data (360Giving)' }).waitFor();
  await expectAccessible(page, 'organisation settings');
  await page.getByLabel('Organisation identifier').fill('Charity 1164883');
  await page.getByRole('button', { name: 'Save identifiers' }).click();
  await page.getByText('Use a list code and a number, such as DE-VR-12345.').waitFor();
  await page.getByLabel('Organisation identifier').fill('DE-VR-12345');
  await page.getByLabel('360Giving prefix').fill('360G-nachbarschaft');
  await page.getByRole('button', { name: 'Save identifiers' }).click();
  await page.getByText('Identifiers saved.').waitFor();
  const settings = await g.manager.gql(
    `{ currentOrganization { openData { orgIdentifier grantIdPrefix } } }`,
  );
  expect(settings.data.currentOrganization.openData).toEqual({
    orgIdentifier: 'DE-VR-12345',
    grantIdPrefix: '360G-nachbarschaft',
  });

  await page.goto(`/programmes/${g.programmeId}`);
  const toggle = page.getByRole('switch', { name: /^Publish MS-/ });
  await toggle.waitFor({ state: 'attached' });
  expect(await toggle.isChecked()).toBe(false);
  await toggle.focus();
  await page.keyboard.press('Space');
  await until(async () => {
    const res = await g.manager.gql(
      `{ grant(grantId: "${g.grantId}") { publication { publishable } } }`,
    );
    return res.data.grant.publication.publishable === true;
  }, 'the grant to be publishable');
  await page.getByText('1 grant marked publishable').waitFor();
  await expectAccessible(page, 'programme with open grant data');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export (360Giving JSON)' }).click(),
  ]);
  const pkg = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(pkg.grants).toHaveLength(1);
  expect(pkg.grants[0].id).toMatch(/^360G-nachbarschaft-MS-/);
  expect(pkg.grants[0].fundingOrganization).toEqual([
    { id: 'DE-VR-12345', name: expect.any(String) },
  ]);
}, 150_000);
