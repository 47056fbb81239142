import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';
import { S3FileStorage } from './s3-file-storage';

/** The file storage both entry points use, chosen by STORAGE_DRIVER (`local` or `s3`). */
export function storageFrom(config: AppConfig): FileStorage {
  if (config.get('STORAGE_DRIVER') === 's3')
    return new S3FileStorage({
      bucket: config.get('S3_BUCKET'),
      region: config.get('S3_REGION'),
      endpoint: config.get('S3_ENDPOINT'),
      accessKeyId: config.get('S3_ACCESS_KEY_ID'),
      secretAccessKey: config.get('S3_SECRET_ACCESS_KEY'),
      forcePathStyle: config.get('S3_FORCE_PATH_STYLE'),
      prefix: config.get('S3_PREFIX'),
    });
  return new LocalFileStorage(config.get('STORAGE_DIR'));
}

@Global()
@Module({
  providers: [{ provide: FileStorage, useFactory: storageFrom, inject: [AppConfig] }],
  exports: [FileStorage],
})
export class StorageModule {}
