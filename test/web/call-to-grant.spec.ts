import '../helpers/web-env';
// From the open call to the grant as one flow in a real browser, in German, with the funder and
// the grantee in separate browser profiles: a manager creates a programme with two criteria, a
// three-question review template and a 15 % tolerance and opens it; the grantee finds the call
// signed out, signs up in the web app, drafts the application over two visits (a reload loses
// nothing), fails a submission with three problems shown at their fields, fixes them and submits;
// a reviewer scores it; the manager asks for information; the grantee edits and resubmits; the
// manager approves a lower amount with adjusted lines; both see the grant with the API's exact
// figures. Every step is a click or keystroke in the browser; axe checks every page visited.
import type { Locator, Page } from 'playwright-core';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { addMember, signUp, uniqueEmail, type Account } from '../helpers/identity';
import { until } from '../helpers/wait';

let system: WebSystem;
let manager: Account;
let reviewer: Account;
let managerPage: Page;
let granteePage: Page;
let programmeId: string;
let applicationId: string;

const TITLE = 'Digitale Nachbarschaft 2027';
const PROJECT = 'Werkzeugbibliothek';

const SHOTS = process.env.SCREENSHOT_DIR;
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** A field's label exactly, allowing for the asterisk of required fields. */
const exactly = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** Money the API formats in German, as the pages show it. */
const GERMAN = { 'accept-language': 'de' };

const APPLICATION = `query($id: ID!) { application(applicationId: $id) {
  status version weightedScore requestedAmount { formatted }
  grant { id reference awardedAmount { amount formatted } budgetLines { name originalAmount { amount } }
    sprints { number } tranches { number amount { amount formatted } } } } }`;

beforeAll(async () => {
  system = await startWebSystem();
  // The funder's organisation and its people exist already; everything else happens in the browser.
  const owner = await signUp(system.api, 'FUNDER', {
    name: 'Stiftung Nachbarschaft',
    language: 'de',
  });
  manager = await addMember(system.api, owner, 'MANAGER', 'manager');
  reviewer = await addMember(system.api, owner, 'REVIEWER', 'reviewer');
  for (const person of [manager, reviewer]) {
    const res = await person.gql(
      `mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id } }`,
      { input: { language: 'DE' } },
    );
    expect(res.errors).toBeUndefined();
  }
}, 90_000);

afterAll(async () => {
  await system?.close();
});

async function logInAs(page: Page, account: Account) {
  await page.goto('/login');
  await page.getByLabel('E-Mail').fill(account.email);
  await page.getByLabel(exactly('Passwort')).fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1, name: /^Willkommen/ }).waitFor();
}

async function pick(page: Page, label: RegExp | string, option: string) {
  await page
    .getByRole('combobox', { name: label })
    .or(page.getByRole('textbox', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const local = (ms: number) => {
  const d = new Date(Date.now() + ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Whether the element has the focus (run in the page; the test's own types know no DOM). */
const isFocused = (el: unknown) =>
  el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement;

/** Moves focus with Tab (never the mouse) until `target` has it. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate(isFocused)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('the keyboard never reached the target');
}

/** Waits until the draft says everything typed so far is saved. */
async function saved(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor();
}

const line = (page: Page, n: number) => page.getByRole('group', { name: `Budgetzeile ${n}` });
const sprint = (page: Page, n: number) => page.getByRole('group', { name: `Sprint ${n}` });

test('the manager creates the programme with two criteria, three review questions and a 15 % tolerance, and opens it', async () => {
  ({ page: managerPage } = await system.person('de-DE'));
  const page = managerPage;
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

  await page.getByLabel(exactly('Titel')).fill(TITLE);
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
  await page.getByRole('textbox', { name: 'Toleranz', exact: true }).fill('15');
  await expectAccessible(page, 'new programme (filled in)');
  await shot(page, 'flow-01-programme-new');

  await page.getByRole('button', { name: 'Programm anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  programmeId = new URL(page.url()).pathname.split('/')[2];
  await page.getByText('Entwurf', { exact: true }).waitFor();
  await expectAccessible(page, 'programme page (draft)');
  await page.getByRole('button', { name: 'Aufruf öffnen' }).click();
  await page.getByText('offen für Anträge', { exact: true }).waitFor();
  await expectAccessible(page, 'programme page (open)');
  await shot(page, 'flow-02-programme-open');

  const saved = await manager.gql(
    `query($id: ID!) { programme(programmeId: $id) { status criteria { name weight }
      reviewTemplate { labelDe type } reallocationPolicy { tolerancePercent } } }`,
    { id: programmeId },
  );
  expect(saved.data.programme).toEqual({
    status: 'OPEN',
    criteria: [
      { name: 'Wirkung', weight: 3 },
      { name: 'Machbarkeit', weight: 1 },
    ],
    reviewTemplate: [
      { labelDe: questions[0][0], type: 'NUMBER' },
      { labelDe: questions[1][0], type: 'TEXT' },
      { labelDe: questions[2][0], type: 'SCALE' },
    ],
    reallocationPolicy: { tolerancePercent: 15 },
  });
}, 180_000);

test('the grantee finds the call signed out, signs up, drafts over two visits and submits after fixing three problems', async () => {
  ({ page: granteePage } = await system.person('de-DE'));
  const page = granteePage;

  // Signed out: the open calls and the call page with its rules in plain words.
  await page.goto('/calls');
  await page.getByRole('heading', { level: 1, name: 'Offene Ausschreibungen' }).waitFor();
  await expectAccessible(page, 'open calls');
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByRole('cell', { name: 'Wirkung' }).waitFor();
  await page.getByRole('cell', { name: 'Machbarkeit' }).waitFor();
  await page.getByText('bis zu 15 % über ihrem ursprünglichen Plan').waitFor();
  await expectAccessible(page, 'call page');
  await shot(page, 'flow-03-call');

  // Sign up from the call and come back to it once the address is confirmed.
  await page.getByRole('link', { name: 'Registrieren und bewerben' }).click();
  const email = uniqueEmail('grete');
  await page.getByLabel(exactly('Name')).fill('Grete Grantee');
  await page.getByLabel('E-Mail').fill(email);
  await page.getByLabel('Neues Passwort').fill('a long enough passphrase');
  await page.getByLabel('Name der Organisation').fill('Werkzeug teilen e.V.');
  await expectAccessible(page, 'sign-up page');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page.getByRole('heading', { name: 'Bitte prüfen Sie Ihr Postfach' }).waitFor();
  await page.goto(await system.linkFor(email, '/verify-email'));
  await page.getByRole('link', { name: 'Weiter' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/calls/${programmeId}`);
  await page.getByRole('button', { name: 'Antrag beginnen' }).click();
  await page.waitForURL(/\/applications\/[\w-]+$/);
  applicationId = new URL(page.url()).pathname.split('/').pop()!;
  await page.getByRole('heading', { level: 1, name: 'Antrag ohne Titel' }).waitFor();
  await expectAccessible(page, 'new draft');

  // First visit: a part of the application, saved as typed.
  await page.getByLabel(exactly('Projekttitel')).fill(PROJECT);
  await page.getByLabel(exactly('Zusammenfassung')).fill('Nachbar*innen leihen sich Werkzeug.');
  await page.getByLabel(exactly('Kontaktperson')).fill('Grete Grantee');
  await page.getByLabel(exactly('Beantragter Betrag')).fill('100.000,00');
  await page.getByRole('button', { name: 'Budgetzeile hinzufügen' }).click();
  await line(page, 1).getByLabel('Bezeichnung').fill('Entwicklung');
  await line(page, 1).getByLabel('Betrag').fill('60.000');
  await page.getByRole('button', { name: 'Sprint hinzufügen' }).click();
  await sprint(page, 1).getByLabel('Meilensteine').fill('Prototyp\nInterviews');
  await saved(page);
  await shot(page, 'flow-04-draft-first-visit');

  // A reload (the second evening) loses nothing.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  expect(await page.getByLabel(exactly('Zusammenfassung')).inputValue()).toBe(
    'Nachbar*innen leihen sich Werkzeug.',
  );
  expect(await page.getByLabel(exactly('Kontaktperson')).inputValue()).toBe('Grete Grantee');
  expect(await page.getByLabel(exactly('Beantragter Betrag')).inputValue()).toBe('100.000,00');
  expect(await line(page, 1).getByLabel('Bezeichnung').inputValue()).toBe('Entwicklung');
  expect(await line(page, 1).getByLabel('Betrag').inputValue()).toBe('60.000,00');
  expect(await sprint(page, 1).getByLabel('Meilensteine').inputValue()).toBe(
    'Prototyp\nInterviews',
  );
  await expectAccessible(page, 'draft after reload');

  // Second visit, by keyboard: the rest of the text, a second line, then submit.
  await page.getByRole('heading', { level: 1, name: PROJECT }).focus();
  await tabTo(page, page.getByLabel(exactly('Das Problem')));
  await page.keyboard.type('Werkzeug wird oft gekauft und selten benutzt.');
  await tabTo(page, page.getByLabel(exactly('Der Lösungsansatz')));
  await page.keyboard.type('Klein anfangen in einem Viertel, lernen, wachsen.');
  await tabTo(page, page.getByLabel(exactly('Kontakt-E-Mail')));
  await page.keyboard.type('grete@');
  await tabTo(page, page.getByRole('button', { name: 'Budgetzeile hinzufügen' }));
  await page.keyboard.press('Enter');
  await tabTo(page, line(page, 2).getByLabel('Bezeichnung'), true);
  await page.keyboard.type('Sachkosten');
  await tabTo(page, line(page, 2).getByLabel('Betrag'));
  await page.keyboard.type('30.000');
  await tabTo(page, page.getByRole('button', { name: 'Antrag einreichen' }));
  await page.keyboard.press('Enter');

  // Three problems, each at its field; nothing was submitted.
  await page.getByText('3 Angaben brauchen Ihre Aufmerksamkeit').waitFor();
  const emailField = page.getByLabel(exactly('Kontakt-E-Mail'));
  await page.getByText('Das ist keine E-Mail-Adresse.').waitFor();
  expect(await emailField.getAttribute('aria-invalid')).toBe('true');
  // Focus moves to the first field with a problem once the problems are shown.
  await until(() => emailField.evaluate(isFocused), 'focus on the first field with a problem');
  const goal = sprint(page, 1).getByLabel('Ziel');
  expect(await goal.getAttribute('aria-invalid')).toBe('true');
  await sprint(page, 1).getByText('Das Ziel fehlt.').waitFor();
  await page
    .getByText(
      'Die Zeilen ergeben 90.000,00 €, beantragt sind 100.000,00 €; beides muss gleich sein.',
    )
    .waitFor();
  await page.getByText('Noch 10.000,00 € zu verteilen').waitFor();
  await expectAccessible(page, 'draft with problems');
  await shot(page, 'flow-05-problems');

  // Fix them and submit.
  await page.keyboard.press('End');
  await page.keyboard.type('example.org');
  await tabTo(page, line(page, 2).getByLabel('Betrag'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('40.000,00');
  await tabTo(page, goal);
  await page.keyboard.type('Prototyp mit 20 Haushalten testen');
  await page.getByText('Die Zeilen ergeben den beantragten Betrag.').waitFor();
  await tabTo(page, page.getByRole('button', { name: 'Antrag einreichen' }));
  await page.keyboard.press('Enter');
  await page.getByText('Eingereicht. Die Gutachter*innen des Förderers bewerten ihn').waitFor();
  await expectAccessible(page, 'submitted application');
  await shot(page, 'flow-06-submitted');

  const api = (await manager.gql(APPLICATION, { id: applicationId })).data.application;
  expect(api).toMatchObject({ status: 'SUBMITTED', version: 1 });
}, 180_000);

test('a reviewer scores the application in the browser', async () => {
  const { page } = await system.person('de-DE');
  await logInAs(page, reviewer);
  await page.goto(`/programmes/${programmeId}/applications`);
  await page.getByRole('heading', { level: 1, name: 'Anträge' }).waitFor();
  await expectAccessible(page, 'inbox (reviewer)');
  await page.getByRole('link', { name: PROJECT }).click();
  await page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
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
  await shot(page, 'flow-07-scored');

  // (5·3 + 3·1) / 4 = 4.5
  const api = await manager.gql(APPLICATION, { id: applicationId });
  expect(api.data.application.weightedScore).toBe('4.50');
}, 120_000);

test('the manager asks for information and the grantee edits and resubmits', async () => {
  const page = managerPage;
  await page.goto(`/programmes/${programmeId}/applications`);
  await page.getByRole('heading', { level: 1, name: 'Anträge' }).waitFor();
  await pick(page, 'Stand', 'eingereicht');
  await page.getByRole('link', { name: PROJECT }).waitFor();
  expect(await page.getByRole('cell', { name: '4,50' }).count()).toBe(1);
  await expectAccessible(page, 'inbox (manager)');
  await page.getByRole('link', { name: PROJECT }).click();
  await page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  const before = await manager.gql(APPLICATION, { id: applicationId }, GERMAN);
  expect(await page.getByTestId('requested-amount').innerText()).toBe(
    before.data.application.requestedAmount.formatted,
  );
  expect(before.data.application.requestedAmount.formatted).toBe('100.000,00\u00a0€');
  expect(await page.getByTestId('weighted-score').innerText()).toBe('4,50');
  await expectAccessible(page, 'application page (manager)');

  const question = 'Wie erreichen Sie ältere Nachbar*innen?';
  await page.getByText('Nachfragen', { exact: true }).click();
  await page.getByLabel(exactly('Ihre Fragen')).fill(question);
  await page.getByRole('button', { name: 'Fragen senden' }).click();
  await page.getByText('Rückfrage gestellt', { exact: true }).first().waitFor();
  expect((await manager.gql(APPLICATION, { id: applicationId })).data.application.status).toBe(
    'INFO_REQUESTED',
  );
  await shot(page, 'flow-08-info-requested-manager');

  // The grantee, in the other browser, reads the question, edits and submits again.
  const grantee = granteePage;
  await grantee.reload();
  await grantee.getByRole('heading', { name: 'Fragen des Förderers' }).waitFor();
  await grantee.getByText(question).waitFor();
  await expectAccessible(grantee, 'information requested');
  await shot(grantee, 'flow-09-info-requested-grantee');
  const approach = grantee.getByLabel(exactly('Der Lösungsansatz'));
  await approach.focus();
  await grantee.keyboard.press('End');
  await grantee.keyboard.type(' Aushänge im Treppenhaus und ein Stand auf dem Wochenmarkt.');
  await saved(grantee);
  await grantee.getByRole('button', { name: 'Erneut einreichen' }).click();
  await grantee.getByText('Eingereicht als Version 2').waitFor();
  await expectAccessible(grantee, 'resubmitted application');
  expect((await manager.gql(APPLICATION, { id: applicationId })).data.application).toMatchObject({
    status: 'SUBMITTED',
    version: 2,
  });
}, 120_000);

test('the manager approves a lower amount with adjusted lines, and both see the grant the API reports', async () => {
  const page = managerPage;
  await page.reload();
  await page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  await page.getByText('Fassung 2 eingereicht').waitFor();
  const changes = page.getByRole('table', { name: 'Änderungen zwischen den Fassungen' });
  await changes.getByText(/Stand auf dem Wochenmarkt/).waitFor();
  expect(await changes.getByRole('rowheader').allInnerTexts()).toEqual(['Der Ansatz']);

  // Approve 80.000,00 € of the 100.000,00 € with adjusted lines.
  const feedback = 'Gern – mit etwas weniger für beides.';
  await page.getByLabel('Einen geringeren Betrag mit angepassten Budgetzeilen bewilligen').check();
  await page.getByLabel(exactly('Bewilligter Betrag')).fill('80.000,00');
  await page.getByLabel('Betrag für Entwicklung').fill('50.000,00');
  await page
    .getByTestId('line-sum')
    .getByText(/90\.000,00\s€ von 80\.000,00\s€/)
    .waitFor();
  await page.getByText(/10\.000,00\s€ zu viel/).waitFor();
  await page.getByLabel('Betrag für Sachkosten').fill('30.000,00');
  await page
    .getByTestId('line-sum')
    .getByText(/80\.000,00\s€ von 80\.000,00\s€/)
    .waitFor();
  expect(await page.getByTestId('left-after').innerText()).toMatch(/420\.000,00\s€/);
  await page.getByLabel('Notiz an das Team (optional)').fill(feedback);
  await expectAccessible(page, 'approval form (lower amount)');
  await shot(page, 'flow-10-approve-form');
  await page.getByRole('button', { name: /^80\.000,00\s€ bewilligen$/ }).click();
  await page.getByText('Bewilligt: Die Förderung ist angelegt').waitFor();

  const after = (await manager.gql(APPLICATION, { id: applicationId }, GERMAN)).data.application;
  expect(after).toMatchObject({ status: 'APPROVED', version: 2 });
  const grant = after.grant;
  expect(grant.awardedAmount).toEqual({ amount: 80_000_00, formatted: '80.000,00\u00a0€' });
  expect(grant.budgetLines.map((l: any) => [l.name, l.originalAmount.amount])).toEqual([
    ['Entwicklung', 50_000_00],
    ['Sachkosten', 30_000_00],
  ]);
  const grants = await manager.gql(`query($id: ID!) { grants(programmeId: $id) { totalCount } }`, {
    id: programmeId,
  });
  expect(grants.data.grants.totalCount).toBe(1);

  // The manager's grant summary.
  expect(await page.getByTestId('grant-summary').innerText()).toBe(
    `Förderung ${grant.reference} über ${grant.awardedAmount.formatted}.`,
  );
  await expectAccessible(page, 'application page (approved, manager)');
  await shot(page, 'flow-11-approved-manager');

  // The grantee's grant summary: reference, amount, tranches and sprints as the API has them.
  const grantee = granteePage;
  await grantee.reload();
  await grantee.getByTestId('grant-summary').waitFor();
  await grantee.getByText('Bewilligt – die Förderung hat begonnen.').waitFor();
  expect(await grantee.getByTestId('decision-feedback').innerText()).toContain(feedback);
  expect(await grantee.getByTestId('grant-reference').innerText()).toBe(grant.reference);
  expect(await grantee.getByTestId('grant-awarded').innerText()).toBe(
    grant.awardedAmount.formatted,
  );
  const trancheRows = grantee.getByTestId('grant-tranches').locator('tbody tr');
  expect(await trancheRows.count()).toBe(grant.tranches.length);
  for (const [i, tranche] of grant.tranches.entries())
    expect(await trancheRows.nth(i).innerText()).toContain(tranche.amount.formatted);
  expect(await grantee.getByTestId('grant-sprints').locator('tbody tr').count()).toBe(
    grant.sprints.length,
  );
  const toGrant = grantee.getByRole('link', { name: `Förderung ${grant.reference} öffnen` });
  expect(await toGrant.getAttribute('href')).toBe(`/grants/${grant.id}`);
  await expectAccessible(grantee, 'approved application (grantee)');
  await shot(grantee, 'flow-12-approved-grantee');

  // The grantee's list shows where it stands.
  await grantee.goto('/applications');
  await grantee.getByRole('heading', { level: 1, name: 'Anträge' }).waitFor();
  await grantee.getByRole('link', { name: PROJECT }).waitFor();
  await grantee.getByText('bewilligt', { exact: true }).waitFor();
  await expectAccessible(grantee, 'applications list (grantee)');
}, 180_000);
