import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { GrantsModule } from '../grants/grants.module';
import { SprintsModule } from '../sprints/sprints.module';
import { AttachmentParents } from './attachment-parents';
import { AttachmentController } from './attachment.controller';
import { Attachment } from './attachment.entity';
import { AttachmentResolver } from './attachment.resolver';
import { AttachmentService } from './attachment.service';
import { AttachmentLoaders } from './attachment.loaders';
import { SpendEntryAttachmentsResolver } from './spend-entry-attachments.resolver';
import { ConfiguredVirusScanner, VirusScanner } from './virus-scanner';

/** Attachments: receipts, documents and logos in the file storage, under their parents' rules. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Attachment]),
    GrantsModule,
    ApplicationsModule,
    SprintsModule,
  ],
  controllers: [AttachmentController],
  providers: [
    AttachmentService,
    AttachmentParents,
    AttachmentResolver,
    AttachmentLoaders,
    SpendEntryAttachmentsResolver,
    { provide: VirusScanner, useClass: ConfiguredVirusScanner },
  ],
  exports: [AttachmentService],
})
export class AttachmentsModule {}
