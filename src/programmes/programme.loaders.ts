import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Programme } from './programme.entity';

/** Programmes by id, for objects that point at one (the parent was already authorised). */
@Injectable()
export class ProgrammeLoaders {
  constructor(private readonly db: Database) {}

  byId(ctx: RequestContext): DataLoader<string, Programme | null> {
    return ctx.loader(
      'programmes.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.db.repo(ctx, Programme).findBy({ id: In([...ids]) });
          const byId = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }
}
