// Traces across API → outbox → worker, read from the processes' own logs: the API and the worker
// run as processes of their own, and the line the API logs for a request and the line the worker
// logs for the job that request caused carry the same trace id (the caller's, from traceparent).
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { until } from '../helpers/wait';

interface LogLine {
  msg?: string;
  trace_id?: string;
  span_id?: string;
  req?: { id?: string };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

class Proc {
  readonly lines: LogLine[] = [];
  output = '';
  constructor(readonly child: ChildProcess) {
    let rest = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
      rest += chunk.toString();
      const parts = rest.split('\n');
      rest = parts.pop()!;
      for (const part of parts) {
        try {
          this.lines.push(JSON.parse(part) as LogLine);
        } catch {
          // not a log line
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }
}

function run(entry: string, env: Record<string, string>): Proc {
  return new Proc(
    spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src', entry)],
      {
        env: {
          ...process.env,
          TS_NODE_PROJECT: join(__dirname, '../../tsconfig.json'),
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
}

describe('traces across API, outbox and worker', () => {
  let smtp: TestSmtp;
  const procs: Proc[] = [];
  beforeAll(async () => {
    smtp = await startSmtp({ keepVerificationEmails: true });
  });
  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGKILL');
    await smtp.close();
  });

  it('logs the request and the job it caused with the same trace id', async () => {
    const port = await freePort();
    const env = { SMTP_PORT: String(smtp.port), OTEL_SDK_DISABLED: 'false' };
    const api = run('main.ts', { ...env, PORT: String(port), LOG_LEVEL: 'info' });
    const worker = run('worker.ts', { ...env, LOG_LEVEL: 'debug' });
    procs.push(api, worker);
    const url = `http://127.0.0.1:${port}`;
    await until(
      async () => (await fetch(`${url}/health/live`).catch(() => undefined))?.status === 200,
      `the API to start; it said:\n${api.output}`,
      90_000,
    );

    const traceId = randomBytes(16).toString('hex');
    const requestId = `trace-test-${randomBytes(6).toString('hex')}`;
    const email = `trace-${randomBytes(4).toString('hex')}@example.org`;
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        operationName: 'TraceSignUp',
        query: `mutation TraceSignUp($input: SignUpInput!) { signUp(input: $input) { email } }`,
        variables: {
          input: {
            email,
            password: 'correct horse battery staple',
            displayName: 'Trace test',
            language: 'EN',
            organization: { name: 'Trace test e.V.', kind: 'GRANTEE', country: 'DE' },
          },
        },
      }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();

    // The API's line for the request.
    await until(
      () => api.lines.some((l) => l.req?.id === requestId && l.msg === 'request completed'),
      `the API's request line; it said:\n${api.output}`,
    );
    const requestLine = api.lines.find(
      (l) => l.req?.id === requestId && l.msg === 'request completed',
    )!;
    expect(requestLine.trace_id).toBe(traceId);
    expect(requestLine.span_id).toMatch(/^[0-9a-f]{16}$/);

    // The worker's line for the email job that request caused, in the same trace.
    const isJobLine = (l: LogLine) =>
      /^job identity\.send-account-email \S+ completed/.test(l.msg ?? '') && l.trace_id === traceId;
    await until(
      () => worker.lines.some(isJobLine),
      `the worker's job line; it said:\n${worker.output}`,
      60_000,
    );
    const jobLine = worker.lines.find(isJobLine)!;
    expect(jobLine.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(jobLine.span_id).not.toBe(requestLine.span_id);
    const mails = await smtp.waitFor(1);
    expect(
      mails.some((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(email))),
    ).toBe(true);
  });
});
