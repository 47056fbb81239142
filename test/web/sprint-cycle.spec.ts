// The sprint cycle in a real browser, in German, with the funder's programme manager and the
// grantee team each in their own browser: the team writes and submits sprint 1's review (one
// FAILURE learning, a pivoted plan) using the keyboard, the funder asks for changes, the team sees
// the comment beside the form and resubmits, the funder accepts; the tranche is released and
// sprint 2 runs with the new goal. The grant home shows exactly the API's figures, and a grant of
// 12 sprints and 10 lines renders in one GraphQL request. axe checks every page visited.
import '../helpers/web-env';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { createGrant, type GrantFixture } from '../helpers/grants';
import type { Account } from '../helpers/identity';
import { until } from '../helpers/wait';

let system: WebSystem;

const SHOTS = process.env.SCREENSHOT_DIR;
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  system = await startWebSystem();
}, 60_000);

afterAll(async () => {
  await system?.close();
});

async function germanPeople(...people: Account[]) {
  await system.api.app
    .get(DataSource)
    .query(`UPDATE person SET language = 'de' WHERE id = ANY($1)`, [people.map((p) => p.personId)]);
}

async function logIn(account: Account): Promise<Page> {
  const { page } = await system.person('de-DE');
  await page.goto('/login');
  await page.getByLabel('E-Mail').fill(account.email);
  await page.getByLabel(/^Passwort( \*)?$/).fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1, name: /^Willkommen/ }).waitFor();
  return page;
}

const spaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

const BUDGET_DE = `query($id: ID!) { grantBudget(grantId: $id) {
  awarded { formatted } released { formatted } spent { formatted } remaining { formatted } holdback { formatted }
  lines { line { id } original { formatted } allocated { formatted } spent { formatted } remaining { formatted } } } }`;

/** Every figure of the grant home, read from the page, against grantBudget in German. */
async function expectFiguresOfApi(page: Page, account: Account, grantId: string) {
  const res = await account.gql(BUDGET_DE, { id: grantId }, { 'accept-language': 'de' });
  expect(res.errors).toBeUndefined();
  const b = res.data.grantBudget;
  for (const key of ['awarded', 'released', 'spent', 'remaining', 'holdback']) {
    const shown = await page.locator(`[data-figure="${key}"]`).innerText();
    expect({ key, shown: spaces(shown) }).toEqual({ key, shown: spaces(b[key].formatted) });
  }
  expect(await page.locator('[data-line]').count()).toBe(b.lines.length);
  for (const l of b.lines) {
    for (const col of ['original', 'allocated', 'spent', 'remaining']) {
      const cell = page.locator(`[data-line="${l.line.id}"] [data-col="${col}"]`);
      const first = spaces((await cell.innerText()).split('\n')[0]);
      expect({ line: l.line.id, col, shown: first }).toEqual({
        line: l.line.id,
        col,
        shown: spaces(l[col].formatted),
      });
    }
  }
}

describe('the sprint cycle in the browser (German)', () => {
  let g: GrantFixture;
  let team: Page;
  let funder: Page;
  const reviewPath = () => `/grants/${g.grantId}/sprints/1/review`;
  const NEW_GOAL = 'Ausleihe über die Stadtbibliothek testen';
  const COMMENT = 'Bitte erklären Sie die Mehrausgaben bei der Entwicklung.';

  beforeAll(async () => {
    g = await createGrant(system.api);
    await germanPeople(g.funder, g.manager, g.grantee);
    team = await logIn(g.grantee);
    funder = await logIn(g.manager);
  }, 60_000);

  test('the team writes sprint 1 with the keyboard and sees every problem at its field', async () => {
    await team.goto(reviewPath());
    await team.getByRole('heading', { level: 1, name: 'Review zu Sprint 1' }).waitFor();
    await expectAccessible(team, 'review editor (empty)');

    // Keyboard only: the summary, then Tab into the first milestone's outcomes, Space picks one,
    // the arrow keys move within the group, Tab goes on to its note.
    await team.getByLabel('Zusammenfassung').focus();
    await team.keyboard.type('Wir haben den Prototyp mit 20 Haushalten getestet.');
    await team.keyboard.press('Tab');
    await team.keyboard.press('Space');
    await team.keyboard.press('ArrowRight');
    await team.keyboard.press('ArrowLeft');
    const m1 = team.getByRole('radiogroup', { name: 'M1.1' });
    expect(await m1.getByRole('radio', { name: 'erreicht', exact: true }).isChecked()).toBe(true);
    await team.keyboard.press('Tab');
    await team.keyboard.type('Läuft.');
    expect(await team.getByLabel('Notiz zu „M1.1“').inputValue()).toBe('Läuft.');

    // Submitting now lists every missing part at its place, and writes nothing.
    await team.getByRole('button', { name: 'Review einreichen' }).focus();
    await team.keyboard.press('Enter');
    const summary = team.getByRole('alert').filter({ hasText: 'verhindern das Einreichen' });
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toContain('M1.2');
    await team.getByText('braucht einen Satz zum Stimmungssignal', { exact: true }).waitFor();
    await team
      .getByText(/Pflichtfrage „users_reached“/)
      .first()
      .waitFor();
    await shot(team, 'review-problems');
    await expectAccessible(team, 'review editor with problems');
    const status = await g.grantee.gql(
      `{ grant(grantId: "${g.grantId}") { sprints { number status } } }`,
    );
    expect(status.data.grant.sprints[0].status).toBe('ACTIVE');

    // The rest, as a person fills it in.
    await team
      .getByRole('radiogroup', { name: 'M1.2' })
      .getByRole('radio', { name: 'teilweise' })
      .check();
    await team.getByLabel('Notiz zu „M1.2“').fill('Die Hälfte; der Rest wandert weiter.');
    await team.getByLabel('Ausgaben für Entwicklung').fill('12.345,67');
    await team.getByLabel(/^Wie viele Menschen\?/).fill('40');
    await team
      .getByRole('radiogroup', { name: 'Stimmung' })
      .getByRole('radio', { name: '4', exact: true })
      .check();
    await team.getByRole('button', { name: 'Learning hinzufügen' }).click();
    const learning = team.getByRole('group', { name: 'Learning 1' });
    await learning.getByRole('radio', { name: 'Fehlschlag' }).check();
    await learning.getByLabel(/^Titel/).fill('Flyer erreichen niemanden');
    await learning.getByLabel(/^Was wir versucht haben/).fill('Flyer im Treppenhaus.');
    await learning.getByLabel(/^Was passiert ist/).fill('Niemand hat angerufen.');
    await learning
      .getByLabel(/^Was wir gelernt haben/)
      .fill('Nachbarn vertrauen Menschen, nicht Papier.');
    // A tag typed with a space and a sign is kept in the form the API takes (a tag it refused
    // would keep the whole draft from being saved).
    await learning.getByLabel('Schlagwörter').fill('Ehrenamt & Flyer');
    await team.keyboard.press('Enter');
    await learning.locator('.mantine-Pill-label', { hasText: /^ehrenamt-flyer$/ }).waitFor();
    // The pivot: a new goal and a new milestone, shown as a change against the plan.
    await team.getByLabel('Ziel', { exact: true }).fill(NEW_GOAL);
    await team.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
    await team.getByLabel('Meilenstein 3', { exact: true }).fill('Kooperation mit der Bibliothek');
    const diff = team.getByTestId('plan-diff');
    await diff.getByText('Kurswechsel').waitFor();
    await diff.getByText(`Ziel jetzt: ${NEW_GOAL}`).waitFor();
    await diff.getByText('Neu: Kooperation mit der Bibliothek').waitFor();
    await team.getByRole('radio', { name: 'auf Kurs' }).check();
    await team.getByLabel('Ein Satz dazu').fill('Wir wissen, was als Nächstes kommt.');
    // Saved as the team types: the draft holds the failure learning before anything is sent.
    await team.getByText(/^Entwurf gespeichert/).waitFor();
    const draft = async () =>
      (
        await g.grantee.gql(
          `{ grant(grantId: "${g.grantId}") { sprints { review { draft { learnings { kind tags } nextSprint { goal } confidenceNote } } } } }`,
        )
      ).data.grant.sprints[0].review?.draft;
    await until(
      async () => (await draft())?.confidenceNote === 'Wir wissen, was als Nächstes kommt.',
      'the draft saved as typed',
    );
    expect(await draft()).toMatchObject({
      learnings: [{ kind: 'FAILURE', tags: ['ehrenamt-flyer'] }],
      nextSprint: { goal: NEW_GOAL },
    });
    await shot(team, 'review-filled');
    await expectAccessible(team, 'review editor (filled)');

    await team.getByRole('button', { name: 'Review einreichen' }).click();
    await team.getByTestId('sprint-status').getByText('in Prüfung').waitFor();
    await team.getByText(/^Eingereicht\./).waitFor();
    await expectAccessible(team, 'submitted review');
  }, 120_000);

  test('the funder reads it, sees what accepting does, and asks for changes', async () => {
    await funder.goto(reviewPath());
    await funder.getByRole('heading', { level: 1, name: 'Review zu Sprint 1' }).waitFor();
    const consequences = funder.getByTestId('accept-consequences');
    await consequences.getByText(/^Zahlt Tranche 2 aus: /).waitFor();
    await consequences.getByText(`Startet Sprint 2 mit dem Ziel: ${NEW_GOAL}`).waitFor();
    await funder.getByText('Flyer erreichen niemanden').waitFor();
    await expectAccessible(funder, 'decision view');
    await shot(funder, 'decision-v1');
    // A request for changes needs a comment.
    await funder.getByRole('button', { name: 'Änderungen erbitten' }).click();
    await funder.getByText('Bitte sagen Sie, was sich ändern soll.').waitFor();
    await funder.getByLabel('Kommentar für das Team').fill(COMMENT);
    await funder.getByRole('button', { name: 'Änderungen erbitten' }).click();
    await funder.getByTestId('sprint-status').getByText('Änderungen erbeten').waitFor();
    await expectAccessible(funder, 'decision view after the request');
  }, 60_000);

  test('the team sees the comment beside the form and resubmits', async () => {
    await team.goto(reviewPath());
    await team.getByTestId('sprint-status').getByText('Änderungen erbeten').waitFor();
    await team.getByTestId('changes-requested').getByText(COMMENT).waitFor();
    await team.getByTestId('comment-thread').getByText(COMMENT).waitFor();
    // The saved review is in the form again, the pivot included.
    expect(await team.getByLabel('Ziel', { exact: true }).inputValue()).toBe(NEW_GOAL);
    await team
      .getByLabel('Erläuterung zu Entwicklung')
      .fill('Zwei Interviews mehr; Belege RE-17, RE-18.');
    await shot(team, 'review-changes-requested');
    await expectAccessible(team, 'review editor after changes were requested');
    await team.getByRole('button', { name: 'Überarbeitetes Review einreichen' }).click();
    await team.getByTestId('sprint-status').getByText('in Prüfung').waitFor();
  }, 60_000);

  test('the funder sees both versions, accepts; the tranche is paid and sprint 2 runs with the new goal', async () => {
    await funder.goto(reviewPath());
    await funder.getByRole('region', { name: 'Version 2' }).waitFor();
    await funder.getByRole('region', { name: 'Vorher: Version 1' }).waitFor();
    await funder
      .getByRole('region', { name: 'Version 2' })
      .getByText('Zwei Interviews mehr; Belege RE-17, RE-18.')
      .waitFor();
    await expectAccessible(funder, 'decision view, two versions');
    await shot(funder, 'decision-v2');
    await funder.getByRole('button', { name: 'Review annehmen' }).click();
    const accepted = funder.getByTestId('accepted-summary');
    await accepted.getByText(/^Tranche 2 ausgezahlt: /).waitFor();
    await accepted.getByText('läuft').waitFor();
    await accepted.getByTestId('next-goal').getByText(NEW_GOAL).waitFor();
    await expectAccessible(funder, 'accepted review');
    await shot(funder, 'accepted');

    const api = await g.manager.gql(
      `{ grant(grantId: "${g.grantId}") { sprints { number status goal } tranches { number status } } }`,
    );
    expect(api.data.grant.sprints[1]).toMatchObject({
      number: 2,
      status: 'ACTIVE',
      goal: NEW_GOAL,
    });
    expect(api.data.grant.tranches[1]).toMatchObject({ number: 2, status: 'RELEASED' });
  }, 60_000);

  test('the grant home shows the API figures to both sides, the learning and the new goal', async () => {
    for (const [page, account] of [
      [funder, g.manager],
      [team, g.grantee],
    ] as const) {
      await page.goto(`/grants/${g.grantId}`);
      await page.getByRole('heading', { level: 1, name: 'Nachbarschafts-App' }).waitFor();
      await expectFiguresOfApi(page, account, g.grantId);
      await page.locator('[data-sprint-status="2"]').getByText('läuft').waitFor();
      await page.locator('[data-sprint-goal="2"]').getByText(NEW_GOAL).waitFor();
      await page.locator('[data-tranche="2"]').getByText('ausgezahlt').waitFor();
      await page
        .getByRole('article', { name: 'Flyer erreichen niemanden' })
        .getByText('Fehlschlag')
        .waitFor();
      await expectAccessible(page, 'grant home');
    }
    await shot(team, 'grant-home');
  }, 60_000);
});

test('the grant home of a grant with 12 sprints and 10 lines renders in one GraphQL request', async () => {
  const g = await createGrant(system.api, {
    lines: Array.from({ length: 10 }, (_, i) => (i + 1) * 1_000_00),
    sprints: 12,
    programme: { maxSprints: 12 },
  });
  await germanPeople(g.funder, g.manager, g.grantee);
  const page = await logIn(g.manager);
  await page.goto('/grants');
  await page.getByRole('heading', { level: 1, name: 'Förderungen' }).waitFor();
  await expectAccessible(page, 'grant list');
  const requests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/graphql') requests.push(r.postData() ?? '');
  });
  await page.getByRole('link', { name: 'Nachbarschafts-App' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nachbarschafts-App' }).waitFor();
  await page.locator('[data-sprint-status="12"]').waitFor();
  await page.locator('.recharts-surface').first().waitFor();
  expect(requests.length).toBe(1);
  expect(requests[0]).toContain('GrantHome');
  expect(await page.locator('[data-line]').count()).toBe(10);
  await expectFiguresOfApi(page, g.manager, g.grantId);
  await expectAccessible(page, 'grant home, 12 sprints and 10 lines');
  await shot(page, 'grant-home-12x10');
}, 90_000);
