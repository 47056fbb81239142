// The files a signed link can open, by purpose. A module registers a source for its own files
// (reports register `report`); the downloads controller opens a link through the source its purpose
// names, acting as the person or key the link was issued to.
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { RequestContext } from '../context/request-context';

export interface DownloadableFile {
  stream: Readable;
  contentType: string;
  fileName: string;
  size: number | null;
}

export interface DownloadSource {
  /** Opens the subject's file for `ctx`, checking access exactly as an authenticated download does. */
  open(ctx: RequestContext, subjectId: string): Promise<DownloadableFile>;
}

@Injectable()
export class DownloadSources {
  private readonly sources = new Map<string, DownloadSource>();

  register(purpose: string, source: DownloadSource): void {
    if (this.sources.has(purpose)) throw new Error(`a download source for ${purpose} exists`);
    this.sources.set(purpose, source);
  }

  get(purpose: string): DownloadSource | undefined {
    return this.sources.get(purpose);
  }
}
