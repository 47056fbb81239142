import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKey } from '../core/idempotency/idempotency-key.entity';
import { IdempotencyService } from '../core/idempotency/idempotency.service';
import { GrantsModule } from '../grants/grants.module';
import { Amendment } from './amendment.entity';
import { BudgetLedgerModule } from './budget-ledger.module';
import {
  AmendmentResolver,
  BudgetResolver,
  ReallocationResolver,
  SpendEntryResolver,
} from './budget.resolver';
import { BudgetService } from './budget.service';
import { Reallocation } from './reallocation.entity';
import { SpendEntry } from './spend-entry.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Reallocation, SpendEntry, Amendment, IdempotencyKey]),
    BudgetLedgerModule,
    GrantsModule,
  ],
  providers: [
    BudgetService,
    IdempotencyService,
    BudgetResolver,
    ReallocationResolver,
    SpendEntryResolver,
    AmendmentResolver,
  ],
  exports: [BudgetService],
})
export class BudgetModule {}
