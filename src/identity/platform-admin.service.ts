import { Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { NotFoundError } from '../core/errors/app-error';
import { isEmail, isISO31661Alpha2 } from 'class-validator';
import { AccessCache } from './access/access-cache.service';
import { Invitation } from './entities/invitation.entity';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';
import { InvitationService } from './invitation.service';
import { OrganizationService } from './organization.service';
import { Language, OrganizationKind } from './roles';
import { normalizeEmail } from './session.service';

/**
 * Platform operators' tasks, reached only from the command line, never GraphQL: granting or
 * revoking platform administration, and creating funder organisations (with SIGNUP_FUNDERS=invite
 * the only way a funder joins).
 */
@Injectable()
export class PlatformAdminService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationService,
    private readonly invitations: InvitationService,
    private readonly access: AccessCache,
  ) {}

  /** Creates a FUNDER organisation and emails its first owner an OWNER invitation. */
  async createFunder(
    ctx: RequestContext,
    input: { name: string; ownerEmail: string; country?: string; language?: Language },
  ): Promise<{ organization: Organization; invitation: Invitation }> {
    const name = input.name.trim();
    const ownerEmail = normalizeEmail(input.ownerEmail);
    const country = (input.country ?? 'DE').toUpperCase();
    const problems = [
      ...(name.length >= 2 && name.length <= 200 ? [] : ['name must be 2 to 200 characters']),
      ...(isEmail(ownerEmail) && ownerEmail.length <= 254 ? [] : ['owner email is not valid']),
      ...(isISO31661Alpha2(country) ? [] : ['country must be ISO 3166-1 alpha-2, e.g. DE']),
    ];
    if (problems.length) throw new Error(problems.join('; '));
    return this.db.transaction(ctx, async (tx) => {
      const organization = await this.organizations.create(tx, {
        name,
        kind: OrganizationKind.FUNDER,
        country,
        language: input.language ?? Language.DE,
      });
      const invitation = await this.invitations.inviteFirstOwner(tx, organization.id, ownerEmail);
      return { organization, invitation };
    });
  }

  async set(ctx: RequestContext, email: string, platformAdmin: boolean): Promise<Person> {
    return this.db.transaction(ctx, async (tx) => {
      const person = await this.db.repo(tx, Person).findOneBy({ email: normalizeEmail(email) });
      if (!person || person.anonymizedAt) throw new NotFoundError('Person', email);
      if (person.platformAdmin === platformAdmin) return person;
      await this.db.repo(tx, Person).update({ id: person.id }, { platformAdmin });
      this.access.forget({ personId: person.id });
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
