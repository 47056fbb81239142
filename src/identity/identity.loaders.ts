import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';

/** Per-request batch loaders for people and organisations referenced by other objects. */
@Injectable()
export class IdentityLoaders {
  constructor(private readonly db: Database) {}

  person(ctx: RequestContext): DataLoader<string, Person | null> {
    return ctx.loader(
      'identity.person',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.db.repo(ctx, Person).findBy({ id: In([...ids]) });
          const byId = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  organization(ctx: RequestContext): DataLoader<string, Organization | null> {
    return ctx.loader(
      'identity.organization',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.db.repo(ctx, Organization).findBy({ id: In([...ids]) });
          const byId = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }
}
