import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '../../src/core/config/app-config.service';
import { WorkerModule } from '../../src/worker.module';
import { testConfig } from './config';

/** Boots the worker in-process (relay, consumers, schedulers), without HTTP. */
export async function startWorker(
  env: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(testConfig(env))
    .compile();
  await moduleRef.init();
  return moduleRef;
}
