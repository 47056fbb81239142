import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Viewer } from './dto/identity.types';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';
import { Role } from './roles';

@Injectable()
export class ViewerService {
  constructor(private readonly db: Database) {}

  async viewer(ctx: RequestContext): Promise<Viewer> {
    const person = ctx.userId
      ? await this.db.repo(ctx, Person).findOneBy({ id: ctx.userId })
      : null;
    const memberships = ctx.userId
      ? await this.db
          .repo(ctx, Membership)
          .find({ where: { personId: ctx.userId }, order: { createdAt: 'ASC' } })
      : [];
    const organization = ctx.organizationId
      ? await this.db.repo(ctx, Organization).findOneBy({ id: ctx.organizationId })
      : null;
    return {
      person,
      organization,
      roles: ctx.roles as Role[],
      memberships,
      platformAdmin: person?.platformAdmin ?? false,
    };
  }
}
