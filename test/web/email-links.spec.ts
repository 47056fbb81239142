// Every link in every kind of email Meilenstein sends lands on a real page of the web app: the
// domain is driven through the API until each kind has been sent at least once, then each link
// is opened in the browser as its recipient and the intended page (or, for flows of later
// releases, the "coming soon" page) must show — never "page not found". axe checks each page.
import '../helpers/web-env';
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { AccountEmailKind } from '../../src/identity/account-token.service';
import { NotificationKind } from '../../src/notifications/notification.enums';
import { ReminderService } from '../../src/reminders/reminder.service';
import { WeeklyDigestJob } from '../../src/reports/weekly-digest.job';
import { WebhookDisabledJob } from '../../src/webhooks/webhook-disabled.job';
import {
  addressesOf,
  expectAccessible,
  linksIn,
  startWebSystem,
  type WebSystem,
} from '../helpers/browser';
import { createGrant, moveInput, REALLOCATE, type GrantFixture } from '../helpers/grants';
import { signUp, uniqueEmail, type Account } from '../helpers/identity';
import { submitApplication } from '../helpers/programmes';
import { DECIDE_REVIEW, FILE_NOTICE, sprintsOf, submitReview } from '../helpers/sprints';
import { until } from '../helpers/wait';

const DAY = 86_400_000;

/** What each emailed path must show: its page's heading (English, the recipients' language). */
const PAGES: { path: RegExp; heading: RegExp; shows?: string }[] = [
  { path: /^\/verify-email$/, heading: /^Confirm your email address$/ },
  { path: /^\/reset-password$/, heading: /^Choose a new password$/ },
  { path: /^\/confirm-email$/, heading: /^Confirm your new email address$/ },
  { path: /^\/invitations\/accept$/, heading: /^(Join .+|Invitation)$/ },
  { path: /^\/login$/, heading: /^(Log in|Welcome, .+)$/ },
  { path: /^\/forgot-password$/, heading: /^Reset your password$/ },
  { path: /^\/applications\/[\w-]+$/, heading: /^Nachbarschafts-App$/ },
  { path: /^\/grants\/[\w-]+\/sprints\/\d+\/review$/, heading: /^Review of sprint \d+$/ },
  {
    path: /^\/grants\/[\w-]+\/notices\/[\w-]+$/,
    heading: /^Change notice$/,
    shows: 'notice-details',
  },
  { path: /^\/grants\/[\w-]+\/budget$/, heading: /^Budget$/, shows: 'budget-lines' },
  {
    path: /^\/grants\/[\w-]+\/proof-of-use\/[\w-]+$/,
    heading: /^(Interim|Final) proof of use: .+$/,
    shows: 'financial-statement',
  },
  { path: /^\/programmes\/[\w-]+\/portfolio$/, heading: /^Portfolio$/ },
  { path: /^\/programmes\/[\w-]+\/applications\/[\w-]+$/, heading: /^Nachbarschafts-App$/ },
  { path: /^\/reports\/[\w-]+$/, heading: /^Report: .+$/ },
  { path: /^\/settings\/webhooks\/[\w-]+$/, heading: /^Webhook endpoint$/ },
  { path: /^\/settings\/notifications$/, heading: /^Email & notifications$/ },
  { path: /^\/learnings\/[\w-]+$/, heading: /^Sprint \d+: .+$/ },
];

let system: WebSystem;
let g: GrantFixture;

beforeAll(async () => {
  system = await startWebSystem();
}, 60_000);

afterAll(async () => {
  await system?.close();
});

const kindOf = (mail: ParsedMail) => {
  const kind = mail.headers.get('x-meilenstein-kind');
  return typeof kind === 'string' ? kind : '';
};

async function sendEveryKind(): Promise<Account[]> {
  const { api } = system;
  const db = api.app.get(DataSource);
  // Verification emails, an invitation (the manager) and the application decision.
  g = await createGrant(api);
  await db.query(`UPDATE person SET language = 'en'`);
  const people = [g.funder, g.manager, g.grantee];

  // Review reminders for sprint 1, before its review is in: due soon, then overdue.
  const s1 = (await sprintsOf(g.grantee, g.grantId)).find((s) => s.number === 1)!;
  const at = (date: string, days: number) => new Date(Date.parse(`${date}T09:00:00Z`) + days * DAY);
  await system.worker.get(ReminderService).scan(at(s1.endDate, -7));
  await system.worker.get(ReminderService).scan(at(s1.endDate, 1));
  // A reminder whose review is in by the time it is delivered is skipped: let them go out first.
  await until(
    () =>
      ['REVIEW_DUE_SOON', 'REVIEW_OVERDUE'].every((kind) =>
        system.smtp.messages.some((m) => kindOf(m) === kind),
      ),
    'review reminders',
    30_000,
  );

  // Sprint review submitted, then sent back (decided).
  const review = await submitReview(g.grantee, g.grantId, 1);
  // The funder asks the team to share the review's learning publicly.
  const shared = await g.grantee.gql(
    `query($id: ID!) { learnings(grantId: $id, first: 1) { nodes { id } } }`,
    { id: g.grantId },
  );
  const asked = await g.manager.gql(
    `mutation($id: ID!) { requestLearningVisibility(input: { learningId: $id, visibility: PUBLIC }) { id } }`,
    { id: shared.data.learnings.nodes[0].id },
  );
  expect(asked.errors).toBeUndefined();
  // Once the team has heard of the ask, it declines; the funder's managers hear the answer.
  await until(
    () => system.smtp.messages.some((m) => kindOf(m) === 'LEARNING_SHARE_REQUESTED'),
    'the request to share',
    30_000,
  );
  const answered = await g.grantee.gql(
    `mutation($id: ID!) { decideLearningShareRequest(input: { learningId: $id, decision: DECLINE, comment: "Not yet." }) { id } }`,
    { id: shared.data.learnings.nodes[0].id },
  );
  expect(answered.errors).toBeUndefined();
  const decided = await g.manager.gql(DECIDE_REVIEW, {
    input: {
      reviewId: review.id,
      decision: 'REQUEST_CHANGES',
      comment: 'Please add the receipts.',
    },
  });
  expect(decided.errors).toBeUndefined();

  // A change notice, and a reallocation beyond tolerance that waits, reminds, then is decided.
  const notice = await g.grantee.gql(FILE_NOTICE, {
    input: { grantId: g.grantId, kind: 'PIVOT', description: 'We work with the library now.' },
  });
  expect(notice.errors).toBeUndefined();
  // A proof of use submitted, then sent back.
  const proof = await g.grantee.gql(
    `mutation($id: ID!) { startProofOfUse(input: { grantId: $id, kind: INTERIM, periodFrom: "2026-01-01", periodTo: "2026-12-31" }) { id } }`,
    { id: g.grantId },
  );
  const proofSubmitted = await g.grantee.gql(
    `mutation($id: ID!) { submitProofOfUse(input: { proofOfUseId: $id, statement: "What we did." }) { id } }`,
    { id: proof.data.startProofOfUse.id },
  );
  expect(proofSubmitted.errors).toBeUndefined();
  const proofDecided = await g.manager.gql(
    `mutation($id: ID!) { decideProofOfUse(input: { proofOfUseId: $id, decision: REQUEST_CHANGES, comment: "More detail, please." }) { id } }`,
    { id: proof.data.startProofOfUse.id },
  );
  expect(proofDecided.errors).toBeUndefined();
  const waiting = await g.grantee.gql(REALLOCATE, {
    input: moveInput(g, 15_000_00, { to: 2, reason: 'More moderation.' }),
  });
  expect(waiting.data?.requestReallocation.status).toBe('PENDING');
  // An application that waits for the funder's decision, so the funder is reminded of it too.
  const grantee = await signUp(api, 'GRANTEE');
  await submitApplication(grantee, g.programmeId, [10_000_00], 1);
  const reminders = system.worker.get(ReminderService);
  await reminders.scan(new Date(Date.now() + 11 * DAY));
  // A reminder about a request decided before it is delivered is skipped: let it go out first.
  await until(
    () => system.smtp.messages.some((m) => kindOf(m) === 'DECISION_WAITING'),
    'the decision reminder',
    30_000,
  );
  const decide = await g.manager.gql(
    `mutation($input: DecideReallocationInput!) { decideReallocation(input: $input) { status } }`,
    {
      input: {
        reallocationId: waiting.data.requestReallocation.id,
        decision: 'APPROVE',
        comment: 'ok',
      },
    },
  );
  expect(decide.errors).toBeUndefined();

  // A report, the weekly digest, and an endpoint that was switched off for failing.
  const report = await g.funder.gql(
    `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
    { input: { kind: 'GRANT', format: 'CSV', grantId: g.grantId } },
  );
  expect(report.errors).toBeUndefined();
  await system.worker.get(WeeklyDigestJob).run(undefined, undefined, new Date(Date.now() + DAY));
  const endpoint = await g.funder.gql(
    `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hooks", eventTypes: [GRANT_STOPPED] }) { endpoint { id } } }`,
  );
  expect(endpoint.errors).toBeUndefined();
  const endpointId = endpoint.data.createWebhookEndpoint.endpoint.id as string;
  await db.query(
    `UPDATE webhook_endpoint SET status = 'DISABLED', disabled_reason = 'HTTP 500 thirty times' WHERE id = $1`,
    [endpointId],
  );
  await system.worker
    .get(WebhookDisabledJob)
    .run({ endpointId, disabledAt: new Date().toISOString() });

  // Account emails: password reset, email change (to the new and the old address), and a
  // sign-up with an address that has an account already.
  const person = await signUp(api, 'GRANTEE', { name: 'Werkstatt' });
  people.push(person);
  expect(
    (await api.gql(`mutation { requestPasswordReset(email: "${person.email}") }`)).errors,
  ).toBeUndefined();
  const newEmail = uniqueEmail('moved');
  const change = await person.gql(
    `mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }`,
    { e: newEmail, p: person.password },
  );
  expect(change.errors).toBeUndefined();
  const changeMail = await system.mailTo(newEmail);
  const token = new URL(linksIn(changeMail)[0]).searchParams.get('token');
  const confirmed = await person.gql(`mutation($t: String!) { confirmEmailChange(token: $t) }`, {
    t: token,
  });
  expect(confirmed.errors).toBeUndefined();
  const again = await api.gql(
    `mutation($input: SignUpInput!) { signUp(input: $input) { email } }`,
    {
      input: {
        email: g.grantee.email,
        password: 'someone else entirely',
        displayName: 'Somebody',
        organization: { name: 'Copycat e.V.', kind: 'GRANTEE', country: 'DE' },
      },
    },
  );
  expect(again.errors).toBeUndefined();
  // From here on the moved person signs in with the new address.
  person.email = newEmail;
  return people;
}

async function signedInAs(account: Account | undefined): Promise<Page> {
  const { page } = await system.person('en-GB');
  if (!account) return page;
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel(/^Password( \*)?$/).fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
  return page;
}

test('every link of every kind of email opens its page for its recipient', async () => {
  const people = await sendEveryKind();
  const expectedKinds = [
    ...Object.values(NotificationKind),
    ...Object.values(AccountEmailKind),
    'INVITATION',
  ];
  const missing = () =>
    expectedKinds.filter((kind) => !system.smtp.messages.some((m) => kindOf(m) === kind));
  await until(() => missing().length === 0, 'every kind of email', 30_000).catch(() => {
    throw new Error(`no email of these kinds arrived: ${missing().join(', ')}`);
  });

  // One mail of each kind and kind of page it links to (a decision reminder may be about an
  // application, a review or a reallocation).
  const pagesOf = (mail: ParsedMail) =>
    linksIn(mail)
      .map((l) => PAGES.findIndex((p) => p.path.test(new URL(l).pathname)))
      .join(',');
  const byKind = new Map<string, ParsedMail>();
  for (const mail of system.smtp.messages) {
    const key = `${kindOf(mail)} ${pagesOf(mail)}`;
    if (!byKind.has(key)) byKind.set(key, mail);
  }
  // Every link, grouped by whoever opens it: token links anonymously, the others by their recipient.
  const opens = new Map<string, { kind: string; link: string; recipient?: Account }[]>();
  for (const [entry, mail] of byKind) {
    const kind = entry.split(' ')[0];
    const to = addressesOf(mail)[0];
    const recipient = people.find((p) => p.email.toLowerCase() === to);
    const links = linksIn(mail).filter((l) => l.startsWith(system.api.url));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const url = new URL(link);
      if (!PAGES.some((p) => p.path.test(url.pathname)))
        throw new Error(`${kind}: no page is known for ${url.pathname}`);
      // Links that carry a token are for whoever holds the email, signed in or not.
      const key = url.searchParams.has('token') ? 'anonymous' : (recipient?.email ?? 'anonymous');
      const own = key === 'anonymous' ? undefined : recipient;
      opens.set(key, [...(opens.get(key) ?? []), { kind, link, recipient: own }]);
    }
  }

  // Each person opens their links in their own browser, in the order of their emails.
  const visited: string[] = [];
  const openAll = async (links: { kind: string; link: string; recipient?: Account }[]) => {
    const page = await signedInAs(links[0].recipient);
    // Several kinds link to the same page (the notification settings, a grant's budget or
    // review): the person opens and checks that link once, as nothing changes between visits.
    const opened = new Set<string>();
    for (const { kind, link } of links) {
      const url = new URL(link);
      if (!opened.has(link)) {
        const expected = PAGES.find((p) => p.path.test(url.pathname))!;
        await page.goto(link);
        await page.getByRole('heading', { level: 1, name: expected.heading }).waitFor();
        // Pages that act on their link at once show what happened, not a spinner, when checked.
        await page.getByText('Loading…').waitFor({ state: 'hidden' });
        expect(await page.getByRole('heading', { name: 'Page not found' }).count()).toBe(0);
        if (expected.shows) await page.getByTestId(expected.shows).waitFor();
        await expectAccessible(page, `${kind} → ${url.pathname}`);
        opened.add(link);
      }
      visited.push(`${kind} ${url.pathname}`);
    }
  };
  const queue = [...opens.values()].sort((a, b) => b.length - a.length);
  const failures: unknown[] = [];
  const browse = async () => {
    for (let next = queue.shift(); next && failures.length === 0; next = queue.shift())
      await openAll(next).catch((e: unknown) => failures.push(e));
  };
  await browse();
  if (failures.length > 0) throw failures[0];
  expect(new Set(visited.map((v) => v.split(' ')[0]))).toEqual(new Set(expectedKinds));
  // The funder's reminder of a waiting application opens the funder's review page.
  expect(visited).toContainEqual(
    expect.stringMatching(/^DECISION_WAITING \/programmes\/[\w-]+\/applications\/[\w-]+$/),
  );
}, 480_000);
