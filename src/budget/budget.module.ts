import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GrantsModule } from '../grants/grants.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { Amendment } from './amendment.entity';
import { BudgetLedgerModule } from './budget-ledger.module';
import {
  AmendmentResolver,
  BudgetResolver,
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
    ProgrammesModule,
  ],
  providers: [
    BudgetService,
    ReallocationNotificationsJob,
    BudgetResolver,
    ReallocationResolver,
    SpendEntryResolver,
    AmendmentResolver,
  ],
  exports: [BudgetService],
})
export class BudgetModule {}
