// Where files live: report files and attachments, behind one small interface with two drivers — the
// local file system (one machine) and S3-compatible object storage (several API and worker hosts).
// Keys are relative, slash-separated names chosen by the code (never by a user), e.g.
// `reports/<id>.pdf` or `attachments/<org>/<id>`. A stored object appears only complete.
import type { Readable } from 'node:stream';

export interface StoredObject {
  stream: Readable;
  size: number;
}

export abstract class FileStorage {
  /** Stores `body` under `key`, replacing what was there; readers see the old or the new object whole. */
  abstract put(
    key: string,
    body: Buffer | { path: string },
    options?: { contentType?: string },
  ): Promise<{ size: number }>;
  /** The object under `key`, or null when there is none. */
  abstract open(key: string): Promise<StoredObject | null>;
  /** Whether an object is stored under `key`. */
  abstract exists(key: string): Promise<boolean>;
  /** Removes the object; removing one that is not there is not an error. */
  abstract delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** Refuses keys that could leave the storage's root (`..`, absolute paths, odd characters). */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 512 || key.split('/').some((part) => part === '..'))
    throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}
