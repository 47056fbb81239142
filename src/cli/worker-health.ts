// The worker's health check (docker-compose runs it in the worker's container):
//   node dist/cli/worker-health.js   exit 0 when the worker wrote its heartbeat recently, else 1
import { validateEnvironment } from '../core/config/environment';
import { heartbeatFresh } from '../core/health/worker-heartbeat';

export async function workerHealthCli(env: Record<string, unknown>): Promise<boolean> {
  const config = validateEnvironment(env);
  return heartbeatFresh(config.WORKER_HEARTBEAT_FILE, config.WORKER_HEARTBEAT_MS);
}

if (require.main === module) {
  workerHealthCli(process.env).then(
    (healthy) => {
      console.log(healthy ? 'worker healthy' : 'worker unhealthy: no recent heartbeat');
      process.exit(healthy ? 0 : 1);
    },
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
