// Nothing is lost when SMTP stays down longer than all of a job's retries: the jobs become dead
// letters operators can list, the sweeper runs them again, and every email arrives once after SMTP
// returns. Reports left RUNNING and webhook deliveries left PENDING by a lost job are settled.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { deadLettersCli } from '../../src/cli/dead-letters';
import { startApi } from '../helpers/api';
import { createGrant } from '../helpers/grants';
import { signUp } from '../helpers/identity';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { settle, until } from '../helpers/wait';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('dead letters and sweepers', () => {
  it('delivers every email once after SMTP was down longer than the retry span', async () => {
    const port = await freePort();
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      // Three attempts 100 ms, then 200 ms apart: the retry span is 0.3 s.
      MAIL_ATTEMPTS: '3',
      MAIL_BACKOFF_MS: '100',
      MAIL_BACKOFF_MAX_MS: '200',
      DEAD_LETTER_RETRY_AFTER_MS: '1500',
      SWEEP_INTERVAL_MS: '500',
    };
    const api = await startApi({ env });
    const worker = await startWorker(env);
    const db = api.app.get(DataSource);
    let smtp: TestSmtp | undefined;
    try {
      const owner = await signUp(api, 'FUNDER');
      const invitees = ['ina@example.org', 'jo@example.org', 'kai@example.org'];
      for (const email of invitees) {
        const res = await owner.gql(
          `mutation($e: String!) { inviteMember(input: { email: $e, role: REVIEWER }) { id } }`,
          { e: email },
        );
        expect(res.errors).toBeUndefined();
      }
      const unresolved = async () =>
        (await db.query(
          `SELECT job_name, retries, payload FROM dead_letter WHERE resolved_at IS NULL AND job_name = 'identity.send-invitation-email'`,
        )) as { job_name: string; retries: number }[];
      // All attempts fail; each job becomes a dead letter, and the sweeper runs them again (and
      // they fail again) while SMTP stays down.
      await until(
        async () => (await unresolved()).filter((d) => d.retries >= 1).length === 3,
        'three dead letters run again at least once',
        30_000,
      );
      // Operators see them.
      const listed = await deadLettersCli(['list']);
      expect(listed.match(/identity\.send-invitation-email/g)).toHaveLength(3);
      expect(listed).toMatch(/invitationId/);

      smtp = await startSmtp({ port });
      await until(() => smtp!.messages.length >= 3, 'the invitations after SMTP returned', 30_000);
      await until(async () => (await unresolved()).length === 0, 'the dead letters resolved');
      await settle(2500);
      expect(smtp.messages.map((m) => m.to && 'text' in m.to && m.to.text).sort()).toEqual(
        invitees,
      );
      const [{ count }] = await db.query(
        `SELECT count(*)::int AS count FROM mail_delivery WHERE idempotency_key LIKE 'invitation:%'`,
      );
      expect(count).toBe(3);
      expect(await deadLettersCli(['list'])).toBe('no dead letters');
    } finally {
      await worker.close();
      await api.close();
      await smtp?.close();
    }
  }, 90_000);

  it('settles a report left RUNNING and a delivery left PENDING by a lost job', async () => {
    const smtp = await startSmtp();
    const received: string[] = [];
    const receiver = (await import('node:http')).createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.headers['meilenstein-event-id'] as string);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      STUCK_AFTER_MS: '1000',
      SWEEP_INTERVAL_MS: '500',
    };
    const api = await startApi({ env });
    const db = api.app.get(DataSource);
    try {
      const g = await createGrant(api);
      const report = await g.funder.gql(
        `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
        { input: { kind: 'PORTFOLIO', format: 'CSV', programmeId: g.programmeId } },
      );
      expect(report.errors).toBeUndefined();
      const reportId = report.data.requestReport.id as string;
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const endpoint = await g.funder.gql(
        `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
        { input: { url, eventTypes: ['SPRINT_REVIEW_SUBMITTED'] } },
      );
      expect(endpoint.errors).toBeUndefined();
      const endpointId = endpoint.data.createWebhookEndpoint.endpoint.id as string;
      const eventId = '00000000-0000-4000-8000-00000000e001';
      const [{ id: deliveryId }] = await db.query(
        `INSERT INTO webhook_delivery (endpoint_id, event_id, event_type, body, status, attempts, last_attempt_at)
         VALUES ($1, $2, 'SPRINT_REVIEW_SUBMITTED', '{}', 'PENDING', 1, now() - interval '1 hour') RETURNING id`,
        [endpointId, eventId],
      );
      // A worker took the report and died, and the job is gone (its outbox row long relayed).
      await db.query(
        `UPDATE report SET status = 'RUNNING', created_at = now() - interval '1 hour' WHERE id = $1`,
        [reportId],
      );
      await db.query(`UPDATE outbox_event SET relayed_at = now() WHERE relayed_at IS NULL`);

      const worker = await startWorker(env);
      try {
        await until(
          async () =>
            (await db.query(`SELECT status FROM report WHERE id = $1`, [reportId]))[0].status ===
            'FAILED',
          'the report settled',
        );
        await until(() => received.includes(eventId), 'the delivery sent again');
        await until(
          async () =>
            (await db.query(`SELECT status FROM webhook_delivery WHERE id = $1`, [deliveryId]))[0]
              .status === 'SUCCEEDED',
          'the delivery settled',
        );
        const [failed] = await db.query(`SELECT error FROM report WHERE id = $1`, [reportId]);
        expect(failed.error).toMatch(/interrupted/);
        const audit = await db.query(
          `SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY created_at`,
          [reportId],
        );
        expect(audit.map((a: { action: string }) => a.action)).toContain('report.failed');
        await settle(1500);
        expect(received.filter((id) => id === eventId)).toHaveLength(1);
      } finally {
        await worker.close();
      }
    } finally {
      await api.close();
      await smtp.close();
      await new Promise((r) => receiver.close(r));
    }
  }, 90_000);
});
