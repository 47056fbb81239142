import { SetMetadata } from '@nestjs/common';
import type { JobName } from './jobs';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a provider method as the one handler of a job name; the worker wires it at start-up. */
export const OnJob = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

/** What the relay puts into every BullMQ job. */
export interface JobData<P = unknown> {
  payload: P;
  meta: {
    outboxId?: string;
    organizationId?: string | null;
    requestId?: string | null;
    createdAt: string;
    /** W3C trace context of the relay's span: the job continues the trace of the write. */
    traceparent?: string | null;
    /** Set when the dead-letter sweeper runs a job again. */
    deadLetterId?: string;
  };
}

export interface JobInfo {
  id: string;
  name: JobName;
  attempt: number;
  meta: JobData['meta'];
}
