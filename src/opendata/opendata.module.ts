import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GrantsModule } from '../grants/grants.module';
import { GrantPublication, OpenDataProfile } from './open-data.entity';
import {
  GrantPublicationResolver,
  OpenDataResolver,
  OrganizationOpenDataResolver,
} from './open-data.resolver';
import { OpenDataService } from './open-data.service';

/** Open grant data in the 360Giving Data Standard: identifiers, publishable grants, the export. */
@Module({
  imports: [TypeOrmModule.forFeature([OpenDataProfile, GrantPublication]), GrantsModule],
  providers: [
    OpenDataService,
    OpenDataResolver,
    OrganizationOpenDataResolver,
    GrantPublicationResolver,
  ],
})
export class OpenDataModule {}
