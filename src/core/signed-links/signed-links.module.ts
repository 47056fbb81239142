import { Global, Module } from '@nestjs/common';
import { DownloadSources } from './download-sources';
import { DownloadsController } from './downloads.controller';
import { SignedLinks } from './signed-links';

/** Signed download links and the controller that serves them (API only). */
@Global()
@Module({
  providers: [SignedLinks, DownloadSources],
  controllers: [DownloadsController],
  exports: [SignedLinks, DownloadSources],
})
export class SignedLinksModule {}
