import { CommitGroups, Settled } from './commit-groups';

/** A `run` that records each group and finishes when the test says so. */
function recorder() {
  const groups: number[][] = [];
  const finish: (() => void)[] = [];
  const run = (items: number[]): Promise<Settled<string>[]> => {
    groups.push(items);
    return new Promise((resolve) =>
      finish.push(() =>
        resolve(
          items.map((n) =>
            n < 0
              ? { ok: false, error: new Error(`refused ${n}`) }
              : { ok: true, value: `done ${n}` },
          ),
        ),
      ),
    );
  };
  const next = async () => {
    await new Promise((r) => setImmediate(r));
    finish.shift()?.();
  };
  return { groups, run, next };
}

describe('CommitGroups', () => {
  it('runs a request for an idle key at once, alone', async () => {
    const r = recorder();
    const groups = new CommitGroups(r.run);
    const answer = groups.submit('a', 1);
    expect(r.groups).toEqual([[1]]);
    await r.next();
    await expect(answer).resolves.toBe('done 1');
    expect(groups.busyKeys).toBe(0);
  });

  it('groups the requests that arrive while their key runs, in order, each with its own answer', async () => {
    const r = recorder();
    const groups = new CommitGroups(r.run);
    const answers = [1, 2, -3, 4].map((n) => groups.submit('a', n));
    expect(r.groups).toEqual([[1]]);
    await r.next();
    await r.next();
    expect(r.groups).toEqual([[1], [2, -3, 4]]);
    const settled = await Promise.allSettled(answers);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      'done 1',
      'done 2',
      'Error: refused -3',
      'done 4',
    ]);
    expect(groups.busyKeys).toBe(0);
  });

  it('keeps keys apart and caps a group', async () => {
    const r = recorder();
    const groups = new CommitGroups(r.run, 2);
    const answers = [
      groups.submit('a', 1),
      groups.submit('b', 10),
      groups.submit('a', 2),
      groups.submit('a', 3),
      groups.submit('a', 4),
    ];
    expect(r.groups).toEqual([[1], [10]]);
    for (let i = 0; i < 4; i++) await r.next();
    expect(r.groups).toEqual([[1], [10], [2, 3], [4]]);
    await expect(Promise.all(answers)).resolves.toHaveLength(5);
  });

  it('gives every request of a group the error when the group fails as a whole, and goes on', async () => {
    let calls = 0;
    const groups = new CommitGroups<number, number>(async (items) => {
      calls++;
      if (calls === 2) throw new Error('connection lost');
      return items.map((n) => ({ ok: true, value: n }));
    });
    const first = groups.submit('a', 1);
    const second = [groups.submit('a', 2), groups.submit('a', 3)];
    await expect(first).resolves.toBe(1);
    await expect(Promise.allSettled(second)).resolves.toEqual([
      { status: 'rejected', reason: new Error('connection lost') },
      { status: 'rejected', reason: new Error('connection lost') },
    ]);
    await expect(groups.submit('a', 4)).resolves.toBe(4);
  });
});
