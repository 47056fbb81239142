// Waiting for what the worker does in the background.

/** Polls `check` every 50 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Gives the worker time to (wrongly) repeat itself before a test counts what arrived. */
export const settle = (ms = 800): Promise<void> => new Promise((r) => setTimeout(r, ms));
