// The S3 driver: objects in one bucket of any S3-compatible store (AWS S3, MinIO, Ceph, …). A PUT
// is atomic in S3, so readers see the old or the new object whole, as with the file-system driver.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { checkKey, FileStorage, StoredObject } from './file-storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Endpoint of an S3-compatible store (MinIO: http://minio:9000); unset for AWS S3 itself. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most self-hosted stores need. */
  forcePathStyle: boolean;
  /** Prefix of every key in the bucket, so one bucket can serve several installations. */
  prefix?: string;
}

export class S3FileStorage extends FileStorage {
  readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    super();
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // Checksums the SDK would add by default are not understood by every S3-compatible store.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(
    key: string,
    body: Buffer | { path: string },
    options: { contentType?: string } = {},
  ): Promise<{ size: number }> {
    const size = Buffer.isBuffer(body) ? body.length : (await stat(body.path)).size;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.keyOf(key),
        Body: Buffer.isBuffer(body) ? body : createReadStream(body.path),
        ContentLength: size,
        ContentType: options.contentType ?? 'application/octet-stream',
      }),
    );
    return { size };
  }

  async open(key: string): Promise<StoredObject | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }),
      );
      if (!(out.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
      return { stream: out.Body, size: out.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }),
      );
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }),
    );
  }

  private keyOf(key: string): string {
    checkKey(key);
    return this.options.prefix ? `${this.options.prefix.replace(/\/+$/, '')}/${key}` : key;
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
  );
}
