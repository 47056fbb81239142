import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { Programme } from './programme.entity';
import { ProgrammeBudgetGuard } from './programme-budget-guard';
import { ProgrammeLoaders } from './programme.loaders';
import { ProgrammeResolver } from './programme.resolver';
import { ProgrammeService } from './programme.service';

@Module({
  imports: [TypeOrmModule.forFeature([Programme]), IdentityModule],
  providers: [ProgrammeService, ProgrammeBudgetGuard, ProgrammeLoaders, ProgrammeResolver],
  exports: [ProgrammeService, ProgrammeBudgetGuard, ProgrammeLoaders],
})
export class ProgrammesModule {}
