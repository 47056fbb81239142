import { Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { NotFoundError } from '../core/errors/app-error';
import { Person } from './entities/person.entity';
import { normalizeEmail } from './session.service';

/** Grants or revokes platform administration. Reached only from the command line, never GraphQL. */
@Injectable()
export class PlatformAdminService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async set(ctx: RequestContext, email: string, platformAdmin: boolean): Promise<Person> {
    return this.db.transaction(ctx, async (tx) => {
      const person = await this.db.repo(tx, Person).findOneBy({ email: normalizeEmail(email) });
      if (!person || person.anonymizedAt) throw new NotFoundError('Person', email);
      if (person.platformAdmin === platformAdmin) return person;
      await this.db.repo(tx, Person).update({ id: person.id }, { platformAdmin });
      await this.audit.record(tx, {
        action: platformAdmin ? 'person.platform-admin-granted' : 'person.platform-admin-revoked',
        subjectType: 'Person',
        subjectId: person.id,
        organizationId: null,
        before: { platformAdmin: person.platformAdmin },
        after: { platformAdmin },
      });
      return { ...person, platformAdmin };
    });
  }
}
