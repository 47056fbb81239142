// Steps of the call-to-grant way that more than one browser spec takes, written once: signing in,
// moving through a form by keyboard, the funder's question and the team's answer, the approval of
// a lower amount and the grant as the team then sees it. Each step waits for what the person would
// see and asserts it; the spec around it keeps its own accessibility checks and screenshots where
// their names say which spec took them.
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from './browser';
import type { Account } from './identity';

/** A field's label exactly, allowing for the asterisk of required fields. */
export const exactly = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** Money the API formats in German, as the German pages show it. */
export const GERMAN = { 'accept-language': 'de' };

/** An application and the grant it became, with what the pages show of both. */
export const APPLICATION_AND_GRANT = `query($id: ID!) { application(applicationId: $id) {
  status version weightedScore requestedAmount { formatted }
  grant { id reference awardedAmount { amount formatted } budgetLines { name originalAmount { amount } }
    sprints { number } tranches { number amount { amount formatted } } } } }`;

/** Screenshots into `dir` when there is one (full page, `name`.png); nothing otherwise. */
export function screenshots(dir: string | undefined) {
  return async (page: Page, name: string): Promise<void> => {
    if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  };
}

/** The language the person reads the app (and their emails) in. */
export async function setLanguage(person: Account, language: 'DE' | 'EN'): Promise<void> {
  const res = await person.gql(
    `mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id } }`,
    { input: { language } },
  );
  expect(res.errors).toBeUndefined();
}

/** Signs in on the login page and waits for the overview. */
export async function logInAs(page: Page, account: Account, german = true): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(german ? 'E-Mail' : 'Email').fill(account.email);
  await page.getByLabel(exactly(german ? 'Passwort' : 'Password')).fill(account.password);
  await page.getByRole('button', { name: german ? 'Anmelden' : 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Welcome|Willkommen)/ }).waitFor();
}

/** Chooses `option` in the select or combobox labelled `label`. */
export async function pick(page: Page, label: RegExp | string, option: string): Promise<void> {
  await page
    .getByRole('combobox', { name: label })
    .or(page.getByRole('textbox', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Whether the element has the focus (run in the page; the test's own types know no DOM). */
export const isFocused = (el: unknown) =>
  el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement;

/** Moves focus with Tab (never the mouse) until `target` has it. */
export async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate(isFocused)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('the keyboard never reached the target');
}

/** Waits until the draft says everything typed so far is saved. */
export async function saved(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor();
}

/** The n-th budget line and sprint of the application form (German). */
export const line = (page: Page, n: number) =>
  page.getByRole('group', { name: `Budgetzeile ${n}` });
export const sprint = (page: Page, n: number) => page.getByRole('group', { name: `Sprint ${n}` });

/** The manager's inbox of a programme, showing the submitted applications, with `title` among them. */
export async function openSubmittedInbox(
  page: Page,
  programmeId: string,
  title: string,
): Promise<void> {
  await page.goto(`/programmes/${programmeId}/applications`);
  await page.getByRole('heading', { level: 1, name: 'Anträge' }).waitFor();
  await pick(page, 'Stand', 'eingereicht');
  await page.getByRole('link', { name: title }).waitFor();
}

/**
 * On the manager's application page: sends `question` and waits until the application says so.
 * Opens the form unless a step before opened it already.
 */
export async function askForInformation(page: Page, question: string): Promise<void> {
  const field = page.getByLabel(exactly('Ihre Fragen'));
  if (!(await field.isVisible())) await page.getByText('Nachfragen', { exact: true }).click();
  await field.fill(question);
  await page.getByRole('button', { name: 'Fragen senden' }).click();
  await page.getByText('Rückfrage gestellt', { exact: true }).first().waitFor();
}

/** On the team's application page (German): the funder's question is there after a reload. */
export async function readFundersQuestion(page: Page, question: string): Promise<void> {
  await page.reload();
  await page.getByRole('heading', { name: 'Fragen des Förderers' }).waitFor();
  await page.getByText(question).waitFor();
  await expectAccessible(page, 'information requested');
}

/** The team adds `addition` to its approach, saved as typed, and submits version 2. */
export async function answerAndResubmit(page: Page, addition: string): Promise<void> {
  await page.getByLabel(exactly('Der Lösungsansatz')).focus();
  await page.keyboard.press('End');
  await page.keyboard.type(addition);
  await saved(page);
  await page.getByRole('button', { name: 'Erneut einreichen' }).click();
  await page.getByText('Eingereicht als Version 2').waitFor();
  await expectAccessible(page, 'resubmitted application');
}

/**
 * The approval form for 80.000,00 € of the 100.000,00 € asked for (Entwicklung 60.000,00 € and
 * Sachkosten 1 40.000,00 €, as `submitApplication` writes them) in a programme of 500.000,00 €:
 * the line sum says what is too much until the lines fit, and what stays in the programme.
 */
export async function fillLowerAward(page: Page): Promise<void> {
  await page.getByLabel('Einen geringeren Betrag mit angepassten Budgetzeilen bewilligen').check();
  await page.getByLabel(exactly('Bewilligter Betrag')).fill('80.000,00');
  await page.getByLabel('Betrag für Entwicklung').fill('50.000,00');
  await page
    .getByTestId('line-sum')
    .getByText(/90\.000,00\s€ von 80\.000,00\s€/)
    .waitFor();
  await page.getByText(/10\.000,00\s€ zu viel/).waitFor();
  await page.getByLabel('Betrag für Sachkosten 1').fill('30.000,00');
  await page
    .getByTestId('line-sum')
    .getByText(/80\.000,00\s€ von 80\.000,00\s€/)
    .waitFor();
  expect(await page.getByTestId('left-after').innerText()).toMatch(/420\.000,00\s€/);
}

interface ShownGrant {
  id: string;
  reference: string;
  awardedAmount: { formatted: string };
  sprints: unknown[];
  tranches: { amount: { formatted: string } }[];
}

/** The team's application page after the approval: the grant with the API's exact figures. */
export async function expectGrantShownToTeam(
  page: Page,
  grant: ShownGrant,
  feedback: string,
): Promise<void> {
  await page.reload();
  await page.getByTestId('grant-summary').waitFor();
  await page.getByText('Bewilligt – die Förderung hat begonnen.').waitFor();
  expect(await page.getByTestId('decision-feedback').innerText()).toContain(feedback);
  expect(await page.getByTestId('grant-reference').innerText()).toBe(grant.reference);
  expect(await page.getByTestId('grant-awarded').innerText()).toBe(grant.awardedAmount.formatted);
  const trancheRows = page.getByTestId('grant-tranches').locator('tbody tr');
  expect(await trancheRows.count()).toBe(grant.tranches.length);
  for (const [i, tranche] of grant.tranches.entries())
    expect(await trancheRows.nth(i).innerText()).toContain(tranche.amount.formatted);
  expect(await page.getByTestId('grant-sprints').locator('tbody tr').count()).toBe(
    grant.sprints.length,
  );
  const toGrant = page.getByRole('link', { name: `Förderung ${grant.reference} öffnen` });
  expect(await toGrant.getAttribute('href')).toBe(`/grants/${grant.id}`);
  await expectAccessible(page, 'approved application (team)');
}

/** The team's list of applications shows `title` as approved. */
export async function expectListedAsApproved(page: Page, title: string): Promise<void> {
  await page.goto('/applications');
  await page.getByRole('heading', { level: 1, name: 'Anträge' }).waitFor();
  await page.getByRole('link', { name: title }).waitFor();
  await page.getByText('bewilligt', { exact: true }).waitFor();
  await expectAccessible(page, 'applications list (team)');
}
