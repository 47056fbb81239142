// Worker only: a small HTTP listener (WORKER_HTTP_PORT) for `GET /metrics` (Prometheus, with
// METRICS_TOKEN) and `GET /health` (200 while the heartbeat is fresh, else 503), which
// docker-compose's health check calls. Nothing else is served.
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '../config/app-config.service';
import { heartbeatFresh } from '../health/worker-heartbeat';
import { hasMetricsToken } from './http';
import { MetricsExporter } from './telemetry.module';

@Injectable()
export class WorkerHttp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttp.name);
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly exporter: MetricsExporter,
  ) {}

  /** The port it listens on (useful when WORKER_HTTP_PORT is 0). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => void this.answer(req, res));
    server.keepAliveTimeout = 5000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(
          this.config.get('WORKER_HTTP_PORT'),
          this.config.get('WORKER_HTTP_HOST'),
          () => {
            server.off('error', reject);
            resolve();
          },
        );
      });
      this.server = server;
    } catch (error) {
      // The worker's jobs matter more than its listener: keep working, say so loudly.
      this.logger.error(`metrics and health listener not started: ${(error as Error).message}`);
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method Not Allowed');
    try {
      if (path === '/health') {
        const fresh = await heartbeatFresh(
          this.config.get('WORKER_HEARTBEAT_FILE'),
          this.config.get('WORKER_HEARTBEAT_MS'),
        );
        return send(fresh ? 200 : 503, fresh ? 'ok' : 'no recent heartbeat');
      }
      const token = this.config.get('METRICS_TOKEN');
      if (path === '/metrics' && token) {
        if (!hasMetricsToken(req.headers.authorization, token)) {
          res.setHeader('WWW-Authenticate', 'Bearer');
          return send(401, 'Unauthorized');
        }
        const { contentType, body } = await this.exporter.render();
        return send(200, body, contentType);
      }
      send(404, 'Not Found');
    } catch (error) {
      this.logger.error(`worker listener: ${(error as Error).message}`);
      if (!res.headersSent) send(500, 'Internal Server Error');
      else res.destroy();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
