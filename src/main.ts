// API entry point: GraphQL at /graphql, health at /health/live and /health/ready, Prometheus
// metrics at /metrics (with METRICS_TOKEN).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { AppConfig } from './core/config/app-config.service';
import { bodyParserErrorHandler } from './core/errors/body-parser-errors';
import { securityHeaders } from './core/http/security-headers';
import { DrainState } from './core/health/drain';
import { Metrics } from './core/telemetry/metrics';
import { MetricsExporter } from './core/telemetry/telemetry.module';
import { metricsEndpoint, observeRequests } from './core/telemetry/http';

/** Settings every API instance gets, also those built by tests. */
export function configureApi(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', trustProxy(app.get(AppConfig).get('TRUST_PROXY')));
  app.disable('x-powered-by');
  // First: every request gets its span and is counted, and /metrics bypasses the rest.
  app.use(observeRequests(app.get(Metrics)));
  app.use(metricsEndpoint(app.get(MetricsExporter), app.get(AppConfig).get('METRICS_TOKEN')));
  app.use(securityHeaders(app.get(AppConfig).isProduction));
  app.use(app.get(DrainState).middleware());
  app.useBodyParser('json', { limit: '1mb' });
  // Right after the parser: its 413 and 400 answer as GraphQL errors, not as server errors.
  app.use(bodyParserErrorHandler);
  return app;
}

/** Express's `trust proxy` from the TRUST_PROXY setting (off unless set). */
export function trustProxy(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export async function createApi(): Promise<NestExpressApplication> {
  return configureApi(
    await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true }),
  );
}

async function bootstrap(): Promise<void> {
  const app = await createApi();
  const port = app.get(AppConfig).get('PORT');
  await app.listen(port);
  app.get(Logger).log(`Meilenstein API listening on http://localhost:${port}/graphql`, 'Bootstrap');
  // Drain, then close: Nest's own shutdown hooks would stop parts of the app before draining.
  const stop = (signal: NodeJS.Signals) => {
    app
      .get(DrainState)
      .drain(signal)
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: Error) => {
          console.error(`shutdown failed: ${error.message}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  bootstrap().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
