import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BudgetLedgerModule } from '../budget/budget-ledger.module';
import { IdentityModule } from '../identity/identity.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import {
  BudgetLine,
  Grant,
  GrantReferenceCounter,
  Milestone,
  Sprint,
  Tranche,
} from './grant.entity';
import { CloseOutService } from './close-out.service';
import { GrantSettlementResolver, RefundClaimResolver } from './close-out.resolver';
import { GrantLoaders } from './grant.loaders';
import { RefundClaim } from './refund-claim.entity';
import { GrantResolver, SprintResolver } from './grant.resolver';
import { GrantService } from './grant.service';
import { GrantAggregate } from './grant-aggregate';
import { GrantLifecycleService } from './grant-lifecycle.service';
import { TrancheNotificationsJob } from './tranche-notifications.job';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Grant,
      BudgetLine,
      Sprint,
      Milestone,
      Tranche,
      GrantReferenceCounter,
      RefundClaim,
    ]),
    IdentityModule,
    ProgrammesModule,
    BudgetLedgerModule,
  ],
  providers: [
    GrantService,
    GrantAggregate,
    GrantLifecycleService,
    CloseOutService,
    GrantSettlementResolver,
    RefundClaimResolver,
    GrantLoaders,
    GrantResolver,
    SprintResolver,
    TrancheNotificationsJob,
  ],
  exports: [GrantService, GrantAggregate, GrantLifecycleService, CloseOutService, GrantLoaders],
})
export class GrantsModule {}
