// Group commit for writes that queue behind one lock. Throughput on one locked row is one over the
// time the lock is held, and most of that time is round trips, not work: so requests for the same
// key that arrive while a transaction for that key runs wait here, in the process, and then go
// together into the next transaction — one lock, one batch of writes, one commit for all of them.
// A request that finds its key idle starts at once, alone: grouping costs nothing without
// contention and grows with it. The caller's `run` answers every request of a group on its own
// (a value or an error), so one refused request does not fail the others.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export class CommitGroups<I, R> {
  private readonly queues = new Map<string, Waiting<I, R>[]>();

  /**
   * @param run does the work of one group, in order, and answers each item in the same position;
   *   when it throws, every item of the group gets that error.
   * @param maxGroup how many items one group takes at most (the rest wait for the next one).
   */
  constructor(
    private readonly run: (items: I[]) => Promise<Settled<R>[]>,
    private readonly maxGroup = 32,
  ) {}

  /** Runs `item` in the next group of `key` and answers its own result. */
  submit(key: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) queue.push({ item, resolve, reject });
      else {
        this.queues.set(key, [{ item, resolve, reject }]);
        void this.drain(key);
      }
    });
  }

  /** How many keys have a group running or waiting (for tests and shutdown checks). */
  get busyKeys(): number {
    return this.queues.size;
  }

  /** Runs the groups of `key` one after the other until nobody waits. */
  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length) {
      const group = queue.splice(0, this.maxGroup);
      let answers: Settled<R>[];
      try {
        answers = await this.run(group.map((w) => w.item));
      } catch (error) {
        answers = group.map(() => ({ ok: false, error }));
      }
      group.forEach((waiting, i) => {
        const answer = answers[i];
        if (!answer) waiting.reject(new Error(`group commit answered no result for item ${i}`));
        else if (answer.ok) waiting.resolve(answer.value);
        else waiting.reject(answer.error);
      });
    }
    this.queues.delete(key);
  }
}

/** `work`'s value or error as a `Settled`. */
export async function settle<R>(work: () => Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}
