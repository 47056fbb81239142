// How often and how far apart a job is retried. Emails (the notifications queue) must outlive an
// SMTP outage of hours: the delay doubles up to MAIL_BACKOFF_MAX_MS and then stays there, so
// MAIL_ATTEMPTS spread over more than a day (defaults: 2 s doubling to 1 h, 40 attempts ≈ 30 h).
// A job that exhausts its attempts becomes a dead letter (dead-letter.service.ts).
import type { BackoffStrategy, JobsOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config.service';
import { JOB_QUEUE, JobName, QueueName } from './jobs';

/** The backoff type of the notifications queue: exponential, capped at `MAIL_BACKOFF_MAX_MS`. */
export const CAPPED_EXPONENTIAL = 'capped-exponential';

export function retryPolicy(
  config: AppConfig,
  job: JobName,
): Pick<JobsOptions, 'attempts' | 'backoff'> {
  if (job === JobName.DeliverWebhook)
    return {
      attempts: config.get('WEBHOOK_MAX_ATTEMPTS'),
      backoff: { type: 'exponential', delay: config.get('WEBHOOK_BACKOFF_MS') },
    };
  if (JOB_QUEUE[job] === QueueName.Notifications)
    return {
      attempts: config.get('MAIL_ATTEMPTS'),
      backoff: { type: CAPPED_EXPONENTIAL, delay: config.get('MAIL_BACKOFF_MS') },
    };
  return {
    attempts: config.get('JOB_ATTEMPTS'),
    backoff: { type: 'exponential', delay: config.get('JOB_BACKOFF_MS') },
  };
}

/** The delay before retry `attemptsMade + 1` under the capped policy. */
export function cappedDelay(attemptsMade: number, first: number, max: number): number {
  return Math.min(max, first * 2 ** Math.max(0, Math.min(attemptsMade - 1, 40)));
}

/** The worker's strategy for custom backoff types. */
export function backoffStrategy(config: AppConfig): BackoffStrategy {
  return (attemptsMade, _type, _err, job) => {
    const backoff = job?.opts.backoff;
    const first =
      typeof backoff === 'object' && backoff.delay ? backoff.delay : config.get('MAIL_BACKOFF_MS');
    return cappedDelay(attemptsMade, first, config.get('MAIL_BACKOFF_MAX_MS'));
  };
}

/** Milliseconds from the first attempt to the last under the capped policy. */
export function cappedSpan(attempts: number, first: number, max: number): number {
  let total = 0;
  for (let made = 1; made < attempts; made++) total += cappedDelay(made, first, max);
  return total;
}
