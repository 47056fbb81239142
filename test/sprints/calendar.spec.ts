// "Today" is the programme's calendar day (Europe/Berlin unless the programme names another zone),
// taken from one injected clock — approvals, references, the due scan and reminders agree on it.
// And a fair calendar: a review the funder accepts late moves the next sprint, not its deadline.
import { DataSource } from 'typeorm';
import { addDays, daysBetween } from '../../src/core/calendar/calendar-day';
import { Clock } from '../../src/core/calendar/clock';
import { RequestContext } from '../../src/core/context/request-context';
import { Database } from '../../src/core/database/database.service';
import { ReminderService } from '../../src/reminders/reminder.service';
import { SprintDueService } from '../../src/sprints/sprint-due.service';
import { startApi, TestApi } from '../helpers/api';
import { createGrant } from '../helpers/grants';
import { Account, addMember, signUp } from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';
import { DECIDE_REVIEW, SAVE_REVIEW, sprintsOf, submitReview } from '../helpers/sprints';

const GRANT = `query($id: ID!) { grant(grantId: $id) { reference startDate endDate sprints { number status startDate endDate } } }`;
const TIMELINE = `query($id: ID!) { grantTimeline(grantId: $id, first: 100) { nodes { kind sprintNumber label detail summary } } }`;

describe("the programme's calendar", () => {
  let api: TestApi;
  let clock: Clock;
  let db: DataSource;
  let reminders: ReminderService;
  let funder: Account;
  let manager: Account;
  let grantee: Account;

  beforeAll(async () => {
    api = await startApi();
    clock = api.app.get(Clock);
    db = api.app.get(DataSource);
    reminders = new ReminderService(api.app.get(Database), clock);
    funder = await signUp(api, 'FUNDER');
    manager = await addMember(api, funder, 'MANAGER');
    grantee = await signUp(api, 'GRANTEE');
  });
  afterEach(() => clock.set(null));
  afterAll(() => api.close());

  const approveAt = async (instant: string, programme: Record<string, unknown> = {}) => {
    const p = await createProgramme(funder, programme);
    const applicationId = await submitApplication(grantee, p.id, [10_000_00], 2);
    clock.set(instant);
    const res = await manager.gql(DECIDE, {
      input: { applicationId, decision: 'APPROVE', comment: 'ok' },
    });
    expect(res.errors).toBeUndefined();
    const grantId = res.data.decideApplication.grant.id;
    return (await funder.gql(GRANT, { id: grantId })).data.grant;
  };

  it('an approval at 00:30 Berlin time on 1 January starts the grant that day, with a reference of the new year', async () => {
    // 23:30 UTC on 31 December is 00:30 on 1 January in Berlin.
    const grant = await approveAt('2026-12-31T23:30:00Z');
    expect(grant.startDate).toBe('2027-01-01');
    expect(grant.reference).toMatch(/^MS-2027-\d{4}$/);
    expect(grant.sprints[0]).toMatchObject({
      number: 1,
      status: 'ACTIVE',
      startDate: '2027-01-01',
    });

    // A programme in New York is still in the old year at that instant.
    const ny = await approveAt('2026-12-31T23:30:00Z', { timeZone: 'America/New_York' });
    expect(ny.startDate).toBe('2026-12-31');
    expect(ny.reference).toMatch(/^MS-2026-\d{4}$/);
  });

  it('refuses a time zone nobody knows', async () => {
    const res = await funder.gql(
      `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id } }`,
      { input: { title: 'Irgendwo', currency: 'EUR', totalBudget: 100, timeZone: 'Mars/Olympus' } },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors?.[0]?.extensions)).toMatch(/timeZone/);
  });

  it('the due scan and the reminders count days in the programme zone, in SQL too', async () => {
    const grant = await approveAt('2027-02-01T09:00:00Z');
    const s1 = grant.sprints[0];
    const sprint1 = async () =>
      (
        await db.query(
          `SELECT status FROM sprint WHERE id = (SELECT id FROM sprint s WHERE s.grant_id = (SELECT id FROM "grant" WHERE reference = $1) AND s.number = 1)`,
          [grant.reference],
        )
      )[0].status;
    const due = api.app.get(SprintDueService);
    const ctx = RequestContext.system('test');
    // 23:30 in Berlin on the last day: not due yet.
    await due.markDue(ctx, new Date(`${s1.endDate}T22:30:00Z`));
    expect(await sprint1()).toBe('ACTIVE');
    // 00:30 in Berlin on the day after (UTC still says the last day): due.
    clock.set(`${s1.endDate}T23:30:00Z`);
    await due.markDue(ctx);
    expect(await sprint1()).toBe('REVIEW_DUE');

    // Seven days before the due date, Berlin time, while UTC is still eight days before.
    const g2 = await approveAt('2027-02-01T09:00:00Z');
    const [{ id: s2id }] = await db.query(
      `SELECT s.id FROM sprint s JOIN "grant" g ON g.id = s.grant_id WHERE g.reference = $1 AND s.number = 1`,
      [g2.reference],
    );
    const dueSoon = async () =>
      (
        await db.query(
          `SELECT step FROM reminder WHERE subject_id = $1 AND kind = 'REVIEW_DUE_SOON'`,
          [s2id],
        )
      ).map((r: { step: string }) => r.step);
    await reminders.scan(new Date(`${addDays(g2.sprints[0].endDate, -8)}T22:30:00Z`));
    expect(await dueSoon()).toEqual([]);
    clock.set(`${addDays(g2.sprints[0].endDate, -8)}T23:30:00Z`);
    await reminders.scan();
    expect(await dueSoon()).toEqual(['before-7']);
  });

  it('a review accepted 10 days late: the next sprint starts that day with its full length, nothing is due, later sprints move', async () => {
    clock.set('2027-03-01T09:00:00Z');
    const g = await createGrant(api, { sprints: 3, programme: { sprintLengthDays: 14 } });
    const planned = (await g.funder.gql(GRANT, { id: g.grantId })).data.grant;
    expect(planned.sprints.map((s: any) => [s.startDate, s.endDate])).toEqual([
      ['2027-03-01', '2027-03-14'],
      ['2027-03-15', '2027-03-28'],
      ['2027-03-29', '2027-04-11'],
    ]);
    const review = await submitReview(g.grantee, g.grantId, 1);

    // While review 1 waits for the funder, the team drafts review 2 (sprint 2 is still PLANNED).
    const [, s2] = await sprintsOf(g.grantee, g.grantId);
    expect(s2.status).toBe('PLANNED');
    const draft = await g.grantee.gql(SAVE_REVIEW, {
      input: { sprintId: s2.id, summary: 'Notes while we wait.' },
    });
    expect(draft.errors).toBeUndefined();
    expect(draft.data.saveSprintReview.draft.summary).toBe('Notes while we wait.');

    // Accepted on 25 March (Berlin), 10 days after sprint 2 was to start.
    clock.set('2027-03-25T08:00:00Z');
    const accepted = await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: review.id, decision: 'ACCEPT', comment: '' },
    });
    expect(accepted.errors).toBeUndefined();
    const after = (await g.funder.gql(GRANT, { id: g.grantId })).data.grant;
    expect(after.sprints.map((s: any) => [s.status, s.startDate, s.endDate])).toEqual([
      ['ACCEPTED', '2027-03-01', '2027-03-14'],
      ['ACTIVE', '2027-03-25', '2027-04-07'],
      ['PLANNED', '2027-04-08', '2027-04-21'],
    ]);
    expect(daysBetween(after.sprints[1].startDate, after.sprints[1].endDate)).toBe(13);
    expect(daysBetween(planned.endDate, after.endDate)).toBe(10);

    // The day after sprint 2's planned end: the due scan and the reminders leave it alone.
    clock.set('2027-03-29T08:00:00Z');
    await api.app.get(SprintDueService).markDue(RequestContext.system('test'));
    await reminders.scan();
    expect((await sprintsOf(g.grantee, g.grantId))[1].status).toBe('ACTIVE');
    expect(await db.query(`SELECT key FROM reminder WHERE subject_id = $1`, [s2.id])).toEqual([]);

    // The timeline says so, and the audit trail has the move.
    const timeline = (await g.grantee.gql(TIMELINE, { id: g.grantId })).data.grantTimeline.nodes;
    expect(timeline.find((e: any) => e.kind === 'SPRINT_RESCHEDULED')).toMatchObject({
      sprintNumber: 2,
      label: '2027-03-25',
      // The days are in the summary; no bare number is left below it.
      detail: null,
      summary: expect.stringMatching(
        /Sprint 2 (starts on 25 March 2027, 10 days later|beginnt am 25\.03\.2027, 10 Tage später)/,
      ),
    });
    const [audit] = await db.query(
      `SELECT after FROM audit_event WHERE action = 'sprint.rescheduled' AND subject_id = $1`,
      [s2.id],
    );
    expect(audit.after).toMatchObject({ shiftDays: 10, movedSprints: [2, 3] });
  });

  it('a review accepted on time changes no dates', async () => {
    clock.set('2027-05-03T09:00:00Z');
    const g = await createGrant(api, { sprints: 2, programme: { sprintLengthDays: 14 } });
    const planned = (await g.funder.gql(GRANT, { id: g.grantId })).data.grant;
    const review = await submitReview(g.grantee, g.grantId, 1);
    clock.set('2027-05-16T20:00:00Z'); // 22:00 in Berlin on sprint 1's last day
    await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: review.id, decision: 'ACCEPT', comment: '' },
    });
    const after = (await g.funder.gql(GRANT, { id: g.grantId })).data.grant;
    expect(after.sprints.map((s: any) => s.startDate)).toEqual(
      planned.sprints.map((s: any) => s.startDate),
    );
    expect(after.endDate).toBe(planned.endDate);
  });
});
