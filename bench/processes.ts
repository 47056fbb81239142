// The processes the bench measures from outside: the API and the worker as built (`dist/`), and
// the raw baseline; with their CPU time and resident memory read from /proc.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

export interface Proc {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Whatever ends the bench — its end, an error, Ctrl-C — ends the processes it started.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function stopper(child: ChildProcess): () => Promise<void> {
  children.add(child);
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function built(entry: string): string {
  const path = join(ROOT, 'dist', entry);
  if (!existsSync(path)) throw new Error(`${path} is missing: npm run bench builds it first`);
  return path;
}

/** Options for `node` from an environment variable ("--cpu-prof --cpu-prof-dir=profiles"). */
const nodeOptions = (variable: string): string[] =>
  process.env[variable]?.split(' ').filter(Boolean) ?? [];

export async function startApi(env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...nodeOptions('BENCH_API_NODE_OPTIONS'), built('main.js')],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await until(async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok, 'the API');
  return { child, port, stop: stopper(child) };
}

export async function startWorker(env: Record<string, string>): Promise<Proc> {
  // Its metrics and health listener on a free port, beside anything else on this machine: the
  // listener opens once the worker has started, so the bench waits for it rather than guessing
  // (on a busy machine loading the worker took longer than any fixed wait, and the measurements
  // then counted its start).
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...nodeOptions('BENCH_WORKER_NODE_OPTIONS'), built('worker.js')],
    {
      cwd: ROOT,
      env: { ...process.env, WORKER_HTTP_PORT: String(port), ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stop = stopper(child);
  await until(async () => {
    if (child.exitCode !== null) return true;
    // 200 or 503 (no heartbeat yet): either way it has started.
    await fetch(`http://127.0.0.1:${port}/health`);
    return true;
  }, 'the worker').catch(async (error: Error) => {
    await stop();
    throw error;
  });
  if (child.exitCode !== null) throw new Error('the worker stopped at start');
  // Give its queue consumers and relay a moment to connect.
  await new Promise((r) => setTimeout(r, 500));
  return { child, port, stop };
}

export async function startBaseline(env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [require.resolve('ts-node/dist/bin'), '-T', join(__dirname, 'baseline.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.once('exit', () => reject(new Error('the baseline stopped at start')));
  });
  return { child, port, stop: stopper(child) };
}

/** CPU time (user + system) of a process so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Resident memory of a process, in MiB. */
export function rssMiB(pid: number): number {
  const line = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : 0;
}

/** The machine's CPU counters (all cores, in clock ticks): busy and all time since boot. */
export function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal; guest time is counted in user and nice already.
  const ticks = fields.slice(0, 8).map(Number);
  const idle = ticks[3]! + (ticks[4] ?? 0);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: total - idle, total };
}

/** The load average of the last minute, to say how busy the shared machine was. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
