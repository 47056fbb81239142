// What request-scoped context costs per promise on the running Node: CPU time per `await` outside
// any AsyncLocalStorage, inside one store (the logger's request context) and inside two (plus
// OpenTelemetry's context), each in a fresh process, medians of 5 rounds of 2,000,000 awaits.
// Node 20 runs promise hooks for every promise once a store was entered; Node 24 keeps the context
// in an AsyncContextFrame and pays nothing per promise. Run: `npx ts-node -T bench/async-context.ts`
// (under `source scripts/node24.sh` for Node 24).
import { AsyncLocalStorage } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';

const AWAITS = 2_000_000;
const MODES = ['none', 'one store', 'two stores'] as const;

async function measure(mode: (typeof MODES)[number]): Promise<number> {
  const a = new AsyncLocalStorage<object>();
  const b = new AsyncLocalStorage<object>();
  const work = async () => {
    for (let i = 0; i < AWAITS; i++) await Promise.resolve(i);
  };
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = process.cpuUsage();
    if (mode === 'none') await work();
    else if (mode === 'one store') await a.run({}, work);
    else await a.run({}, () => b.run({}, work));
    const used = process.cpuUsage(start);
    rounds.push(((used.user + used.system) * 1000) / AWAITS);
  }
  return rounds.sort((x, y) => x - y)[2];
}

if (process.argv[2]) {
  void measure(process.argv[2] as (typeof MODES)[number]).then((ns) => console.log(ns.toFixed(0)));
} else {
  const rows: Record<string, string> = {};
  for (const mode of MODES) {
    // A process per mode: entering a store must not change the others' figures.
    const ns = execFileSync(process.execPath, [...process.execArgv, __filename, mode], {
      encoding: 'utf8',
    }).trim();
    rows[mode] = `${ns} ns per await`;
  }
  console.log(`async context on Node ${process.version}`);
  console.table(rows);
}
