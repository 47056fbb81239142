// The grantee's way from an open call to a grant, in a real browser against the real API, worker,
// PostgreSQL and Redis: the call found signed out, sign-up and back, a draft written over two
// visits (a reload loses nothing), a failed submission showing each problem at its field, the
// draft form and submit driven by the keyboard alone, the funder's question answered, and the
// approval with a lower amount read back with the API's exact figures. axe checks every page.
import '../helpers/web-env';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { signUp, uniqueEmail, type Account } from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';
import { until } from '../helpers/wait';
import {
  answerAndResubmit,
  APPLICATION_AND_GRANT,
  exactly,
  expectGrantShownToTeam,
  expectListedAsApproved,
  GERMAN,
  isFocused,
  line,
  logInAs,
  readFundersQuestion,
  saved,
  sprint,
  tabTo,
} from '../helpers/web-steps';

let system: WebSystem;
let funder: Account;
let programme: { id: string; title: string };

const SHOTS = join(tmpdir(), 'meilenstein-grantee-shots');
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  system = await startWebSystem();
  funder = await signUp(system.api, 'FUNDER', { name: 'Stiftung Nachbarschaft' });
  programme = await createProgramme(funder, {
    title: 'Digitale Nachbarschaft 2027',
    reallocationPolicy: { tolerancePercent: 15, approvalBeyondTolerance: true },
  });
}, 60_000);

afterAll(async () => {
  await system?.close();
});

test('from the open call to the grant, in German', async () => {
  const { page } = await system.person('de-DE');

  // Signed out: the open calls and the call page with its rules in plain words.
  await page.goto('/calls');
  await page.getByRole('heading', { level: 1, name: 'Offene Ausschreibungen' }).waitFor();
  await expectAccessible(page, 'open calls');
  await shot(page, '01-calls');
  await page.getByRole('link', { name: programme.title }).click();
  await page.getByRole('heading', { level: 1, name: programme.title }).waitFor();
  await page.getByRole('cell', { name: 'Wirkung' }).waitFor();
  await page.getByRole('cell', { name: 'Machbarkeit' }).waitFor();
  await page.getByText('bis zu 15 % über ihrem ursprünglichen Plan').waitFor();
  await page.getByText('bis zu 4 Sprints von je 42 Tagen').waitFor();
  await page.getByText('30 % der Fördersumme werden bei der Bewilligung ausgezahlt.').waitFor();
  await expectAccessible(page, 'call page');
  await shot(page, '02-call');

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
  await page.getByRole('heading', { level: 1, name: programme.title }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/calls/${programme.id}`);
  await page.getByRole('button', { name: 'Antrag beginnen' }).click();
  await page.waitForURL(/\/applications\/[\w-]+$/);
  const applicationId = new URL(page.url()).pathname.split('/').pop()!;
  await page.getByRole('heading', { level: 1, name: 'Antrag ohne Titel' }).waitFor();
  await expectAccessible(page, 'new draft');

  // First visit: a part of the application, saved as typed.
  await page.getByLabel(exactly('Projekttitel')).fill('Werkzeugbibliothek');
  await page.getByLabel(exactly('Zusammenfassung')).fill('Nachbar*innen leihen sich Werkzeug.');
  await page.getByLabel(exactly('Kontaktperson')).fill('Grete Grantee');
  await page.getByLabel(exactly('Beantragter Betrag')).fill('100.000,00');
  await page.getByRole('button', { name: 'Budgetzeile hinzufügen' }).click();
  await line(page, 1).getByLabel('Bezeichnung').fill('Entwicklung');
  await line(page, 1).getByLabel('Betrag').fill('60.000');
  await page.getByRole('button', { name: 'Sprint hinzufügen' }).click();
  await sprint(page, 1).getByLabel('Meilensteine').fill('Prototyp\nInterviews');
  await saved(page);
  await shot(page, '03-draft-first-visit');

  // A reload (the second evening) loses nothing.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Werkzeugbibliothek' }).waitFor();
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

  // Second visit, by keyboard only: the rest of the text, a second line, then submit.
  await page.getByRole('heading', { level: 1, name: 'Werkzeugbibliothek' }).focus();
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
  await shot(page, '04-problems');

  // Fix them, still by keyboard, and submit.
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
  await shot(page, '05-submitted');

  // The funder asks for information; the team edits and submits again.
  const question = 'Bitte beschreiben Sie, wie Sie die Nachbarschaft erreichen.';
  const asked = await funder.gql(DECIDE, {
    input: { applicationId, decision: 'REQUEST_INFO', comment: question },
  });
  expect(asked.errors).toBeUndefined();
  await readFundersQuestion(page, question);
  await shot(page, '06-info-requested');
  await answerAndResubmit(page, ' Aushänge im Treppenhaus und ein Stand auf dem Wochenmarkt.');

  // The funder approves a lower amount with adjusted lines; the team sees it all.
  const feedback = 'Gern – mit etwas weniger Sachkosten.';
  const approved = await funder.gql(DECIDE, {
    input: {
      applicationId,
      decision: 'APPROVE',
      comment: feedback,
      awardedAmount: { amount: 90_000_00, currency: 'EUR' },
      budgetLines: [
        {
          category: 'PERSONNEL',
          name: 'Entwicklung',
          amount: { amount: 60_000_00, currency: 'EUR' },
        },
        {
          category: 'PERSONNEL',
          name: 'Sachkosten',
          amount: { amount: 30_000_00, currency: 'EUR' },
        },
      ],
    },
  });
  expect(approved.errors).toBeUndefined();
  const api = await funder.gql(APPLICATION_AND_GRANT, { id: applicationId }, GERMAN);
  const grant = api.data.application.grant;
  expect(api.data.application).toMatchObject({ status: 'APPROVED', version: 2 });
  expect(grant.awardedAmount.formatted).toBe('90.000,00\u00a0€');
  await expectGrantShownToTeam(page, grant, feedback);
  await shot(page, '07-approved');

  // The list shows where it stands.
  await expectListedAsApproved(page, 'Werkzeugbibliothek');
  await shot(page, '08-list');
}, 180_000);

test('the key pages in English', async () => {
  const grantee = await signUp(system.api, 'GRANTEE', { name: 'Repair Café' });
  const applicationId = await submitApplication(grantee, programme.id);
  const { page } = await system.person('en-GB');

  await page.goto(`/calls/${programme.id}`);
  await page.getByRole('heading', { level: 1, name: programme.title }).waitFor();
  await page.getByText('A budget line may end up to 15 % above its original plan').waitFor();
  await page.getByRole('link', { name: 'Log in to apply' }).click();
  await page.getByLabel('Email').fill(grantee.email);
  await page.getByLabel(exactly('Password')).fill(grantee.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: programme.title }).waitFor();
  await page.getByRole('button', { name: 'Start application' }).waitFor();
  await expectAccessible(page, 'call page, signed in, English');

  await page.goto(`/applications/${applicationId}`);
  await page.getByRole('heading', { level: 1, name: 'Nachbarschafts-App' }).waitFor();
  await page.getByText('Submitted. The funder’s reviewers are assessing it').waitFor();
  await page.getByRole('cell', { name: '€60,000.00' }).waitFor();
  await expectAccessible(page, 'submitted application, English');
  await shot(page, '10-english-application');

  await page.getByRole('button', { name: 'Withdraw application' }).click();
  await page.getByRole('dialog', { name: 'Withdraw this application?' }).waitFor();
  await expectAccessible(page, 'withdraw dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Withdraw application' }).click();
  await page.getByText('Withdrawn by your organisation.').waitFor();
}, 90_000);

test('German with "Sie" and with "du", as the organisation chooses', async () => {
  const texts: Record<string, string> = {};
  for (const form of ['SIE', 'DU'] as const) {
    const grantee = await signUp(system.api, 'GRANTEE', { name: `Verein ${form}`, language: 'de' });
    const updated = await grantee.gql(
      `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { formOfAddress } }`,
      { input: { name: `Verein ${form}`, country: 'DE', language: 'DE', formOfAddress: form } },
    );
    expect(updated.errors).toBeUndefined();
    const draft = await grantee.gql(
      `mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id } }`,
      { input: { programmeId: programme.id, title: `Antrag ${form}` } },
    );
    const { page } = await system.person('de-DE');
    await logInAs(page, grantee);
    await page.goto(`/applications/${draft.data.saveApplicationDraft.id}`);
    await page.getByRole('heading', { level: 1, name: `Antrag ${form}` }).waitFor();
    // A reload starts in the catalogue this browser showed last: the form of address is there at once.
    await page
      .getByText(form === 'DU' ? 'Was du verändern willst' : 'Was Sie verändern wollen')
      .waitFor({ timeout: 2_000 });
    texts[form] = await page.locator('main').innerText();
    await expectAccessible(page, `draft (${form})`);
    await shot(page, `20-draft-${form}`);
  }
  expect(texts.SIE).toContain('Was Sie verändern wollen, für wen und wie.');
  expect(texts.SIE).toContain('Planen Sie bis zu 4 Sprints');
  expect(texts.DU).toContain('Was du verändern willst, für wen und wie.');
  expect(texts.DU).toContain('Plane bis zu 4 Sprints');
  expect(texts.DU).not.toMatch(/\b(Sie|Ihr|Ihre|Ihren|Ihrer)\b/);
}, 90_000);
