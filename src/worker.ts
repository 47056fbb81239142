// Worker entry point: relays the outbox and consumes the queues; its only HTTP is /metrics and
// /health on WORKER_HTTP_PORT.
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
