// The funder that asked a team to share a learning hears the team's answer — consent or decline,
// with the team's comment — in the app and by email, once per answer, in each manager's language
// and the funder's form of address.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { Account, addMember } from '../helpers/identity';
import { submitReview } from '../helpers/sprints';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { settle, until } from '../helpers/wait';

const REQUEST = `mutation($input: RequestLearningVisibilityInput!) { requestLearningVisibility(input: $input) { id } }`;
const DECIDE_SHARE = `mutation($input: DecideLearningShareRequestInput!) { decideLearningShareRequest(input: $input) { id visibility } }`;

describe("the team's answer to a request to share a learning", () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let g: GrantFixture;
  let germanManager: Account;
  let db: DataSource;
  const ids: Record<string, string> = {};

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
    db = api.app.get(DataSource);
    await db.query(`UPDATE person SET language = 'en' WHERE id = $1`, [g.manager.personId]);
    await db.query(`UPDATE person SET language = 'de' WHERE id = $1`, [germanManager.personId]);
    await db.query(`UPDATE organization SET form_of_address = 'DU' WHERE id = $1`, [
      g.funder.organizationId,
    ]);
    const learning = (title: string) => ({
      title,
      tried: 'Sprechstunden im Stadtteilcafé.',
      happened: 'Kaum jemand kam.',
      learned: 'Zu den Leuten gehen, nicht warten.',
      kind: 'FAILURE',
      tags: ['outreach'],
      visibility: 'GRANT',
    });
    await submitReview(g.grantee, g.grantId, 1, {
      learnings: [learning('Sprechstunde ohne Gäste'), learning('Flyer ohne Wirkung')],
    });
    const list = await g.grantee.gql(
      `query($id: ID!) { learnings(grantId: $id, first: 10) { nodes { id title } } }`,
      { id: g.grantId },
    );
    for (const l of list.data.learnings.nodes) ids[l.title] = l.id;
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
  });

  /** Answers' emails to `who` about a learning whose title matches `about`. */
  const mailsTo = (who: Account, about: RegExp) =>
    smtp.messages.filter(
      (m) =>
        (m.to as { text: string } | undefined)?.text === who.email &&
        m.headers.get('x-meilenstein-kind') === 'LEARNING_SHARE_ANSWERED' &&
        about.test(m.subject ?? ''),
    );
  const inbox = async (who: Account) => {
    const res = await who.gql(`{ notifications(first: 20) { nodes { kind title body link } } }`);
    expect(res.errors).toBeUndefined();
    return res.data.notifications.nodes.filter((n: any) => n.kind === 'LEARNING_SHARE_ANSWERED');
  };

  it('tells the managers of a consent, with the comment, once', async () => {
    const id = ids['Sprechstunde ohne Gäste'];
    const asked = await g.manager.gql(REQUEST, { input: { learningId: id, visibility: 'PUBLIC' } });
    expect(asked.errors).toBeUndefined();
    const answered = await g.grantee.gql(DECIDE_SHARE, {
      input: {
        learningId: id,
        decision: 'CONSENT',
        comment: 'Gern, damit andere es besser machen.',
      },
    });
    expect(answered.data.decideLearningShareRequest.visibility).toBe('PUBLIC');
    await until(
      () =>
        mailsTo(g.manager, /Sprechstunde/).length === 1 &&
        mailsTo(germanManager, /Sprechstunde/).length === 1,
      'answer emails',
    );
    const [en] = mailsTo(g.manager, /Sprechstunde/);
    const [de] = mailsTo(germanManager, /Sprechstunde/);
    expect(en.subject).toMatch(/ shares the learning "Sprechstunde ohne Gäste"$/);
    expect(en.text).toContain('now shares the learning "Sprechstunde ohne Gäste" publicly');
    expect(en.text).toContain(`The team's comment: "Gern, damit andere es besser machen."`);
    expect(en.text).toContain(`https://app.example.org/learnings/${id}`);
    expect(de.subject).toMatch(/ teilt das Learning „Sprechstunde ohne Gäste“$/);
    // The funder says "du": its German managers read "deiner Bitte", never "Ihrer".
    expect(de.text).toContain('ist deiner Bitte gefolgt');
    expect(de.text).not.toMatch(/\bIhre[rn]?\b/);
    expect(de.text).toContain('Kommentar des Teams: „Gern, damit andere es besser machen.“');
    const [inApp] = await inbox(g.manager);
    expect(inApp.title).toMatch(/shares the learning/);
    expect(inApp.link).toContain(`/learnings/${id}`);
    // The team that answered hears nothing of its own answer; the job runs once.
    expect(mailsTo(g.grantee, /Sprechstunde/)).toHaveLength(0);
    await settle();
    expect(mailsTo(g.manager, /Sprechstunde/)).toHaveLength(1);
  });

  it('tells the managers of a decline, and that nothing changed', async () => {
    const id = ids['Flyer ohne Wirkung'];
    await g.manager.gql(REQUEST, { input: { learningId: id, visibility: 'PROGRAMME' } });
    const answered = await g.grantee.gql(DECIDE_SHARE, {
      input: { learningId: id, decision: 'DECLINE', comment: 'Noch zu persönlich.' },
    });
    expect(answered.data.decideLearningShareRequest.visibility).toBe('GRANT');
    await until(() => mailsTo(g.manager, /Flyer/).length === 1, 'decline email');
    const [en] = mailsTo(g.manager, /Flyer/);
    expect(en.subject).toMatch(/declines to share the learning "Flyer ohne Wirkung" more widely$/);
    expect(en.text).toContain('stays as it is');
    expect(en.text).toContain(`The team's comment: "Noch zu persönlich."`);
    await until(() => mailsTo(germanManager, /Flyer/).length === 1, 'German decline email');
    expect(mailsTo(germanManager, /Flyer/)[0].text).toContain('hat deine Bitte abgelehnt');
    const events = await db.query(
      `SELECT organization_id FROM outbox_event WHERE job_name = 'learnings.share-answered' AND payload->>'learningId' = $1`,
      [id],
    );
    expect(events).toEqual([{ organization_id: g.funder.organizationId }]);
  });

  it('writes nothing for an answer without a request', async () => {
    const id = ids['Flyer ohne Wirkung'];
    const res = await g.grantee.gql(DECIDE_SHARE, {
      input: { learningId: id, decision: 'CONSENT' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM outbox_event WHERE job_name = 'learnings.share-answered' AND payload->>'learningId' = $1`,
      [id],
    );
    expect(count).toBe(1);
  });
});
