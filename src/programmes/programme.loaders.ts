import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '../core/context/request-context';
import { oneBy } from '../core/database/batch-loaders';
import { Database } from '../core/database/database.service';
import { Programme } from './programme.entity';

/** Programmes by id, for objects that point at one (the parent was already authorised). */
@Injectable()
export class ProgrammeLoaders {
  constructor(private readonly db: Database) {}

  byId(ctx: RequestContext): DataLoader<string, Programme | null> {
    return oneBy(this.db, ctx, 'programmes.byId', Programme, 'id');
  }
}
