import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { ConflictError, NotFoundError } from '../core/errors/app-error';
import { AccessCache } from './access/access-cache.service';
import { OrganizationInput, UpdateOrganizationInput } from './dto/identity.inputs';
import { Organization } from './entities/organization.entity';
import { FormOfAddress, Language } from './roles';
import { IdentityReason, identityErrors } from './identity.errors';

const TRANSLITERATE: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => TRANSLITERATE[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '');
  return slug.length >= 3 ? slug : `org-${slug || 'new'}`;
}

@Injectable()
export class OrganizationService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessCache,
  ) {}

  /**
   * Creates an organisation (inside the caller's transaction). A chosen handle must be free; a
   * generated one gets the first free suffix. Inserts use ON CONFLICT DO NOTHING, so a handle taken
   * by a concurrent request moves on to the next candidate instead of failing the transaction.
   */
  async create(ctx: RequestContext, input: OrganizationInput): Promise<Organization> {
    const repo = this.db.repo(ctx, Organization);
    const base = input.slug ?? slugify(input.name);
    const candidates = input.slug
      ? [base]
      : [
          base,
          ...Array.from({ length: 20 }, (_, i) => `${base}-${i + 2}`),
          `${base}-${randomBytes(3).toString('hex')}`,
        ];
    const values = {
      kind: input.kind,
      name: input.name.trim(),
      country: input.country.toUpperCase(),
      language: input.language ?? Language.DE,
      formOfAddress: input.formOfAddress ?? FormOfAddress.SIE,
    };
    let organization: Organization | null = null;
    for (const slug of candidates) {
      const result = await repo
        .createQueryBuilder()
        .insert()
        .values({ ...values, slug })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (result.raw as { id: string }[])[0]?.id;
      if (id) {
        organization = await repo.findOneByOrFail({ id });
        break;
      }
    }
    if (!organization) throw slugTaken(base);
    await this.audit.record(ctx, {
      action: 'organization.created',
      subjectType: 'Organization',
      subjectId: organization.id,
      organizationId: organization.id,
      after: organization,
    });
    return organization;
  }

  async current(ctx: RequestContext): Promise<Organization> {
    const org = await this.db.repo(ctx, Organization).findOneBy({ id: ctx.orgId });
    if (!org) throw new NotFoundError('Organization', ctx.orgId);
    return org;
  }

  async update(ctx: RequestContext, input: UpdateOrganizationInput): Promise<Organization> {
    return this.db.transaction(ctx, async (tx) => {
      const repo = this.db.repo(tx, Organization);
      const before = await repo
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id: tx.orgId })
        .getOne();
      if (!before) throw new NotFoundError('Organization', tx.orgId);
      const changes: Partial<Organization> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.country !== undefined) changes.country = input.country.toUpperCase();
      if (input.language !== undefined) changes.language = input.language;
      if (input.formOfAddress !== undefined) changes.formOfAddress = input.formOfAddress;
      if (Object.keys(changes).length === 0) return before;
      await repo.update({ id: before.id }, changes);
      this.access.forget({ organizationId: before.id });
      const after = await repo.findOneByOrFail({ id: before.id });
      await this.audit.record(tx, {
        action: 'organization.updated',
        subjectType: 'Organization',
        subjectId: after.id,
        before,
        after,
      });
      return after;
    });
  }
}

function slugTaken(slug: string): ConflictError {
  return new ConflictError(identityErrors.text(IdentityReason.SLUG_TAKEN, slug), {
    reason: IdentityReason.SLUG_TAKEN,
    field: 'organization.slug',
  });
}
