import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '../core/context/request-context';
import { oneBy } from '../core/database/batch-loaders';
import { Database } from '../core/database/database.service';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';

/** Per-request batch loaders for people and organisations referenced by other objects. */
@Injectable()
export class IdentityLoaders {
  constructor(private readonly db: Database) {}

  person(ctx: RequestContext): DataLoader<string, Person | null> {
    return oneBy(this.db, ctx, 'identity.person', Person, 'id');
  }

  organization(ctx: RequestContext): DataLoader<string, Organization | null> {
    return oneBy(this.db, ctx, 'identity.organization', Organization, 'id');
  }
}
