import { assertOneHandlerPerJob } from './job-runner.service';
import { ALL_JOBS, JobName } from './jobs';

describe('job registry check', () => {
  const complete = () => new Map(ALL_JOBS.map((j) => [j, [`Handler.${j}`]]));

  it('accepts exactly one handler per job', () => {
    expect(() => assertOneHandlerPerJob(complete())).not.toThrow();
  });

  it('names a job without a handler', () => {
    const found = complete();
    found.delete(JobName.PruneOutbox);
    expect(() => assertOneHandlerPerJob(found)).toThrow(/maintenance.prune-outbox has no handler/);
  });

  it('names a job with two handlers', () => {
    const found = complete();
    found.set(JobName.PruneOutbox, ['A.run', 'B.run']);
    expect(() => assertOneHandlerPerJob(found)).toThrow(/2 handlers: A.run, B.run/);
  });
});
