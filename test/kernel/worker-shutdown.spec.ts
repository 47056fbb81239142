// The worker stops within SHUTDOWN_GRACE_MS even when a running job does not finish: here an
// email job waits on an SMTP server that accepts the connection and never greets (nodemailer
// would wait 10 s for it). The job is not lost: BullMQ hands it to the next worker.
import { createServer, type Server, type Socket } from 'node:net';
import { startApi } from '../helpers/api';
import { signUp } from '../helpers/identity';
import { until } from '../helpers/wait';
import { startWorker } from '../helpers/worker';

describe('worker shutdown', () => {
  it('closes after the grace period while a job still waits', async () => {
    let connections = 0;
    const accepted = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      connections++;
      accepted.add(socket);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const api = await startApi();
    try {
      await signUp(api, 'GRANTEE', { verify: false }); // queues the address confirmation email
      const worker = await startWorker({
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(port),
        SHUTDOWN_GRACE_MS: '1000',
      });
      await until(() => connections > 0, 'the email job to connect to the silent server');
      const started = Date.now();
      await worker.close();
      // 1 s of grace and at most 1 s to cut the connections; waiting for the job would take
      // until nodemailer's 10 s greeting timeout.
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      // Hanging up ends the job cut off above (its greeting never comes): it fails, and the
      // closed worker's lock renewal, still waiting on it, stops too instead of outliving the test.
      for (const socket of accepted) socket.destroy();
      silent.close();
      await api.close();
    }
  }, 60_000);
});
