// The worker as its own process: starts, relays committed outbox rows, exits cleanly on SIGTERM.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';

function waitForExit(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('worker process', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('relays outbox rows and exits within 10 s of SIGTERM', async () => {
    const [{ id }] = await ds.query(
      `INSERT INTO outbox_event (job_name, payload) VALUES ('maintenance.prune-outbox', '{}') RETURNING id`,
    );
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src/worker.ts')],
      {
        env: {
          ...process.env,
          LOG_LEVEL: 'info',
          TS_NODE_PROJECT: join(__dirname, '../../tsconfig.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = waitForExit(child);
    try {
      const deadline = Date.now() + 45_000;
      for (;;) {
        const [row] = await ds.query(`SELECT relayed_at FROM outbox_event WHERE id = $1`, [id]);
        // The relay may run before the start-up line is flushed: wait for both.
        if (row.relayed_at && /Meilenstein worker started/.test(output)) break;
        if (Date.now() > deadline) throw new Error(`row not relayed; worker said:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(output).toMatch(/Meilenstein worker started/);
      const signalled = Date.now();
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      expect(Date.now() - signalled).toBeLessThan(10_000);
      // Nest re-raises the signal after its shutdown hooks ran, so the exit is "by SIGTERM".
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(output).toMatch(/queue workers closed/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
