import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GrantsModule } from '../grants/grants.module';
import { IdentityModule } from '../identity/identity.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { Application, ApplicationReview, ApplicationVersion } from './application.entity';
import { ApplicationContactErasure } from './application-contact-erasure';
import { ApplicationLoaders } from './application.loaders';
import {
  ApplicationResolver,
  ApplicationReviewResolver,
  ProgrammeApplicationsResolver,
} from './application.resolver';
import { ApplicationService } from './application.service';
import { NotifyApplicationDecidedJob } from './notify-application-decided.job';

@Module({
  imports: [
    TypeOrmModule.forFeature([Application, ApplicationVersion, ApplicationReview]),
    IdentityModule,
    ProgrammesModule,
    GrantsModule,
  ],
  providers: [
    ApplicationService,
    ApplicationLoaders,
    ApplicationResolver,
    ApplicationReviewResolver,
    ProgrammeApplicationsResolver,
    NotifyApplicationDecidedJob,
    ApplicationContactErasure,
  ],
  exports: [ApplicationService, ApplicationLoaders],
})
export class ApplicationsModule {}
