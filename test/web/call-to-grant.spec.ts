import '../helpers/web-env';
// From a submitted application to the grant as a hand-off between two browsers, in German: the
// funder's manager and the grantee's team each in a browser profile of their own, each seeing in
// theirs what the other did in theirs. The manager asks for information; the team reads the
// question, edits and resubmits; the manager sees what changed and approves a lower amount with
// adjusted lines; both see the grant with the API's exact figures. Every step of the hand-off is a
// click or keystroke in the browser; axe checks every page visited. What comes before it — the
// programme, the sign-up, the draft and its submission, the reviewer's score — goes through the
// API here: funder-programmes.spec.ts and grantee-applications.spec.ts drive those in the browser.
import type { Page } from 'playwright-core';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { addMember, signUp, type Account } from '../helpers/identity';
import { createProgramme, SCORE, submitApplication } from '../helpers/programmes';
import {
  answerAndResubmit,
  APPLICATION_AND_GRANT as APPLICATION,
  askForInformation,
  expectGrantShownToTeam,
  expectListedAsApproved,
  fillLowerAward,
  GERMAN,
  logInAs,
  openSubmittedInbox,
  readFundersQuestion,
  screenshots,
  setLanguage,
} from '../helpers/web-steps';

let system: WebSystem;
let manager: Account;
let grantee: Account;
let managerPage: Page;
let granteePage: Page;
let programmeId: string;
let applicationId: string;

const TITLE = 'Digitale Nachbarschaft 2027';
/** The title `submitApplication` gives the application. */
const PROJECT = 'Nachbarschafts-App';

const shot = screenshots(process.env.SCREENSHOT_DIR);

beforeAll(async () => {
  system = await startWebSystem();
  const owner = await signUp(system.api, 'FUNDER', {
    name: 'Stiftung Nachbarschaft',
    language: 'de',
  });
  manager = await addMember(system.api, owner, 'MANAGER', 'manager');
  const reviewer = await addMember(system.api, owner, 'REVIEWER', 'reviewer');
  await setLanguage(manager, 'DE');
  programmeId = (
    await createProgramme(manager, {
      title: TITLE,
      reallocationPolicy: { tolerancePercent: 15, approvalBeyondTolerance: true },
    })
  ).id;
  grantee = await signUp(system.api, 'GRANTEE', { name: 'Werkzeug teilen e.V.', language: 'de' });
  applicationId = await submitApplication(grantee, programmeId, [60_000_00, 40_000_00], 1);
  const scored = await reviewer.gql(SCORE, {
    input: {
      applicationId,
      scores: [
        { criterionKey: 'impact', score: 5, comment: 'Begründung: Wirkung' },
        { criterionKey: 'feasibility', score: 3, comment: 'Begründung: Machbarkeit' },
      ],
    },
  });
  expect(scored.errors).toBeUndefined();
  // (5·3 + 3·1) / 4 = 4.5
  const api = await manager.gql(APPLICATION, { id: applicationId });
  expect(api.data.application).toMatchObject({ status: 'SUBMITTED', weightedScore: '4.50' });
}, 90_000);

afterAll(async () => {
  await system?.close();
});

test('the manager asks for information and the grantee edits and resubmits', async () => {
  // The team has its submitted application open in its browser.
  ({ page: granteePage } = await system.person('de-DE'));
  await logInAs(granteePage, grantee);
  await granteePage.goto(`/applications/${applicationId}`);
  await granteePage.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  await granteePage
    .getByText('Eingereicht. Die Gutachter*innen des Förderers bewerten ihn')
    .waitFor();

  ({ page: managerPage } = await system.person('de-DE'));
  const page = managerPage;
  await logInAs(page, manager);
  await openSubmittedInbox(page, programmeId, PROJECT);
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
  await askForInformation(page, question);
  expect((await manager.gql(APPLICATION, { id: applicationId })).data.application.status).toBe(
    'INFO_REQUESTED',
  );
  await shot(page, 'flow-08-info-requested-manager');

  // The team, in the other browser, reads the question, edits and submits again.
  await readFundersQuestion(granteePage, question);
  await shot(granteePage, 'flow-09-info-requested-grantee');
  await answerAndResubmit(
    granteePage,
    ' Aushänge im Treppenhaus und ein Stand auf dem Wochenmarkt.',
  );
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
  await fillLowerAward(page);
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
    ['Sachkosten 1', 30_000_00],
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

  // The team's grant summary: reference, amount, tranches and sprints as the API has them.
  await expectGrantShownToTeam(granteePage, grant, feedback);
  await shot(granteePage, 'flow-12-approved-grantee');

  // The team's list shows where it stands.
  await expectListedAsApproved(granteePage, PROJECT);
}, 180_000);
