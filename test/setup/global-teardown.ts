import { deleteRedisKeys, dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_TEMPLATE_DATABASE) await dropDatabase(process.env.TEST_TEMPLATE_DATABASE);
  // What tests left running (timers, sockets, servers) when they ran in this process: Jest exits
  // anyway (forceExit), so say it here rather than hang. Short timers of closing clients get a
  // moment to end first.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const open = process
    .getActiveResourcesInfo()
    .filter((kind) => !['TTYWrap', 'PipeWrap', 'FSReqCallback', 'ProcessWrap'].includes(kind));
  if (open.length) {
    const counts = new Map<string, number>();
    for (const kind of open) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    console.warn(
      `still open after the tests: ${[...counts].map(([kind, n]) => `${kind} ×${n}`).join(', ')}`,
    );
  }
  // Each file's environment deletes its keys after the file. An app a file did not close in time
  // (its afterAll timed out) can still write some (a queue's meta key, say): those go here.
  if (process.env.TEST_RUN_ID) await deleteRedisKeys(`mtest:${process.env.TEST_RUN_ID}`);
}
