// API only: a graceful stop. On SIGTERM or SIGINT (src/main.ts) the API first drains: readiness
// answers 503 for SHUTDOWN_DRAIN_MS, so a load balancer stops sending new requests, while requests
// still arriving are served normally — each answer saying `Connection: close`, so keep-alive
// connections end cleanly after their answer instead of being cut. Then the listener closes and
// waits for the requests in flight.
import { Injectable, Logger } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { AppConfig } from '../config/app-config.service';

@Injectable()
export class DrainState {
  private readonly logger = new Logger(DrainState.name);
  draining = false;

  constructor(private readonly config: AppConfig) {}

  /** Answers readiness 503 and closes connections after each answer for SHUTDOWN_DRAIN_MS. */
  async drain(signal: string): Promise<void> {
    this.draining = true;
    const ms = this.config.get('SHUTDOWN_DRAIN_MS');
    this.logger.log(`${signal}: draining for ${ms} ms (readiness 503), then closing`);
    await new Promise((r) => setTimeout(r, ms));
  }

  /** Express middleware: while draining, every answer closes its connection. */
  middleware(): RequestHandler {
    return (_req, res, next) => {
      if (this.draining) res.setHeader('Connection', 'close');
      next();
    };
  }
}
