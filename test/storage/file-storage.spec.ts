// One suite, both drivers: the local file system and S3-compatible object storage, the latter
// against a real S3-protocol server (s3rver) started here — no mock of the S3 client.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { FileStorage } from '../../src/core/storage/file-storage';
import { LocalFileStorage } from '../../src/core/storage/local-file-storage';
import { S3FileStorage } from '../../src/core/storage/s3-file-storage';
import { startS3, TestS3 } from '../helpers/s3';

interface Driver {
  storage: FileStorage;
  close(): Promise<void>;
}

const drivers: [string, () => Promise<Driver>][] = [
  [
    'local file system',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meilenstein-storage-'));
      return {
        storage: new LocalFileStorage(dir),
        close: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'S3 (s3rver)',
    async () => {
      const s3: TestS3 = await startS3();
      return {
        storage: new S3FileStorage({
          bucket: s3.bucket,
          region: 'us-east-1',
          endpoint: s3.endpoint,
          accessKeyId: 'S3RVER',
          secretAccessKey: 'S3RVER',
          forcePathStyle: true,
          prefix: 'install-a',
        }),
        close: () => s3.close(),
      };
    },
  ],
];

describe.each(drivers)('file storage: %s', (_name, start) => {
  let driver: Driver;
  let storage: FileStorage;
  let scratch: string;

  beforeAll(async () => {
    driver = await start();
    storage = driver.storage;
    scratch = mkdtempSync(join(tmpdir(), 'meilenstein-scratch-'));
  });
  afterAll(async () => {
    await driver.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('stores a buffer and gives it back byte for byte with its size', async () => {
    const body = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0a, 0xe4]);
    expect(await storage.put('attachments/org-1/a.bin', body)).toEqual({ size: 8 });
    const stored = await storage.open('attachments/org-1/a.bin');
    expect(stored?.size).toBe(8);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(body);
    expect(await storage.exists('attachments/org-1/a.bin')).toBe(true);
  });

  it('stores a file from disk, and a second put replaces the first whole', async () => {
    const path = join(scratch, 'report.csv');
    writeFileSync(path, 'a;b\n1;2\n');
    expect(await storage.put('reports/r1.csv', { path }, { contentType: 'text/csv' })).toEqual({
      size: 8,
    });
    await storage.put('reports/r1.csv', Buffer.from('replaced'));
    const stored = await storage.open('reports/r1.csv');
    expect(await text(stored!.stream)).toBe('replaced');
  });

  it('answers null for a missing object, and deleting is idempotent', async () => {
    expect(await storage.open('reports/missing.pdf')).toBeNull();
    expect(await storage.exists('reports/missing.pdf')).toBe(false);
    await storage.put('reports/gone.json', Buffer.from('{}'));
    await storage.delete('reports/gone.json');
    await storage.delete('reports/gone.json');
    expect(await storage.exists('reports/gone.json')).toBe(false);
    expect(await storage.open('reports/gone.json')).toBeNull();
  });

  it('refuses keys that could leave its root', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'a//b', '', 'a b'])
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow('not a storage key');
    await expect(storage.open('../x')).rejects.toThrow('not a storage key');
  });
});
