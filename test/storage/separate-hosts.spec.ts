// An API and a worker as on two hosts: each with a local directory of its own that the other cannot
// see, and one S3-protocol object store between them. The worker makes a report, the API serves it.
import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3FileStorage } from '../../src/core/storage/s3-file-storage';
import { startApi, TestApi } from '../helpers/api';
import { signUp } from '../helpers/identity';
import { createProgramme } from '../helpers/programmes';
import { startS3, TestS3 } from '../helpers/s3';
import { until } from '../helpers/wait';
import { startWorker } from '../helpers/worker';

describe('API and worker on separate hosts with one object store', () => {
  let s3: TestS3;
  let api: TestApi;
  let worker: INestApplicationContext;
  const apiDir = mkdtempSync(join(tmpdir(), 'meilenstein-api-host-'));
  const workerDir = mkdtempSync(join(tmpdir(), 'meilenstein-worker-host-'));

  beforeAll(async () => {
    s3 = await startS3();
    api = await startApi({ env: { ...s3.env, STORAGE_DIR: apiDir } });
    worker = await startWorker({ ...s3.env, STORAGE_DIR: workerDir });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await s3.close();
    for (const dir of [apiDir, workerDir]) rmSync(dir, { recursive: true, force: true });
  });

  it('makes a report in the worker that the API serves, with no file on either local disk', async () => {
    const funder = await signUp(api, 'FUNDER');
    const programme = await createProgramme(funder, { title: 'Open Data Fund' });
    const requested = await funder.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
      { input: { kind: 'PORTFOLIO', format: 'CSV', programmeId: programme.id } },
    );
    expect(requested.errors).toBeUndefined();
    const id = requested.data.requestReport.id as string;
    await until(async () => {
      const r = await funder.gql(`query($id: ID!) { report(reportId: $id) { status } }`, { id });
      return r.data.report.status === 'READY';
    }, 'the report to be ready');

    const res = await fetch(`${api.url}/reports/${id}/download`, {
      headers: { authorization: `Bearer ${funder.accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^.*reference/i);

    // The file is in the bucket, under the key the API reads; neither host kept a copy.
    const store = new S3FileStorage({
      bucket: s3.bucket,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
    expect(await store.exists(`reports/${id}.csv`)).toBe(true);
    expect(readdirSync(apiDir)).toEqual([]);
    expect(readdirSync(workerDir)).toEqual([]);
  });
});
