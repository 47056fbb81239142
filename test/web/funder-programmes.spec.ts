// The funder's side of a call in a real browser, in German: a manager creates a programme with
// two criteria, a three-question review template and a 15 % tolerance and opens it; an
// application comes in (through the API — the grantee's pages are tested elsewhere); a reviewer
// scores it; the manager asks for information, the team resubmits, and the manager approves a
// lower amount with adjusted lines — once, although the approval is clicked twice and its first
// answer is lost on the way. Every figure shown is the API's; axe checks every page visited; the
// key pages again in English.
import '../helpers/web-env';
import type { Route } from 'playwright-core';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { addMember, signUp, type Account } from '../helpers/identity';
import { submitApplication } from '../helpers/programmes';
import { until } from '../helpers/wait';
import {
  APPLICATION_AND_GRANT as APPLICATION,
  askForInformation,
  exactly,
  fillLowerAward,
  GERMAN,
  logInAs,
  openSubmittedInbox,
  pick,
  screenshots,
  setLanguage,
} from '../helpers/web-steps';

let system: WebSystem;
let manager: Account;
let reviewer: Account;
let grantee: Account;
let programmeId: string;
let applicationId: string;

const shot = screenshots(process.env.SCREENSHOT_DIR);

beforeAll(async () => {
  system = await startWebSystem();
  const owner = await signUp(system.api, 'FUNDER', {
    name: 'Stiftung Nachbarschaft',
    language: 'de',
  });
  manager = await addMember(system.api, owner, 'MANAGER', 'manager');
  reviewer = await addMember(system.api, owner, 'REVIEWER', 'reviewer');
  for (const person of [manager, reviewer]) await setLanguage(person, 'DE');
  grantee = await signUp(system.api, 'GRANTEE', { name: 'Kiezhilfe e.V.', language: 'de' });
}, 90_000);

afterAll(async () => {
  await system?.close();
});

const local = (ms: number) => {
  const d = new Date(Date.now() + ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

test('a manager creates and opens a programme with criteria, review questions and a 15 % tolerance', async () => {
  const { page } = await system.person('de-DE');
  await logInAs(page, manager);
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Programme', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Programme' }).waitFor();
  await expectAccessible(page, 'programme list (empty)');
  await page.getByRole('link', { name: 'Neues Programm' }).click();
  await page.getByRole('heading', { level: 1, name: 'Neues Programm' }).waitFor();
  await expectAccessible(page, 'new programme');

  await page.getByLabel(exactly('Titel')).fill('Digitale Nachbarschaft 2027');
  await page.getByLabel('Beschreibung').fill('Werkzeuge, mit denen Nachbar*innen einander helfen.');
  await page.getByLabel(exactly('Gesamtbudget')).fill('500.000,00');
  await page.getByLabel('Anträge ab').fill(local(-86_400_000));
  await page.getByLabel('Anträge bis').fill(local(30 * 86_400_000));
  await page.getByLabel('Höchstens Sprints je Förderung').fill('4');

  for (const [i, [name, weight]] of [
    ['Wirkung', '3'],
    ['Machbarkeit', '1'],
  ].entries()) {
    await page.getByRole('button', { name: 'Kriterium hinzufügen' }).click();
    await page.getByLabel(exactly(`Kriterium ${i + 1}`)).fill(name);
    await page.getByLabel(`Gewicht von Kriterium ${i + 1}`).fill(weight);
  }
  const questions = [
    ['Wie viele Menschen haben Sie erreicht?', 'How many people did you reach?', 'eine Zahl'],
    ['Was lief anders als geplant?', 'What went differently than planned?', 'freier Text'],
    ['Wie zufrieden ist das Team?', 'How happy is the team?', 'eine Bewertung von 1 bis 5'],
  ];
  for (const [i, [de, en, type]] of questions.entries()) {
    await page.getByRole('button', { name: 'Frage hinzufügen' }).click();
    await page.getByLabel(exactly(`Frage ${i + 1} auf Deutsch`)).fill(de);
    await page.getByLabel(exactly(`Frage ${i + 1} auf Englisch`)).fill(en);
    await pick(page, `Antwortart von Frage ${i + 1}`, type);
  }
  // Reordering: the third question moves up and back down again.
  await page.getByRole('button', { name: 'Frage 3 nach oben' }).click();
  expect(await page.getByLabel(exactly('Frage 2 auf Deutsch')).inputValue()).toBe(questions[2][0]);
  await page.getByRole('button', { name: 'Frage 2 nach unten' }).click();
  await page.getByLabel('Frage 2 muss beantwortet werden').uncheck();

  await page.getByRole('textbox', { name: 'Toleranz', exact: true }).fill('15');
  // The live example of the tranche policy: 30 % at the start, 10 % held back, four sprints.
  const schedule = page.getByRole('table', {
    name: /Die Tranchen dieser Förderung über 4 Sprints/,
  });
  expect(await schedule.getByRole('row').count()).toBe(6);
  expect(await schedule.innerText()).toContain('30.000,00');
  await page.getByLabel('Beispiel: eine Förderung von').fill('1.000,00');
  await page.getByLabel('Beispiel: eine Förderung von').blur();
  expect(await schedule.innerText()).toMatch(/300,00[\s\S]*200,00[\s\S]*100,00/);
  await expectAccessible(page, 'new programme (filled in)');
  await shot(page, 'programme-new');

  await page.getByRole('button', { name: 'Programm anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Digitale Nachbarschaft 2027' }).waitFor();
  programmeId = new URL(page.url()).pathname.split('/')[2];
  await page.getByText('Entwurf', { exact: true }).waitFor();
  await expectAccessible(page, 'programme page (draft)');
  await page.getByRole('button', { name: 'Aufruf öffnen' }).click();
  await page.getByText('offen für Anträge', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Aufruf schließen' }).waitFor();
  await expectAccessible(page, 'programme page (open)');
  await shot(page, 'programme-open');

  const saved = await manager.gql(
    `query($id: ID!) { programme(programmeId: $id) { status totalBudget { amount }
      criteria { key name weight } reviewTemplate { key labelDe type required }
      reallocationPolicy { tolerancePercent } maxSprints } }`,
    { id: programmeId },
  );
  expect(saved.data.programme).toEqual({
    status: 'OPEN',
    totalBudget: { amount: 500_000_00 },
    criteria: [
      { key: 'wirkung', name: 'Wirkung', weight: 3 },
      { key: 'machbarkeit', name: 'Machbarkeit', weight: 1 },
    ],
    reviewTemplate: [
      {
        key: 'how_many_people_did_you_reach',
        labelDe: questions[0][0],
        type: 'NUMBER',
        required: true,
      },
      {
        key: 'what_went_differently_than_planned',
        labelDe: questions[1][0],
        type: 'TEXT',
        required: false,
      },
      { key: 'how_happy_is_the_team', labelDe: questions[2][0], type: 'SCALE', required: true },
    ],
    reallocationPolicy: { tolerancePercent: 15 },
    maxSprints: 4,
  });

  // The editor shows the saved settings and the API's problems at their fields.
  await page.getByRole('link', { name: 'Einstellungen bearbeiten' }).click();
  await page.getByLabel(exactly('Titel')).waitFor();
  expect(await page.getByRole('textbox', { name: 'Toleranz', exact: true }).inputValue()).toBe(
    '15 %',
  );
  // A call window that ends before it starts: the API's problem shows at its field.
  await page.getByLabel('Anträge bis').fill(local(-2 * 86_400_000));
  await page.getByRole('button', { name: 'Speichern' }).click();
  await until(
    async () => (await page.getByLabel('Anträge bis').getAttribute('aria-invalid')) === 'true',
    'the call window problem at its field',
  );
  await page.getByText('muss nach dem Beginn des Bewerbungszeitraums liegen').waitFor();
  await expectAccessible(page, 'programme editor with a problem');
  await shot(page, 'programme-edit-problem');
  expect(new URL(page.url()).pathname).toBe(`/programmes/${programmeId}/edit`);
}, 180_000);

test('a reviewer scores the submitted application in the browser', async () => {
  applicationId = await submitApplication(grantee, programmeId, [60_000_00, 40_000_00], 3);
  const { page } = await system.person('de-DE');
  await logInAs(page, reviewer);
  await page.goto(`/programmes/${programmeId}/applications`);
  await page.getByRole('heading', { level: 1, name: 'Anträge' }).waitFor();
  await expectAccessible(page, 'inbox (reviewer)');
  await page.getByRole('link', { name: 'Nachbarschafts-App' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nachbarschafts-App' }).waitFor();
  await page
    .getByText('Die Bewertungen der anderen erscheinen, sobald Sie selbst bewertet haben.')
    .waitFor();
  await expectAccessible(page, 'application page (reviewer, before scoring)');

  await page.getByRole('button', { name: 'Bewertung abgeben' }).click();
  await page.getByText('Wählen Sie 1 bis 5 Punkte.').first().waitFor();
  for (const [criterion, score] of [
    ['Wirkung', '5 ausgezeichnet'],
    ['Machbarkeit', '3'],
  ]) {
    await page
      .getByRole('radiogroup', { name: new RegExp(`Punkte für „${criterion}“`) })
      .getByRole('radio', { name: score, exact: true })
      .check();
    await page.getByLabel(exactly(`Begründung zu „${criterion}“`)).fill(`Begründung: ${criterion}`);
  }
  await page.getByRole('button', { name: 'Bewertung abgeben' }).click();
  await page.getByRole('table', { name: 'Bewertungen' }).getByText('Begründung: Wirkung').waitFor();
  await page.getByRole('button', { name: 'Meine Bewertung ersetzen' }).waitFor();
  await expectAccessible(page, 'application page (reviewer, after scoring)');
  await shot(page, 'application-reviewer');

  const api = await manager.gql(APPLICATION, { id: applicationId });
  // (5·3 + 3·1) / 4 = 4.5
  expect(api.data.application.weightedScore).toBe('4.50');
}, 120_000);

test('the manager asks for information, the team resubmits, the manager approves a lower amount once', async () => {
  const { page } = await system.person('de-DE');
  await logInAs(page, manager);
  // The inbox filters and searches through the API.
  await openSubmittedInbox(page, programmeId, 'Nachbarschafts-App');
  await page.getByLabel('Suche').fill('Bibliothek');
  await page.getByText('Keine passenden Anträge.').waitFor();
  await page.getByLabel('Suche').fill('Nachbarschafts');
  await page.getByRole('link', { name: 'Nachbarschafts-App' }).waitFor();
  expect(await page.getByRole('cell', { name: '4,50' }).count()).toBe(1);
  await expectAccessible(page, 'inbox (manager)');
  await shot(page, 'inbox');

  await page.getByRole('link', { name: 'Nachbarschafts-App' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nachbarschafts-App' }).waitFor();
  const before = await manager.gql(APPLICATION, { id: applicationId }, GERMAN);
  expect(await page.getByTestId('requested-amount').innerText()).toBe(
    before.data.application.requestedAmount.formatted,
  );
  expect(await page.getByTestId('weighted-score').innerText()).toBe('4,50');
  await expectAccessible(page, 'application page (manager)');

  await page.getByText('Nachfragen', { exact: true }).click();
  await page.getByRole('button', { name: 'Fragen senden' }).click();
  await page.getByText('Bitte schreiben Sie, was Sie wissen möchten.').waitFor();
  await askForInformation(page, 'Wie erreichen Sie ältere Nachbar*innen?');
  expect((await manager.gql(APPLICATION, { id: applicationId })).data.application.status).toBe(
    'INFO_REQUESTED',
  );

  // The team answers and submits again (their pages are someone else's test).
  const resaved = await grantee.gql(
    `mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id } }`,
    {
      input: {
        applicationId,
        approach: 'Start small in one district, with a phone line for older neighbours.',
      },
    },
  );
  expect(resaved.errors).toBeUndefined();
  const resubmitted = await grantee.gql(
    `mutation($id: ID!) { submitApplication(applicationId: $id) { version } }`,
    { id: applicationId },
  );
  expect(resubmitted.data.submitApplication.version).toBe(2);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Nachbarschafts-App' }).waitFor();
  const changes = page.getByRole('table', { name: 'Änderungen zwischen den Fassungen' });
  await changes.getByText('with a phone line for older neighbours').waitFor();
  expect(await changes.getByRole('rowheader').allInnerTexts()).toEqual(['Der Ansatz']);
  await page.getByText('Fassung 2 eingereicht').waitFor();

  // Approve 80.000,00 € of the 100.000,00 € with adjusted lines.
  const budget = await manager.gql(
    `query($id: ID!) { programmeBudget(programmeId: $id) { available { amount } } }`,
    { id: programmeId },
  );
  expect(budget.data.programmeBudget.available.amount).toBe(500_000_00);
  await fillLowerAward(page);
  await expectAccessible(page, 'approval form (lower amount)');
  await shot(page, 'approve-form');

  // The first answer to the approval is lost on its way back; the server has decided.
  let decideRequests = 0;
  let dropped = false;
  await page.route('**/graphql', async (route: Route) => {
    const body = route.request().postDataJSON() as { operationName?: string };
    if (body?.operationName !== 'DecideApplication') return route.continue();
    decideRequests += 1;
    if (!dropped) {
      dropped = true;
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  const approve = page.getByRole('button', { name: /^80\.000,00\s€ bewilligen$/ });
  await approve.click();
  await page
    .getByRole('alert')
    .filter({ hasText: /Verbindung|Netzwerk|erreichbar/ })
    .waitFor();
  // The person tries again — with a double click.
  await approve.dblclick();
  await page.getByText('Bewilligt: Die Förderung ist angelegt').waitFor();
  expect(decideRequests).toBeGreaterThanOrEqual(2);

  const grants = await manager.gql(`query($id: ID!) { grants(programmeId: $id) { totalCount } }`, {
    id: programmeId,
  });
  expect(grants.data.grants.totalCount).toBe(1);
  const after = (await manager.gql(APPLICATION, { id: applicationId }, GERMAN)).data.application;
  expect(after.status).toBe('APPROVED');
  expect(after.grant.awardedAmount.amount).toBe(80_000_00);
  expect(after.grant.budgetLines.map((l: any) => [l.name, l.originalAmount.amount])).toEqual([
    ['Entwicklung', 50_000_00],
    ['Sachkosten 1', 30_000_00],
  ]);
  expect(await page.getByTestId('grant-summary').innerText()).toBe(
    `Förderung ${after.grant.reference} über ${after.grant.awardedAmount.formatted}.`,
  );
  await expectAccessible(page, 'application page (approved)');
  await shot(page, 'application-approved');

  // The money dashboard shows the API's figures.
  await page.goto(`/programmes/${programmeId}/portfolio`);
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  const money = await manager.gql(
    `query($id: ID!) { programmeBudget(programmeId: $id) {
      totalBudget { formatted } awarded { formatted } released { formatted } spent { formatted } available { formatted } } }`,
    { id: programmeId },
    GERMAN,
  );
  const figures = money.data.programmeBudget;
  for (const [key, api] of [
    ['total', figures.totalBudget],
    ['awarded', figures.awarded],
    ['released', figures.released],
    ['spent', figures.spent],
    ['available', figures.available],
  ])
    expect(await page.getByTestId(`figure-${key}`).innerText()).toBe(api.formatted);
  expect(figures.awarded.formatted).toMatch(/^80\.000,00\s€$/);
  expect(figures.available.formatted).toMatch(/^420\.000,00\s€$/);
  await page
    .getByRole('table', { name: 'Je Förderung' })
    .getByText(after.grant.reference)
    .waitFor();
  await page.getByRole('table', { name: 'Bewilligt und ausgezahlt im Zeitverlauf' }).waitFor();
  await expectAccessible(page, 'portfolio');
  await shot(page, 'portfolio');
}, 180_000);

test('the key pages in English', async () => {
  await setLanguage(manager, 'EN');
  const { page } = await system.person('en-GB');
  await logInAs(page, manager, false);
  const visit = async (path: string, heading: string | RegExp, what: string) => {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.getByText('Loading…').waitFor({ state: 'hidden' });
    await expectAccessible(page, what);
  };
  await visit('/programmes', 'Programmes', 'programme list (en)');
  await page.getByRole('cell', { name: 'open for applications' }).waitFor();
  await visit(`/programmes/${programmeId}`, 'Digitale Nachbarschaft 2027', 'programme (en)');
  await page.getByRole('button', { name: 'Close the call' }).waitFor();
  await visit(`/programmes/${programmeId}/edit`, /^Settings: /, 'programme editor (en)');
  await page.getByText(/German public funding \(ANBest-P No\. 1\.2\)/).waitFor();
  await visit(`/programmes/${programmeId}/applications`, 'Applications', 'inbox (en)');
  await page.getByRole('cell', { name: '4.50' }).waitFor();
  await visit(
    `/programmes/${programmeId}/applications/${applicationId}`,
    'Nachbarschafts-App',
    'application (en)',
  );
  await page.getByText('Approved: the grant exists').waitFor();
  await visit(`/programmes/${programmeId}/portfolio`, 'Portfolio', 'portfolio (en)');
  expect(await page.getByTestId('figure-awarded').innerText()).toBe('€80,000.00');
  await shot(page, 'portfolio-en');
}, 120_000);
