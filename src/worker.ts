// Worker entry point: no HTTP listener; relays the outbox and consumes the queues.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log('Meilenstein worker started', 'Bootstrap');
}

if (require.main === module) {
  bootstrap().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
