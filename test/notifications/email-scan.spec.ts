// Every kind of email, as a person reads it: the domain is driven through the API and the worker
// until each notification kind (taken from the enum, so a new kind without coverage fails here)
// and each account email has been sent, in four worlds — English and German, each for an
// organisation that says "Sie" and one that says "du" — and each message captured by a real SMTP server is scanned: no enum token, no ISO date or
// timestamp, no "undefined"/"null"/"[object Object]", no catalogue key or unfilled
// "{{placeholder}}" in subject, text or HTML; greetings as each language writes them; the funder's
// name and inline logo on every email about its programme; the approval email with the awarded
// amount and the start date. Each kind's in-app notification is read too: it does not end with
// the email's lead to its link.
import type { INestApplicationContext } from '@nestjs/common';
import { buildSchema, GraphQLEnumType } from 'graphql';
import type { ParsedMail } from 'mailparser';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AccountEmailKind } from '../../src/identity/account-token.service';
import { EMAIL_CATALOGUES } from '../../src/notifications/email-texts';
import { NotificationKind } from '../../src/notifications/notification.enums';
import { ReminderService } from '../../src/reminders/reminder.service';
import { WeeklyDigestJob } from '../../src/reports/weekly-digest.job';
import { WebhookDisabledJob } from '../../src/webhooks/webhook-disabled.job';
import { startApi, TestApi } from '../helpers/api';
import { REALLOCATE } from '../helpers/grants';
import {
  Account,
  addMember,
  asAccount,
  AUTH_FIELDS,
  emailToken,
  uniqueEmail,
} from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';
import { DECIDE_REVIEW, FILE_NOTICE, sprintsOf, submitReview } from '../helpers/sprints';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { until } from '../helpers/wait';

const DAY = 86_400_000;
const PASSWORD = 'correct horse battery staple';
// A real 1×1 PNG: the funder's logo.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface World {
  label: string;
  language: 'en' | 'de';
  form: 'SIE' | 'DU';
}
const WORLDS: World[] = [
  { label: 'English', language: 'en', form: 'SIE' },
  // An organisation that says "du" is greeted by first name in English, too.
  { label: 'English, du', language: 'en', form: 'DU' },
  { label: 'German, Sie', language: 'de', form: 'SIE' },
  { label: 'German, du', language: 'de', form: 'DU' },
];

const EXPECTED_KINDS = [
  ...Object.values(NotificationKind),
  ...Object.values(AccountEmailKind),
  'INVITATION',
];
/** Kinds about a programme, application or grant: they carry the funder's name and logo. */
const FUNDER_KINDS = Object.values(NotificationKind).filter(
  (k) => k !== NotificationKind.WEBHOOK_DISABLED,
);

// Words a reader may see in capitals: file formats and protocols, not codes.
const ACRONYMS = new Set(['CSV', 'JSON', 'PDF', 'XLSX', 'HTTP', 'HTML', 'API']);
const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
const ENUM_VALUES = new Set(
  Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLEnumType => t instanceof GraphQLEnumType && !t.name.startsWith('__'))
    .flatMap((t) => t.getValues().map((v) => v.name))
    .filter((v) => /^[A-Z][A-Z0-9_]+$/.test(v) && !ACRONYMS.has(v)),
);

const kindOf = (mail: ParsedMail) => {
  const kind = mail.headers.get('x-meilenstein-kind');
  return typeof kind === 'string' ? kind : '';
};
const toOf = (mail: ParsedMail) =>
  ((mail.to as { value: { address?: string }[] } | undefined)?.value ?? []).map((a) =>
    (a.address ?? '').toLowerCase(),
  );

/** A key of the email catalogues (`reviewSubmitted.subject`), asked for or misspelt. */
const CATALOGUE_KEY = new RegExp(
  `\\b(?:${Object.keys(EMAIL_CATALOGUES.en).join('|')})\\.[A-Za-z][\\w.]*`,
  'g',
);

/** What a person reads: links (with their ids and tokens) are not prose and are left out. */
const prose = (text: string) => text.replace(/https?:\/\/\S+/g, ' ').replace(/cid:\S+/g, ' ');

/** Everything in one email that should never reach a reader. */
function problemsIn(mail: ParsedMail): string[] {
  const problems: string[] = [];
  const parts: [string, string][] = [
    ['subject', mail.subject ?? ''],
    ['text', mail.text ?? ''],
    ['html', typeof mail.html === 'string' ? mail.html : ''],
  ];
  for (const [part, raw] of parts) {
    const text = prose(raw);
    for (const token of text.match(/\b[A-Z]{2,}(?:_[A-Z]+)+\b/g) ?? [])
      problems.push(`${part}: enum token ${token}`);
    for (const token of text.match(/\b[A-Z][A-Z0-9_]+\b/g) ?? [])
      if (ENUM_VALUES.has(token)) problems.push(`${part}: enum value ${token}`);
    for (const iso of text.match(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b|\b\d{4}-W\d{2}\b/g) ?? [])
      problems.push(`${part}: ISO date ${iso}`);
    for (const bad of text.match(/\bundefined\b|\bnull\b|\[object Object\]|\bNaN\b/g) ?? [])
      problems.push(`${part}: ${bad}`);
    // A text missing from the catalogues shows as its key; a value not given, as its placeholder.
    for (const key of text.replace(/\S+@\S+/g, ' ').match(CATALOGUE_KEY) ?? [])
      problems.push(`${part}: catalogue key ${key}`);
    for (const placeholder of text.match(/\{\{[^}]*\}\}/g) ?? [])
      problems.push(`${part}: placeholder ${placeholder}`);
  }
  return problems;
}

describe('every email, scanned in English and in German with "Sie" and "du"', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let storage: string;
  let db: DataSource;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'meilenstein-email-scan-'));
    smtp = await startSmtp({ keepVerificationEmails: true });
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_APP_URL: 'https://app.example.org',
      STORAGE_DIR: storage,
      // The endpoint that gets switched off points at this machine.
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      MAIL_LOGO_MAX_BYTES: '4096',
    };
    api = await startApi({ env });
    worker = await startWorker(env);
    db = api.app.get(DataSource);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    rmSync(storage, { recursive: true, force: true });
  });

  const funders: { account: Account; name: string; manager: string }[] = [];

  /** Signs up as the world says (language, du/Sie), verifies by the emailed link, signs in. */
  async function signUpAs(
    world: World,
    kind: 'FUNDER' | 'GRANTEE',
    displayName: string,
    organization: string,
  ): Promise<Account> {
    const email = uniqueEmail(kind.toLowerCase());
    const res = await api.gql(
      `mutation($input: SignUpInput!) { signUp(input: $input) { email } }`,
      {
        input: {
          email,
          password: PASSWORD,
          displayName,
          language: world.language.toUpperCase(),
          organization: {
            name: organization,
            kind,
            country: 'DE',
            language: world.language.toUpperCase(),
            formOfAddress: world.form,
          },
        },
      },
    );
    expect(res.errors).toBeUndefined();
    // The verification email is one of the kinds scanned: wait for it before the link is used.
    await until(
      () => smtp.messages.some((m) => kindOf(m) === 'VERIFY_EMAIL' && toOf(m).includes(email)),
      'the verification email',
    );
    const verified = await api.gql(
      `mutation($token: String!) { verifyEmail(token: $token) { ${AUTH_FIELDS} } }`,
      { token: await emailToken(api, email) },
    );
    expect(verified.errors).toBeUndefined();
    return asAccount(api, verified.data.verifyEmail, email, PASSWORD);
  }

  /** Drives the domain until every kind of email went out in `world`; answers its addresses. */
  async function sendEveryKind(world: World) {
    const addresses = new Set<string>();
    const funderName = `Stiftung Gemeinsinn (${world.label})`;
    const funder = await signUpAs(world, 'FUNDER', 'Clara Zetkin', funderName);
    const grantee = await signUpAs(world, 'GRANTEE', 'Ada Lovelace', `Werkstatt (${world.label})`);
    const logo = await fetch(
      `${api.url}/attachments/ORGANIZATION_LOGO/${funder.organizationId}?fileName=logo.png`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          authorization: `Bearer ${funder.accessToken}`,
        },
        body: new Uint8Array(PNG),
      },
    );
    expect(logo.status).toBe(201);
    // The invitation goes out in the organisation's language and du/Sie.
    const manager = await addMember(api, funder, 'MANAGER');
    await db.query(`UPDATE person SET display_name = 'Grace Hopper', language = $2 WHERE id = $1`, [
      manager.personId,
      world.language,
    ]);
    for (const a of [funder, grantee, manager]) addresses.add(a.email.toLowerCase());

    // The application is approved: the decision (amount, start) and the first tranche.
    const programme = await createProgramme(funder, { totalBudget: 10_000_000_00, maxSprints: 6 });
    const applicationId = await submitApplication(
      grantee,
      programme.id,
      [50_000_00, 30_000_00, 20_000_00],
      3,
    );
    const decided = await manager.gql(DECIDE, {
      input: { applicationId, decision: 'APPROVE', comment: 'Gern.' },
    });
    expect(decided.errors).toBeUndefined();
    const grantId: string = decided.data.decideApplication.grant.id;
    const grant = await funder.gql(
      `{ grant(grantId: "${grantId}") { startDate budgetLines { id } } }`,
    );
    const lineIds: string[] = grant.data.grant.budgetLines.map((l: { id: string }) => l.id);

    // Review reminders for sprint 1: due soon, then overdue — delivered before the review is in.
    const s1 = (await sprintsOf(grantee, grantId)).find((s) => s.number === 1)!;
    const at = (date: string, days: number) =>
      new Date(Date.parse(`${date}T09:00:00Z`) + days * DAY);
    const reminders = worker.get(ReminderService);
    await reminders.scan(at(s1.endDate, -7));
    await reminders.scan(at(s1.endDate, 1));
    const mine = (kind: string) =>
      smtp.messages.some((m) => kindOf(m) === kind && toOf(m).some((a) => addresses.has(a)));
    await until(() => mine('REVIEW_DUE_SOON') && mine('REVIEW_OVERDUE'), 'review reminders');

    // A delay of the running sprint (its dates are in the email).
    const notice = await grantee.gql(FILE_NOTICE, {
      input: {
        grantId,
        kind: 'DELAY',
        description: 'The library opens later.',
        requestedEndDate: new Date(Date.parse(`${s1.endDate}T00:00:00Z`) + 14 * DAY)
          .toISOString()
          .slice(0, 10),
      },
    });
    expect(notice.errors).toBeUndefined();

    // A review submitted and sent back; the funder asks to share its learning.
    const review = await submitReview(grantee, grantId, 1);
    const learnings = await grantee.gql(
      `query($id: ID!) { learnings(grantId: $id, first: 1) { nodes { id } } }`,
      { id: grantId },
    );
    const asked = await manager.gql(
      `mutation($id: ID!) { requestLearningVisibility(input: { learningId: $id, visibility: PUBLIC }) { id } }`,
      { id: learnings.data.learnings.nodes[0].id },
    );
    expect(asked.errors).toBeUndefined();
    // The team declines the ask (once it was told of it), with a word why: the funder's managers
    // hear the answer.
    await until(() => mine('LEARNING_SHARE_REQUESTED'), 'the request to share a learning');
    const answered = await grantee.gql(
      `mutation($input: DecideLearningShareRequestInput!) { decideLearningShareRequest(input: $input) { id } }`,
      {
        input: {
          learningId: learnings.data.learnings.nodes[0].id,
          decision: 'DECLINE',
          comment: 'Noch nicht öffentlich.',
        },
      },
    );
    expect(answered.errors).toBeUndefined();
    const sentBack = await manager.gql(DECIDE_REVIEW, {
      input: { reviewId: review.id, decision: 'REQUEST_CHANGES', comment: 'Bitte Belege.' },
    });
    expect(sentBack.errors).toBeUndefined();

    // A reallocation beyond tolerance that waits, reminds, then is decided.
    const waiting = await grantee.gql(REALLOCATE, {
      input: {
        grantId,
        fromLineId: lineIds[0],
        toLineId: lineIds[2],
        amount: { amount: 15_000_00, currency: 'EUR' },
        reason: 'More moderation.',
      },
    });
    expect(waiting.data?.requestReallocation.status).toBe('PENDING');
    await reminders.scan(new Date(Date.now() + 11 * DAY));
    await until(() => mine('DECISION_WAITING'), 'the decision reminder');
    const decide = await manager.gql(
      `mutation($input: DecideReallocationInput!) { decideReallocation(input: $input) { status } }`,
      {
        input: {
          reallocationId: waiting.data.requestReallocation.id,
          decision: 'APPROVE',
          comment: 'In Ordnung.',
        },
      },
    );
    expect(decide.errors).toBeUndefined();

    // An interim proof of use: submitted by the team, sent back by the funder.
    const proof = await grantee.gql(
      `mutation($input: StartProofOfUseInput!) { startProofOfUse(input: $input) { id } }`,
      {
        input: {
          grantId,
          kind: 'INTERIM',
          periodFrom: grant.data.grant.startDate,
          periodTo: grant.data.grant.startDate,
        },
      },
    );
    expect(proof.errors).toBeUndefined();
    const proofOfUseId: string = proof.data.startProofOfUse.id;
    const submittedProof = await grantee.gql(
      `mutation($input: SubmitProofOfUseInput!) { submitProofOfUse(input: $input) { status } }`,
      { input: { proofOfUseId, statement: 'Wir haben 80 Haushalte erreicht.' } },
    );
    expect(submittedProof.errors).toBeUndefined();
    await until(() => mine('PROOF_OF_USE_SUBMITTED'), 'the proof-of-use submission');
    const proofDecided = await manager.gql(
      `mutation($input: DecideProofOfUseInput!) { decideProofOfUse(input: $input) { status } }`,
      { input: { proofOfUseId, decision: 'REQUEST_CHANGES', comment: 'Bitte Belege ergänzen.' } },
    );
    expect(proofDecided.errors).toBeUndefined();

    // A report, the weekly digest, and an endpoint switched off for failing.
    const report = await funder.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
      { input: { kind: 'GRANT', format: 'PDF', grantId } },
    );
    expect(report.errors).toBeUndefined();
    await worker.get(WeeklyDigestJob).run(undefined, undefined, new Date(Date.now() + DAY));
    const endpoint = await funder.gql(
      `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hooks", eventTypes: [GRANT_STOPPED] }) { endpoint { id } } }`,
    );
    expect(endpoint.errors).toBeUndefined();
    const endpointId: string = endpoint.data.createWebhookEndpoint.endpoint.id;
    await db.query(
      `UPDATE webhook_endpoint SET status = 'DISABLED', disabled_reason = 'HTTP 500, thirty times' WHERE id = $1`,
      [endpointId],
    );
    await worker.get(WebhookDisabledJob).run({ endpointId, disabledAt: new Date().toISOString() });

    // Account emails: a password reset, an address change (new and old address), and a sign-up
    // with an address that has an account already.
    const mover = await signUpAs(world, 'GRANTEE', 'Emmy Noether', `Labor (${world.label})`);
    addresses.add(mover.email.toLowerCase());
    expect(
      (await api.gql(`mutation { requestPasswordReset(email: "${grantee.email}") }`)).errors,
    ).toBeUndefined();
    const newEmail = uniqueEmail('moved');
    addresses.add(newEmail);
    const change = await mover.gql(
      `mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }`,
      { e: newEmail, p: PASSWORD },
    );
    expect(change.errors).toBeUndefined();
    await until(() => mine('CHANGE_EMAIL'), 'the address-change email');
    const changeMail = smtp.messages.find(
      (m) => kindOf(m) === 'CHANGE_EMAIL' && toOf(m).includes(newEmail),
    )!;
    const link = /https?:\/\/\S+/.exec(changeMail.text ?? '')![0];
    const confirmed = await mover.gql(`mutation($t: String!) { confirmEmailChange(token: $t) }`, {
      t: new URL(link).searchParams.get('token'),
    });
    expect(confirmed.errors).toBeUndefined();
    const again = await api.gql(
      `mutation($input: SignUpInput!) { signUp(input: $input) { email } }`,
      {
        input: {
          email: grantee.email,
          password: 'someone else entirely',
          displayName: 'Somebody',
          organization: { name: 'Copycat e.V.', kind: 'GRANTEE', country: 'DE' },
        },
      },
    );
    expect(again.errors).toBeUndefined();

    const mails = () => smtp.messages.filter((m) => toOf(m).some((a) => addresses.has(a)));
    const missing = () => EXPECTED_KINDS.filter((k) => !mails().some((m) => kindOf(m) === k));
    await until(() => missing().length === 0, `every kind of email (${world.label})`, 30_000).catch(
      () => {
        throw new Error(`${world.label}: no email of these kinds arrived: ${missing().join(', ')}`);
      },
    );
    funders.push({ account: funder, name: funderName, manager: manager.email.toLowerCase() });
    return {
      mails: mails(),
      funderName,
      startDate: grant.data.grant.startDate as string,
      people: [funder, grantee, manager],
    };
  }

  it.each(WORLDS)(
    '$label: every kind is sent, and none shows a code, an ISO date or a missing value',
    async (world) => {
      const { mails, funderName, startDate, people } = await sendEveryKind(world);
      const de = world.language === 'de';

      // In the app a notification opens its own link: its body never ends with the line that
      // leads to the email's link ("All details:"), in any kind, language or form of address.
      const inApp = (
        await Promise.all(
          people.map((p) => p.gql(`{ notifications(first: 100) { nodes { kind body } } }`)),
        )
      ).flatMap((r) => r.data.notifications.nodes as { kind: string; body: string }[]);
      const inAppKinds = new Set<string>(inApp.map((n) => n.kind));
      expect(Object.values(NotificationKind).filter((k) => !inAppKinds.has(k))).toEqual([]);
      expect(inApp.filter((n) => /:\s*$/.test(n.body))).toEqual([]);

      const problems = mails.flatMap((m) => problemsIn(m).map((p) => `${kindOf(m)} ${p}`));
      expect(problems).toEqual([]);

      for (const mail of mails) {
        const kind = kindOf(mail);
        const text = mail.text ?? '';
        // Each email is in the world's language and form of address, greeting first.
        const greeting = text.split('\n')[0];
        const next = text.split('\n\n')[1] ?? '';
        if (!de) {
          expect([kind, greeting]).toEqual([
            kind,
            expect.stringMatching(world.form === 'DU' ? /^Hello( \S+)?,$/ : /^(Dear .+|Hello),$/),
          ]);
          expect([kind, next]).toEqual([kind, expect.stringMatching(/^[A-Z"„]/)]);
          expect(greeting).not.toMatch(/Guten Tag|Hallo/);
        } else if (world.form === 'SIE') {
          expect([kind, greeting]).toEqual([kind, expect.stringMatching(/^Guten Tag\b.*,$/)]);
          expect([kind, text]).not.toEqual([
            kind,
            expect.stringMatching(/\b(du|dich|dir|dein\w*)\b/),
          ]);
        } else {
          expect([kind, greeting]).toEqual([kind, expect.stringMatching(/^Hallo\b.*,$/)]);
          expect([kind, text]).not.toEqual([
            kind,
            expect.stringMatching(/[a-zäöüß,] (Sie|Ihnen|Ihre?[mnrs]?)\b/),
          ]);
        }
        if (kind === 'REVIEW_SUBMITTED' || kind === 'APPLICATION_DECIDED')
          expect(greeting).toBe(
            de
              ? world.form === 'DU'
                ? `Hallo ${kind === 'APPLICATION_DECIDED' ? 'Ada' : 'Grace'},`
                : `Guten Tag ${kind === 'APPLICATION_DECIDED' ? 'Ada Lovelace' : 'Grace Hopper'},`
              : world.form === 'DU'
                ? `Hello ${kind === 'APPLICATION_DECIDED' ? 'Ada' : 'Grace'},`
                : `Dear ${kind === 'APPLICATION_DECIDED' ? 'Ada Lovelace' : 'Grace Hopper'},`,
          );

        // Emails about the programme come from the funder, with its logo inline.
        if ((FUNDER_KINDS as string[]).includes(kind)) {
          const from = (mail.from as { value: { name?: string }[] }).value[0].name;
          expect([kind, from]).toEqual([kind, `${funderName} ${de ? 'über' : 'via'} Meilenstein`]);
          expect([kind, text.trim().split('\n').pop()]).toEqual([
            kind,
            de
              ? `Gesendet von Meilenstein im Auftrag von ${funderName}.`
              : `Sent by Meilenstein on behalf of ${funderName}.`,
          ]);
          const inline = mail.attachments.find((a) => a.contentType === 'image/png');
          expect([kind, inline?.cid]).toEqual([kind, 'funder-logo@meilenstein']);
          expect(inline?.content.equals(PNG)).toBe(true);
          expect(mail.html).toContain(`alt="${funderName}"`);
        } else {
          expect([kind, mail.attachments.length]).toEqual([kind, 0]);
        }
      }

      // The approval states what was awarded and when the grant starts, as the reader writes it.
      const approval = mails.find((m) => kindOf(m) === 'APPLICATION_DECIDED')!;
      const start = new Intl.DateTimeFormat(de ? 'de-DE' : 'en-GB', {
        dateStyle: 'long',
        timeZone: 'UTC',
      }).format(new Date(`${startDate}T00:00:00Z`));
      expect(approval.text).toContain(de ? '100.000,00\u00a0€' : '€100,000.00');
      expect(approval.text).toContain(start);
      expect(approval.html).toContain(start);
      // The tranche paid at award: its amount (30 % by the default policy) and the day.
      const tranche = mails.find((m) => kindOf(m) === 'TRANCHE_RELEASED')!;
      expect(tranche.subject).toMatch(
        de
          ? /^Tranche ausgezahlt: .+ für „Nachbarschafts-App“$/
          : /^Tranche released: .+ for "Nachbarschafts-App"$/,
      );
      expect(tranche.text).toMatch(
        de
          ? /am \d{1,2}\. \p{L}+ \d{4} wurde die 1\. Tranche/u
          : /was released on \d{1,2} \p{L}+ \d{4}/u,
      );
    },
    240_000,
  );

  it('leaves a logo larger than MAIL_LOGO_MAX_BYTES out of emails and names the funder instead', async () => {
    const [big, small] = funders;
    // A PNG of 8 KiB (the upload checks the type by its first bytes).
    const large = Buffer.concat([PNG, Buffer.alloc(8192 - PNG.length)]);
    const uploaded = await fetch(
      `${api.url}/attachments/ORGANIZATION_LOGO/${big.account.organizationId}?fileName=big.png`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          authorization: `Bearer ${big.account.accessToken}`,
        },
        body: new Uint8Array(large),
      },
    );
    expect(uploaded.status).toBe(201);
    // Next week's digest goes to every programme's managers again.
    await worker.get(WeeklyDigestJob).run(undefined, undefined, new Date(Date.now() + 8 * DAY));
    const digests = (to: string) =>
      smtp.messages.filter((m) => kindOf(m) === 'WEEKLY_DIGEST' && toOf(m).includes(to));
    await until(
      () => digests(big.manager).length === 2 && digests(small.manager).length === 2,
      "next week's digests",
    );
    const bigDigest = digests(big.manager)[1];
    expect(bigDigest.attachments).toHaveLength(0);
    expect(bigDigest.html).not.toContain('cid:');
    expect(bigDigest.html).toContain(`>${big.name}</p>`);
    expect((bigDigest.from as { value: { name?: string }[] }).value[0].name).toContain(big.name);
    expect(digests(small.manager)[1].attachments.map((a) => a.cid)).toEqual([
      'funder-logo@meilenstein',
    ]);
  });

  it('sends each tranche email once, also when its job runs again', async () => {
    const [event] = await db.query(
      `SELECT payload FROM outbox_event WHERE job_name = 'grants.tranche-released' LIMIT 1`,
    );
    const count = () => smtp.messages.filter((m) => kindOf(m) === 'TRANCHE_RELEASED').length;
    const before = count();
    const { TrancheNotificationsJob } = await import('../../src/grants/tranche-notifications.job');
    const again = await worker.get(TrancheNotificationsJob).released(event.payload);
    expect(again).toEqual({ emails: 0, inApp: 0 });
    expect(count()).toBe(before);
  });
});
