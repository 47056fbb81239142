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
import {
  BudgetLineResolver,
  GrantResolver,
  SprintResolver,
  TrancheResolver,
} from './grant.resolver';
import { GrantService } from './grant.service';

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
    CloseOutService,
    GrantSettlementResolver,
    RefundClaimResolver,
    GrantLoaders,
    GrantResolver,
    BudgetLineResolver,
    SprintResolver,
    TrancheResolver,
  ],
  exports: [GrantService, CloseOutService, GrantLoaders],
})
export class GrantsModule {}
