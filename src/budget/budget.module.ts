import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GrantsModule } from '../grants/grants.module';
import { IdentityModule } from '../identity/identity.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { Amendment } from './amendment.entity';
import { BudgetLedgerModule } from './budget-ledger.module';
import {
  AmendmentResolver,
  BudgetResolver,
  GrantBudgetResolver,
  ProgrammeBudgetResolver,
  ReallocationResolver,
  SpendEntryResolver,
} from './budget.resolver';
import { BudgetService } from './budget.service';
import { ReallocationNotificationsJob } from './reallocation-notifications.job';
import { Reallocation } from './reallocation.entity';
import { SpendEntry } from './spend-entry.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Reallocation, SpendEntry, Amendment]),
    BudgetLedgerModule,
    GrantsModule,
    IdentityModule,
    ProgrammesModule,
  ],
  providers: [
    BudgetService,
    ReallocationNotificationsJob,
    BudgetResolver,
    ReallocationResolver,
    GrantBudgetResolver,
    ProgrammeBudgetResolver,
    SpendEntryResolver,
    AmendmentResolver,
  ],
  exports: [BudgetService],
})
export class BudgetModule {}
