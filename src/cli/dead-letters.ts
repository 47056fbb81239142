// Command line for operators: jobs that failed for good (dead letters).
//   node dist/cli/dead-letters.js list [--all]   unresolved ones (--all: resolved too), newest first
//   node dist/cli/dead-letters.js retry <id>     run one again at the worker's next sweep
//   node dist/cli/dead-letters.js retry-all      run every unresolved one again at the next sweep
// The worker's sweeper also runs each again by itself every DEAD_LETTER_RETRY_AFTER_MS.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule } from '../core/core.module';
import { DeadLetterService } from '../core/queue/dead-letter.service';

@Module({ imports: [CoreModule] })
class CliModule {}

const USAGE = 'usage: dead-letters list [--all] | retry <id> | retry-all';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function deadLettersCli(argv: string[]): Promise<string> {
  const [command, arg] = argv;
  if (command === 'retry' && !UUID.test(arg ?? '')) throw new Error(USAGE);
  if (!['list', 'retry', 'retry-all'].includes(command ?? '')) throw new Error(USAGE);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const service = app.get(DeadLetterService);
    if (command === 'list') {
      const rows = await service.list(arg === '--all');
      if (rows.length === 0) return 'no dead letters';
      return rows
        .map(
          (d) =>
            `${d.id}  ${d.jobName}  ${JSON.stringify(d.payload)}  failed ${d.failedAt.toISOString()} after ${d.attempts} attempts (${d.retries} runs again)  ${d.resolvedAt ? `resolved ${d.resolvedAt.toISOString()}` : `next run ${d.nextRetryAt?.toISOString() ?? '-'}`}\n    ${d.lastError}`,
        )
        .join('\n');
    }
    const count = await service.retryNow(command === 'retry' ? arg : undefined);
    if (command === 'retry' && count === 0) throw new Error(`no unresolved dead letter ${arg}`);
    return `${count} dead letter(s) due now; the worker runs them at its next sweep`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  deadLettersCli(process.argv.slice(2)).then(
    (message) => console.log(message),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
