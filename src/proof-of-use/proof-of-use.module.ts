import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { BudgetModule } from '../budget/budget.module';
import { GrantsModule } from '../grants/grants.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ProofOfUseCompiler } from './proof-of-use-compiler';
import { ProofOfUseNotificationsJob } from './proof-of-use-notifications.job';
import { ProofOfUse, ProofOfUseDecision } from './proof-of-use.entity';
import { ProofOfUseResolver } from './proof-of-use.resolver';
import { ProofOfUseService } from './proof-of-use.service';

/**
 * Proofs of use (Zwischen- und Verwendungsnachweise): started, written and submitted by the
 * grantee, decided by the funder; their figures compiled from the budget, tranches and receipts.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ProofOfUse, ProofOfUseDecision]),
    GrantsModule,
    BudgetModule,
    ProgrammesModule,
    AttachmentsModule,
  ],
  providers: [
    ProofOfUseService,
    ProofOfUseCompiler,
    ProofOfUseResolver,
    ProofOfUseNotificationsJob,
  ],
  exports: [ProofOfUseService, ProofOfUseCompiler],
})
export class ProofOfUseModule {}
