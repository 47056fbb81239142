// Funders learn too, in a real browser: a funder's manager writes a learning about the programme
// by keyboard (with a tag the commons already uses, picked from the suggestions) and shares it
// with the programme's grantees; the programme's team finds it among its learnings, shown as the
// funder's, and while drafting a review learning on the same topic is shown it as a similar
// learning of others. axe checks each page.
import '../helpers/web-env';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { createGrant, type GrantFixture } from '../helpers/grants';
import type { Account } from '../helpers/identity';

let system: WebSystem;
let g: GrantFixture;
let funderName: string;
const shots = process.env.SCREENSHOT_DIR;
const TITLE = 'Ehrenamtliche brauchen eine feste Ansprechperson';

beforeAll(async () => {
  system = await startWebSystem();
  g = await createGrant(system.api, { sprints: 3 });
  const me = await g.manager.gql(`{ me { organization { name } } }`);
  funderName = me.data.me.organization.name;
  // The test reads the English texts; an invited member starts in German.
  await system.api.app
    .get(DataSource)
    .query(`UPDATE person SET language = 'en' WHERE id = ANY($1)`, [
      [g.manager.personId, g.grantee.personId],
    ]);
  // A tag already in use: the funder's own earlier learning, kept within the funder.
  const earlier = await g.funder.gql(
    `mutation($input: WriteLearningInput!) { writeLearning(input: $input) { id } }`,
    {
      input: {
        programmeId: g.programmeId,
        title: 'Bewerbungsfristen zu knapp',
        tried: 'Vier Wochen Frist.',
        happened: 'Kleine Vereine schafften es nicht.',
        learned: 'Sechs Wochen geben.',
        kind: 'FAILURE',
        tags: ['ehrenamt'],
        visibility: 'GRANT',
      },
    },
  );
  expect(earlier.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await system?.close();
});

async function logIn(account: Account): Promise<Page> {
  const { page } = await system.person('en-GB');
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel(/^Password( \*)?$/).fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
  return page;
}

test("a funder's manager writes a programme learning by keyboard, with a suggested tag", async () => {
  const page = await logIn(g.manager);
  await page.goto('/learnings');
  await page.getByRole('heading', { level: 1, name: 'Learnings' }).waitFor();
  const write = page.getByRole('link', { name: 'Write a learning' });
  await write.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Write a learning' }).waitFor();
  await expectAccessible(page, 'the empty form to write a learning');

  // Saving with nothing written: the problems are shown at their fields, nothing is saved.
  await page.getByRole('button', { name: 'Save learning' }).focus();
  await page.keyboard.press('Enter');
  await page
    .getByLabel(/^Title/)
    .and(page.locator('[aria-invalid="true"]'))
    .waitFor();
  expect(page.url()).toBe(`${system.api.url}/learnings/new`);

  // The funder has one programme: it is chosen already.
  expect(await page.getByRole('combobox', { name: 'Programme' }).inputValue()).toBe(
    'Digitale Nachbarschaft',
  );
  await page.getByRole('radio', { name: 'Insight' }).focus();
  await page.keyboard.press('ArrowRight');
  expect(await page.getByRole('radio', { name: 'Failure' }).isChecked()).toBe(true);
  await page.getByLabel(/^Title/).focus();
  await page.keyboard.type(TITLE);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Wir haben Ehrenamtliche nur per Rundmail angesprochen.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Viele sprangen nach dem ersten Monat ab.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Jedes Projekt braucht eine Person, die Ehrenamtliche begleitet.');
  await page.keyboard.press('Tab');
  // The tags field suggests the tag in use; the arrow key and Enter take it.
  await page.keyboard.type('ehren');
  await page.getByRole('option', { name: 'ehrenamt' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const tags = page.getByRole('combobox', { name: /^Tags/ });
  expect(await tags.inputValue()).toBe('');
  await page.locator('.mantine-Pill-label', { hasText: /^ehrenamt$/ }).waitFor();
  // Within the funder by default; the programme's grantees by the arrow key.
  await page.getByRole('radio', { name: 'Only our organisation' }).focus();
  await page.keyboard.press('ArrowDown');
  expect(await page.getByRole('radio', { name: "The programme's grantees" }).isChecked()).toBe(
    true,
  );
  await expectAccessible(page, 'the filled form to write a learning');
  if (shots) await page.screenshot({ path: `${shots}/learning-write.png`, fullPage: true });
  await page.getByRole('button', { name: 'Save learning' }).focus();
  await page.keyboard.press('Enter');

  // The learning's page, shown as the funder's.
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page
    .getByText(`${funderName}, about its programme “Digitale Nachbarschaft”`, { exact: false })
    .first()
    .waitFor();
  expect(page.url()).toMatch(/\/learnings\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "the funder's new learning");

  const saved = await g.manager.gql(
    `{ searchLearnings(scope: OWN, first: 10) { edges { node { title tags visibility kind source { authorKind } } } } }`,
  );
  const mine = saved.data.searchLearnings.edges
    .map((e: any) => e.node)
    .find((n: any) => n.title === TITLE);
  expect(mine).toEqual({
    title: TITLE,
    tags: ['ehrenamt'],
    visibility: 'PROGRAMME',
    kind: 'FAILURE',
    source: { authorKind: 'FUNDER' },
  });
}, 120_000);

test("the programme's team sees it as the funder's, and as a similar learning while drafting", async () => {
  const page = await logIn(g.grantee);
  await page.goto('/learnings');
  await page.getByRole('heading', { level: 1, name: 'Learnings' }).waitFor();
  const card = page.getByRole('article', { name: TITLE });
  await card.waitFor();
  await card.getByText(`${funderName}, about its programme “Digitale Nachbarschaft”`).waitFor();
  // The funder's learning kept within the funder is not among the team's.
  expect(await page.getByText('Bewerbungsfristen zu knapp').count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Write a learning' }).count()).toBe(0);
  await expectAccessible(page, "the team's learnings with the funder's");

  await page.goto(`/grants/${g.grantId}/sprints/1/review`);
  await page.getByRole('button', { name: 'Add a learning' }).click();
  const learning = page.getByRole('group', { name: 'Learning 1' });
  const hint = learning.getByTestId('similar-learnings');
  expect(await hint.getByRole('link').count()).toBe(0);
  await learning.getByLabel(/^Title/).fill('Ehrenamtliche halten');
  await learning
    .getByLabel(/^What we tried/)
    .fill('Ein Treffen im Monat für alle Ehrenamtlichen im Viertel.');
  const similar = hint.getByRole('link', { name: TITLE });
  await similar.waitFor();
  expect(await hint.getAttribute('aria-live')).toBe('polite');
  await hint.getByText('Similar learnings of others').waitFor();
  await expectAccessible(page, 'a review learning with similar learnings of others');
  if (shots) await page.screenshot({ path: `${shots}/review-similar.png`, fullPage: true });
  // It opens in a new tab, and what is being written stays in this one.
  expect(await similar.getAttribute('target')).toBe('_blank');
  const [opened] = await Promise.all([page.context().waitForEvent('page'), similar.click()]);
  await opened.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await opened.close();
  expect(await learning.getByLabel(/^Title/).inputValue()).toBe('Ehrenamtliche halten');
}, 120_000);
