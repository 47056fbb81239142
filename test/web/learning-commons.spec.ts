// The public library of learnings in a real browser, as a visitor without an account meets it:
// the list with search and facets (keyboard only), a learning's own page — with JavaScript and
// without — and, signed in, the team answering its funder's request to share. axe checks each page.
import '../helpers/web-env';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { createGrant, type GrantFixture } from '../helpers/grants';
import { submitReview } from '../helpers/sprints';

let system: WebSystem;
let g: GrantFixture;
const ids: Record<string, string> = {};
const shots = process.env.SCREENSHOT_DIR;

/** The line that says how many learnings the list holds. */
const counted = (page: import('playwright-core').Page, text: string) =>
  page.getByRole('status').filter({ hasText: new RegExp(`^${text}$`) });

const LEARNINGS = [
  {
    title: 'Datenschutz früh klären',
    tried: 'Ein Online-Formular für Anmeldungen ohne Prüfung.',
    happened: 'Der Datenschutz wurde zur größten Hürde.',
    learned: 'Früh mit der Datenschutzbeauftragten sprechen.',
    kind: 'FAILURE',
    tags: ['daten'],
    visibility: 'PUBLIC',
  },
  {
    title: 'Ehrenamtliche Helfer gewinnen',
    tried: 'Aushänge im Stadtteil.',
    happened: 'Drei Leute kamen.',
    learned: 'Persönliche Ansprache wirkt.',
    kind: 'INSIGHT',
    tags: ['ehrenamt'],
    visibility: 'PUBLIC',
  },
  {
    title: 'Die Nachbarn wollten eine Telefonnummer',
    tried: 'Nur eine App.',
    happened: 'Ältere riefen trotzdem an.',
    learned: 'Ein Telefon gehört dazu.',
    kind: 'SURPRISE',
    tags: [],
    visibility: 'GRANT',
  },
];

beforeAll(async () => {
  system = await startWebSystem();
  g = await createGrant(system.api, { sprints: 3 });
  await submitReview(g.grantee, g.grantId, 1, { learnings: LEARNINGS });
  const list = await g.grantee.gql(
    `query($id: ID!) { learnings(grantId: $id, first: 10) { nodes { id title } } }`,
    { id: g.grantId },
  );
  for (const l of list.data.learnings.nodes) ids[l.title] = l.id;
}, 120_000);

afterAll(async () => {
  await system?.close();
});

test('the library lists, searches and narrows public learnings, by keyboard, without signing in', async () => {
  const { page } = await system.person('en-GB');
  await page.goto('/commons');
  await page.getByRole('heading', { level: 1, name: 'The learning commons' }).waitFor();
  await page.getByRole('link', { name: 'Datenschutz früh klären' }).waitFor();
  await page.getByRole('link', { name: 'Ehrenamtliche Helfer gewinnen' }).waitFor();
  // The team's GRANT learning is not in the commons.
  expect(await page.getByText('Die Nachbarn wollten eine Telefonnummer').count()).toBe(0);
  await counted(page, '2 learnings').waitFor();
  await expectAccessible(page, 'the commons');
  if (shots) await page.screenshot({ path: `${shots}/commons-list.png`, fullPage: true });

  // Search by keyboard: a German compound finds its part, and the match is highlighted.
  await page.getByLabel('Search the learnings').focus();
  await page.keyboard.type('Datenschutzkonzept');
  await page.keyboard.press('Enter');
  await counted(page, '1 learning found for “Datenschutzkonzept”').waitFor();
  await page.locator('mark', { hasText: 'Datenschutz' }).first().waitFor();
  expect(await page.getByRole('link', { name: 'Ehrenamtliche Helfer gewinnen' }).count()).toBe(0);
  await expectAccessible(page, 'a search of the commons');
  if (shots) await page.screenshot({ path: `${shots}/commons-search.png`, fullPage: true });

  // Facets: counts for the current search; choosing one narrows, choosing it again lifts it.
  await page.getByLabel('Search the learnings').fill('');
  await page.keyboard.press('Enter');
  await counted(page, '2 learnings').waitFor();
  const insight = page.getByRole('button', { name: /^Insight/ });
  await insight.focus();
  await page.keyboard.press('Enter');
  await counted(page, '1 learning').waitFor();
  expect(await insight.getAttribute('aria-pressed')).toBe('true');
  await page.getByRole('link', { name: 'Ehrenamtliche Helfer gewinnen' }).waitFor();
  expect(await page.getByRole('link', { name: 'Datenschutz früh klären' }).count()).toBe(0);
  await expectAccessible(page, 'the commons narrowed by a facet');
  await insight.press('Enter');
  await counted(page, '2 learnings').waitFor();

  // A learning's own page, opened from the list.
  await page.getByRole('link', { name: 'Datenschutz früh klären' }).click();
  await page.getByRole('heading', { level: 1, name: 'Datenschutz früh klären' }).waitFor();
  await page.getByRole('link', { name: 'CC BY 4.0' }).waitFor();
  await page.getByText(/^A grantee of the programme “Digitale Nachbarschaft”/).waitFor();
  expect(page.url()).toBe(`${system.api.url}/commons/${ids['Datenschutz früh klären']}`);
  await expectAccessible(page, 'a public learning');
  if (shots) await page.screenshot({ path: `${shots}/commons-learning.png`, fullPage: true });
}, 120_000);

test("a learning's URL carries its title, text and licence without JavaScript", async () => {
  const context = await system.browser.newContext({
    baseURL: system.api.url,
    javaScriptEnabled: false,
    locale: 'de-DE',
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const id = ids['Ehrenamtliche Helfer gewinnen'];
    const response = await page.goto(`/commons/${id}`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Ehrenamtliche Helfer gewinnen – Meilenstein');
    await page.getByRole('heading', { level: 1, name: 'Ehrenamtliche Helfer gewinnen' }).waitFor();
    await page.getByText('Persönliche Ansprache wirkt.').waitFor();
    const licence = page.getByRole('link', { name: 'CC BY 4.0' });
    expect(await licence.getAttribute('href')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(await licence.getAttribute('rel')).toBe('license');
    if (shots) await page.screenshot({ path: `${shots}/commons-nojs.png`, fullPage: true });
    // A learning that is not public is not there.
    const hidden = await page.goto(`/commons/${ids['Die Nachbarn wollten eine Telefonnummer']}`);
    expect(hidden?.status()).toBe(404);
    expect(await page.content()).not.toContain('Telefonnummer');
  } finally {
    await context.close();
  }
  // axe needs scripting of its own: the same document with the app's scripts held back.
  const { context: checked, page } = await system.person('de-DE');
  await checked.route('**/assets/*.js', (route) => route.abort());
  await page.goto(`/commons/${ids['Ehrenamtliche Helfer gewinnen']}`);
  await page.getByRole('heading', { level: 1, name: 'Ehrenamtliche Helfer gewinnen' }).waitFor();
  await expectAccessible(page, 'a public learning as served, without the app');
}, 60_000);

test('the team answers its funder’s request to share, and the learning joins the commons', async () => {
  const id = ids['Die Nachbarn wollten eine Telefonnummer'];
  const asked = await g.manager.gql(
    `mutation($id: ID!) { requestLearningVisibility(input: { learningId: $id, visibility: PUBLIC }) { id } }`,
    { id },
  );
  expect(asked.errors).toBeUndefined();
  const { page } = await system.person('en-GB');
  await page.goto('/login');
  await page.getByLabel('Email').fill(g.grantee.email);
  await page.getByLabel(/^Password( \*)?$/).fill(g.grantee.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
  await page.goto('/learnings');
  await page.getByRole('heading', { level: 1, name: 'Learnings' }).waitFor();
  await page.getByRole('link', { name: 'Die Nachbarn wollten eine Telefonnummer' }).waitFor();
  await expectAccessible(page, 'the learnings of the app');
  await page.getByRole('link', { name: 'Die Nachbarn wollten eine Telefonnummer' }).click();
  await page.getByText('The funder asks to share this learning with: Everyone (public).').waitFor();
  await expectAccessible(page, 'a learning with a request to share');
  if (shots) await page.screenshot({ path: `${shots}/learning-request.png`, fullPage: true });
  await page.getByRole('button', { name: 'Share as asked' }).click();
  await page.getByText('Shared as asked.').waitFor();
  await page.getByRole('link', { name: 'Public page' }).waitFor();
  const res = await fetch(`${system.api.url}/commons/${id}`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('Die Nachbarn wollten eine Telefonnummer');
}, 90_000);
