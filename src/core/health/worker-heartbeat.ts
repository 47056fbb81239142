// Worker only: the worker has no HTTP listener, so it shows it is healthy by writing the time to
// WORKER_HEARTBEAT_FILE every WORKER_HEARTBEAT_MS while PostgreSQL and Redis answer. The health
// command (src/cli/worker-health.ts, used by docker-compose) fails when the file is older than
// three intervals: the process hangs, or cannot reach its database or Redis.
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { rm, writeFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { REDIS } from '../redis/redis.module';

@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.config.get('WORKER_HEARTBEAT_MS'));
    this.timer.unref();
  }

  /** Writes the heartbeat when PostgreSQL and Redis answer; answers whether it did. */
  async beat(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      await this.redis.ping();
      await writeFile(this.config.get('WORKER_HEARTBEAT_FILE'), new Date().toISOString());
      return true;
    } catch (error) {
      this.logger.warn(`no heartbeat: ${(error as Error).message}`);
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await rm(this.config.get('WORKER_HEARTBEAT_FILE'), { force: true });
  }
}

/** Whether the heartbeat file was written within three intervals. */
export async function heartbeatFresh(file: string, intervalMs: number): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  try {
    return Date.now() - (await stat(file)).mtimeMs < 3 * intervalMs;
  } catch {
    return false;
  }
}
