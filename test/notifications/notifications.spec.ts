// Who hears what, over a real SMTP server and the worker: reviews, decisions, reallocations and
// notices reach the right people once, in their language, in the app and by email.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';
import { Account, addMember } from '../helpers/identity';
import { DECIDE_REVIEW, FILE_NOTICE, submitReview } from '../helpers/sprints';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { settle, until } from '../helpers/wait';
import { weekName } from '../../src/notifications/email-words';
import { isoWeek, WeeklyDigestJob } from '../../src/reports/weekly-digest.job';

describe('notifications', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let g: GrantFixture;
  let germanManager: Account;
  let reviewer: Account;

  beforeAll(async () => {
    smtp = await startSmtp();
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_APP_URL: 'https://app.example.org',
    };
    api = await startApi({ env });
    worker = await startWorker(env);
    g = await createGrant(api);
    germanManager = await addMember(api, g.funder, 'MANAGER', 'manager-de');
    reviewer = await addMember(api, g.funder, 'REVIEWER');
    // Invited people take their organisation's language; here one manager reads English, one German.
    const db = api.app.get(DataSource);
    await db.query(`UPDATE person SET language = 'en' WHERE id = ANY($1)`, [
      [g.manager.personId, g.grantee.personId],
    ]);
    await db.query(`UPDATE person SET language = 'de' WHERE id = $1`, [germanManager.personId]);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
  });

  /** Emails to `who`, leaving out the invitations that brought people in. */
  const mailsTo = (who: Account) =>
    smtp.messages.filter(
      (m) =>
        (m.to as { text: string } | undefined)?.text === who.email &&
        !/^(Einladung|Invitation) /.test(m.subject ?? ''),
    );
  const inbox = async (who: Account) => {
    const res = await who.gql(
      `{ notifications(first: 20) { nodes { id kind title body link readAt } } unreadNotificationCount }`,
    );
    expect(res.errors).toBeUndefined();
    return res.data;
  };

  it('tells each funder manager of a submitted review once, in their language, and the grantee of the decision', async () => {
    const review = await submitReview(g.grantee, g.grantId, 1);
    await until(
      () => mailsTo(g.manager).length === 1 && mailsTo(germanManager).length === 1,
      'review emails',
    );
    const [en] = mailsTo(g.manager);
    const [de] = mailsTo(germanManager);
    expect(en.subject).toMatch(/^Sprint 1 review of ".+" submitted$/);
    expect(de.subject).toMatch(/^Sprint-Review 1 von „.+“ eingereicht$/);
    expect(de.text).toMatch(/^Guten Tag|^Hallo/);
    expect(en.text).toContain(`https://app.example.org/grants/${g.grantId}/sprints/1/review`);
    expect(en.html).toContain('<a href="https://app.example.org/grants/');
    // Owners hear nothing while there are managers; reviewers decide nothing.
    expect(mailsTo(g.funder)).toHaveLength(0);
    expect(mailsTo(reviewer)).toHaveLength(0);
    const managerInbox = await inbox(g.manager);
    expect(managerInbox.unreadNotificationCount).toBe(1);
    expect(managerInbox.notifications.nodes[0]).toMatchObject({
      kind: 'REVIEW_SUBMITTED',
      title: en.subject,
      readAt: null,
    });
    expect((await inbox(germanManager)).notifications.nodes[0].title).toBe(de.subject);

    const decided = await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: review.id, decision: 'ACCEPT', comment: 'Weiter so.' },
    });
    expect(decided.errors).toBeUndefined();
    const reviewMails = () => mailsTo(g.grantee).filter((m) => m.subject?.startsWith('Sprint'));
    await until(() => reviewMails().length === 1, 'decision email');
    expect(reviewMails()[0].subject).toBe('Sprint 1 review: accepted');
    expect(reviewMails()[0].text).toContain('Comment: Weiter so.');
    await settle();
    // Exactly once each, also after the worker had time to repeat itself.
    expect(
      [mailsTo(g.manager), mailsTo(germanManager), reviewMails()].map((m) => m.length),
    ).toEqual([1, 1, 1]);
    const granteeInbox = await inbox(g.grantee);
    expect(granteeInbox.notifications.nodes.map((n: any) => n.kind)).toEqual(
      expect.arrayContaining(['REVIEW_DECIDED']),
    );

    const marked = await g.manager.gql(`mutation { markNotificationsRead(input: { all: true }) }`);
    expect(marked.data.markNotificationsRead).toBe(1);
    expect((await inbox(g.manager)).unreadNotificationCount).toBe(0);
    // Other people's notifications cannot be marked.
    const foreign = await g.grantee.gql(
      `mutation($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) }`,
      { ids: [(await inbox(germanManager)).notifications.nodes[0].id] },
    );
    expect(foreign.data.markNotificationsRead).toBe(0);
    expect((await inbox(germanManager)).unreadNotificationCount).toBe(1);
  });

  it('respects opt-outs, except for kinds with money or legal consequences', async () => {
    const optOut = await germanManager.gql(
      `mutation { setNotificationPreference(input: { kind: REVIEW_SUBMITTED, email: false, inApp: true }) { kind email inApp mandatory } }`,
    );
    expect(optOut.data.setNotificationPreference).toContainEqual({
      kind: 'REVIEW_SUBMITTED',
      email: false,
      inApp: true,
      mandatory: false,
    });
    const mandatory = await g.grantee.gql(
      `mutation { setNotificationPreference(input: { kind: REVIEW_DECIDED, email: false, inApp: true }) { kind } }`,
    );
    expect(mandatory.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const before = mailsTo(germanManager).length;
    // Sprint 1 was accepted in the test before: sprint 2 runs.
    await submitReview(g.grantee, g.grantId, 2);
    await until(() => mailsTo(g.manager).length === 2, 'second review email');
    await settle();
    expect(mailsTo(germanManager)).toHaveLength(before);
    const inApp = await inbox(germanManager);
    expect(
      inApp.notifications.nodes.filter((n: any) => n.kind === 'REVIEW_SUBMITTED'),
    ).toHaveLength(2);
  });

  it('tells managers of waiting reallocations and notices, and the grantee of the decision', async () => {
    const waiting = await g.grantee.gql(REALLOCATE, {
      input: moveInput(g, 15_000_00, { to: 2, reason: 'Moderation costs more than planned.' }),
    });
    expect(waiting.data.requestReallocation.status).toBe('PENDING');
    await until(
      () => mailsTo(g.manager).some((m) => m.subject?.startsWith('Reallocation waiting')),
      'reallocation email',
    );
    const decided = await g.manager.gql(
      `mutation($input: DecideReallocationInput!) { decideReallocation(input: $input) { status } }`,
      {
        input: {
          reallocationId: waiting.data.requestReallocation.id,
          decision: 'REJECT',
          comment: 'Not now.',
        },
      },
    );
    expect(decided.data.decideReallocation.status).toBe('REJECTED');
    await until(
      () => mailsTo(g.grantee).some((m) => m.subject?.startsWith('Reallocation declined')),
      'reallocation decision email',
    );
    const notice = await g.grantee.gql(FILE_NOTICE, {
      input: { grantId: g.grantId, kind: 'PIVOT', description: 'We work with the library now.' },
    });
    expect(notice.errors).toBeUndefined();
    await until(
      () => mailsTo(germanManager).some((m) => m.subject?.startsWith('Änderungsmitteilung')),
      'notice email',
    );
    const de = mailsTo(germanManager).find((m) => m.subject?.startsWith('Änderungsmitteilung'))!;
    expect(de.text).toContain('We work with the library now.');
  });

  it("emails each programme's weekly digest to its managers, once per week", async () => {
    const job = worker.get(WeeklyDigestJob);
    const monday = new Date(Date.now() + 86_400_000);
    const week = isoWeek(monday);
    expect((await job.run(undefined, undefined, monday)).programmes).toBeGreaterThanOrEqual(1);
    await job.run(undefined, undefined, monday);
    const digest = (who: Account) =>
      mailsTo(who).filter((m) =>
        [`Weekly digest, ${weekName(week, false)}:`, `Wochenbericht ${weekName(week, true)}:`].some(
          (start) => m.subject?.startsWith(start),
        ),
      );
    await until(
      () => digest(g.manager).length === 1 && digest(germanManager).length === 1,
      'digest',
    );
    expect(digest(germanManager)[0].text).toContain('Eingereichte Sprint-Reviews: 2');
    await settle();
    expect(digest(g.manager)).toHaveLength(1);
    expect(digest(g.grantee)).toHaveLength(0);
  });

  it("ends a notification in the app with what happened; the email's line before its link stays in the email", async () => {
    const inApp = async (who: Account) => {
      const res = await who.gql(`{ notifications(first: 100) { nodes { kind body } } }`);
      expect(res.errors).toBeUndefined();
      return res.data.notifications.nodes as { kind: string; body: string }[];
    };
    const [grantee, manager, german] = await Promise.all(
      [g.grantee, g.manager, germanManager].map(inApp),
    );
    // The approval, the tranches and the digest introduce their link in the email ("All details:").
    const kinds = (list: { kind: string }[]) => list.map((n) => n.kind);
    expect(kinds(grantee)).toEqual(
      expect.arrayContaining(['APPLICATION_DECIDED', 'TRANCHE_RELEASED']),
    );
    expect(kinds(manager)).toContain('WEEKLY_DIGEST');
    expect(kinds(german)).toContain('WEEKLY_DIGEST');
    // In the app the notification opens its own link: no body ends in a colon pointing at none.
    const dangling = [...grantee, ...manager, ...german].filter((n) => /:\s*$/.test(n.body));
    expect(dangling).toEqual([]);
    // The emails still lead to their link.
    const text = (who: Account, subject: RegExp) =>
      mailsTo(who).find((m) => subject.test(m.subject ?? ''))?.text ?? '';
    expect(text(g.grantee, /^Your application/)).toMatch(
      /All details:\n\nhttps:\/\/app\.example\.org\/applications\//,
    );
    expect(text(g.grantee, /^Tranche released/)).toMatch(
      /Tranches and budget:\n\nhttps:\/\/app\.example\.org\/grants\/[^/]+\/budget/,
    );
    expect(text(germanManager, /^Wochenbericht/)).toMatch(
      /Das ganze Portfolio als Bericht \(CSV, JSON, PDF\):\n\nhttps:\/\/app\.example\.org\//,
    );
  });
});
