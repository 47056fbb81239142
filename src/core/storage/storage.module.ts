import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';

/**
 * The file storage both entry points use, chosen by STORAGE_DRIVER (`local` or `s3`). The S3 client
 * is loaded only where S3 is the driver: an installation on one machine never carries it.
 */
export async function storageFrom(config: AppConfig): Promise<FileStorage> {
  if (config.get('STORAGE_DRIVER') === 's3') {
    const { S3FileStorage } = await import('./s3-file-storage');
    return new S3FileStorage({
      bucket: config.get('S3_BUCKET'),
      region: config.get('S3_REGION'),
      endpoint: config.get('S3_ENDPOINT'),
      accessKeyId: config.get('S3_ACCESS_KEY_ID'),
      secretAccessKey: config.get('S3_SECRET_ACCESS_KEY'),
      forcePathStyle: config.get('S3_FORCE_PATH_STYLE'),
      prefix: config.get('S3_PREFIX'),
    });
  }
  return new LocalFileStorage(config.get('STORAGE_DIR'));
}

@Global()
@Module({
  providers: [{ provide: FileStorage, useFactory: storageFrom, inject: [AppConfig] }],
  exports: [FileStorage],
})
export class StorageModule {}
