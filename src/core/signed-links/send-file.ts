import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { DownloadableFile } from './download-sources';

const logger = new Logger('Download');

/** Streams a file as an attachment; a client that goes away ends the stream, not the process. */
export async function sendFile(res: Response, file: DownloadableFile, what: string): Promise<void> {
  res.setHeader('content-type', file.contentType);
  res.setHeader(
    'content-disposition',
    `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  );
  if (file.size !== null) res.setHeader('content-length', String(file.size));
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  await pipeline(file.stream, res).catch((error: Error) =>
    logger.warn(`download of ${what} ended early: ${error.message}`),
  );
}
