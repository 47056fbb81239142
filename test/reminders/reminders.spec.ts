// Reminders with the clock moved forward: the right ones at each step, each once (also with two
// scans at once), none once the thing is done; a waiting decision reminds, then escalates.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReminderService } from '../../src/reminders/reminder.service';
import { SendReminderJob } from '../../src/reminders/send-reminder.job';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';
import { Account } from '../helpers/identity';
import { sprintsOf, submitReview } from '../helpers/sprints';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { settle, until } from '../helpers/wait';

const DAY = 86_400_000;

describe('reminders', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let reminders: ReminderService;
  let g: GrantFixture;

  beforeAll(async () => {
    smtp = await startSmtp();
    const env = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) };
    api = await startApi({ env });
    worker = await startWorker(env);
    reminders = worker.get(ReminderService);
    g = await createGrant(api);
    const db = api.app.get(DataSource);
    await db.query(`UPDATE person SET language = 'en'`);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
  });

  const mails = (who: Account, pattern: RegExp) =>
    smtp.messages.filter(
      (m) =>
        (m.to as { text: string } | undefined)?.text === who.email && pattern.test(m.subject ?? ''),
    );
  const at = (date: string, days: number) => new Date(Date.parse(`${date}T09:00:00Z`) + days * DAY);
  /** A calendar day as an English reader writes it: 1 December 2026. */
  const day = (date: string) =>
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );

  it("reminds the grantee before and after the review's due date, each step once, and stops when it is in", async () => {
    const [s1] = await sprintsOf(g.grantee, g.grantId);
    const review = /Sprint 1 review for/;
    expect(await reminders.scan(at(s1.endDate, -10))).toBe(0);

    // Seven days before: one reminder, also when two schedulers scan at the same moment.
    const twice = await Promise.all([
      reminders.scan(at(s1.endDate, -7)),
      reminders.scan(at(s1.endDate, -7)),
    ]);
    expect(twice.sort()).toEqual([0, 1]);
    await until(() => mails(g.grantee, review).length === 1, 'first reminder');
    expect(mails(g.grantee, review)[0].subject).toContain(`is due on ${day(s1.endDate)}`);

    expect(await reminders.scan(at(s1.endDate, -5))).toBe(0);
    expect(await reminders.scan(at(s1.endDate, -2))).toBe(1);
    await until(() => mails(g.grantee, review).length === 2, 'second reminder');
    expect(await reminders.scan(at(s1.endDate, 1))).toBe(1);
    await until(() => mails(g.grantee, review).length === 3, 'overdue reminder');
    expect(mails(g.grantee, review)[2].subject).toContain(`was due on ${day(s1.endDate)}`);
    await settle();
    expect(mails(g.grantee, review)).toHaveLength(3);

    // A reminder recorded just before the review came in is skipped, not sent.
    await submitReview(g.grantee, g.grantId, 1);
    await until(() => mails(g.manager, /review of .* submitted/).length === 1, 'review email');
    const db = api.app.get(DataSource);
    const [row] = await db.query(
      `INSERT INTO reminder (key, kind, subject_type, subject_id, step, organization_id)
       VALUES ($1, 'REVIEW_OVERDUE', 'Sprint', $2, 'after-7', $3) RETURNING id`,
      [`review-overdue:${s1.id}:${s1.endDate}:after-7`, s1.id, g.grantee.organizationId],
    );
    expect(await worker.get(SendReminderJob).run({ reminderId: row.id })).toEqual({ sent: false });
    const [skipped] = await db.query(`SELECT sent_at, skipped_at FROM reminder WHERE id = $1`, [
      row.id,
    ]);
    expect(skipped.sent_at).toBeNull();
    expect(skipped.skipped_at).not.toBeNull();
    await settle();
    expect(mails(g.grantee, review)).toHaveLength(3);
    // And nothing more about this sprint's review, however late it gets.
    await reminders.scan(at(s1.endDate, 30));
    await settle();
    expect(mails(g.grantee, review)).toHaveLength(3);
  });

  it('reminds the funder of a waiting decision, then escalates to its owners', async () => {
    const other = await createGrant(api);
    await api.app.get(DataSource).query(`UPDATE person SET language = 'en'`);
    const waiting = await other.grantee.gql(REALLOCATE, {
      input: moveInput(other, 15_000_00, { to: 2, reason: 'More moderation.' }),
    });
    expect(waiting.data.requestReallocation.status).toBe('PENDING');
    const now = Date.now();
    const about = /reallocation of .* has waited (a day|\d+ days)/;
    await reminders.scan(new Date(now + 9 * DAY));
    await settle();
    expect(mails(other.manager, about)).toHaveLength(0);

    await Promise.all([
      reminders.scan(new Date(now + 11 * DAY)),
      reminders.scan(new Date(now + 11 * DAY)),
    ]);
    await until(() => mails(other.manager, about).length === 1, 'decision reminder');
    expect(mails(other.funder, about)).toHaveLength(0);

    await reminders.scan(new Date(now + 21 * DAY));
    await until(
      () => mails(other.manager, about).length === 2 && mails(other.funder, about).length === 1,
      'escalation',
    );
    expect(mails(other.funder, about)[0].subject).toMatch(/^Second reminder: /);

    const decided = await other.manager.gql(
      `mutation($input: DecideReallocationInput!) { decideReallocation(input: $input) { status } }`,
      {
        input: {
          reallocationId: waiting.data.requestReallocation.id,
          decision: 'APPROVE',
          comment: 'ok',
        },
      },
    );
    expect(decided.errors).toBeUndefined();
    await reminders.scan(new Date(now + 60 * DAY));
    await settle();
    expect(mails(other.manager, about)).toHaveLength(2);
    expect(mails(other.funder, about)).toHaveLength(1);
  });

  it('starts the steps over for the new due date after an approved delay', async () => {
    const d = await createGrant(api);
    const [s1] = await sprintsOf(d.grantee, d.grantId);
    const keys = async () =>
      (
        await api.app
          .get(DataSource)
          .query(`SELECT key FROM reminder WHERE subject_id = $1 ORDER BY key`, [s1.id])
      ).map((r: { key: string }) => r.key);
    await reminders.scan(at(s1.endDate, -7));
    expect(await keys()).toEqual([`review-due-soon:${s1.id}:${s1.endDate}:before-7`]);
    const later = new Date(Date.parse(`${s1.endDate}T00:00:00Z`) + 21 * DAY)
      .toISOString()
      .slice(0, 10);
    const delay = await d.grantee.gql(
      `mutation($input: FileChangeNoticeInput!) { fileChangeNotice(input: $input) { id } }`,
      {
        input: {
          grantId: d.grantId,
          kind: 'DELAY',
          description: 'Ill for weeks.',
          requestedEndDate: later,
        },
      },
    );
    await d.manager.gql(
      `mutation($input: DecideChangeNoticeInput!) { decideChangeNotice(input: $input) { status } }`,
      { input: { noticeId: delay.data.fileChangeNotice.id, decision: 'APPROVE' } },
    );
    // At the old due date nothing is overdue; a week before the new one the grantee hears again.
    await reminders.scan(at(s1.endDate, 1));
    expect(await keys()).toHaveLength(1);
    await reminders.scan(at(later, -7));
    expect(await keys()).toEqual([
      `review-due-soon:${s1.id}:${s1.endDate}:before-7`,
      `review-due-soon:${s1.id}:${later}:before-7`,
    ]);
  });
});
