// The file-system driver: objects are files under one root directory. Writes go to a temporary
// file beside the target and are renamed into place, so a reader never sees half an object.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkKey, FileStorage, StoredObject } from './file-storage';

export class LocalFileStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  async put(key: string, body: Buffer | { path: string }): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const part = `${target}.${randomUUID()}.part`;
    try {
      if (Buffer.isBuffer(body)) await writeFile(part, body);
      else await copyFile(body.path, part);
      await rename(part, target);
    } catch (error) {
      await unlink(part).catch(() => undefined);
      throw error;
    }
    return { size: (await stat(target)).size };
  }

  async open(key: string): Promise<StoredObject | null> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    return { stream: createReadStream(path), size: info.size };
  }

  async exists(key: string): Promise<boolean> {
    const info = await stat(this.pathOf(key)).catch(() => null);
    return !!info?.isFile();
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private pathOf(key: string): string {
    return join(this.root, checkKey(key));
  }
}
