import { Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { ConflictError, NotFoundError } from '../core/errors/app-error';
import { ConnectionShape, PageArgs, paginate, createdAtKeys } from '../core/pagination/connection';
import { newApiKey, sha256 } from './access/tokens';
import { CreatedApiKey } from './dto/identity.types';
import { CreateApiKeyInput } from './dto/identity.inputs';
import { ApiKey } from './entities/api-key.entity';
import { ApiKeyScope } from './roles';
import { IdentityReason, identityErrors } from './identity.errors';

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const { prefix, secret, plain } = newApiKey();
    // A key that may write may also read.
    const scopes = input.scopes.includes(ApiKeyScope.WRITE)
      ? [ApiKeyScope.READ, ApiKeyScope.WRITE]
      : [ApiKeyScope.READ];
    return this.db.transaction(ctx, async (tx) => {
      const apiKey = await this.db.repo(tx, ApiKey).save({
        organizationId: tx.orgId,
        name: input.name.trim(),
        prefix,
        secretHash: sha256(secret),
        scopes,
        createdById: tx.userId ?? null,
        expiresAt: input.expiresAt ?? null,
        lastUsedAt: null,
        revokedAt: null,
      });
      const { secretHash: _secret, ...visible } = apiKey;
      await this.audit.record(tx, {
        action: 'api-key.created',
        subjectType: 'ApiKey',
        subjectId: apiKey.id,
        after: visible,
      });
      return { apiKey, plainKey: plain };
    });
  }

  list(ctx: RequestContext, page: PageArgs): Promise<ConnectionShape<ApiKey>> {
    const qb = this.db
      .repo(ctx, ApiKey)
      .createQueryBuilder('k')
      .where('k.organization_id = :org', { org: ctx.orgId });
    return paginate(qb, page, createdAtKeys('k'));
  }

  async revoke(ctx: RequestContext, id: string): Promise<ApiKey> {
    return this.db.transaction(ctx, async (tx) => {
      const key = await this.db
        .repo(tx, ApiKey)
        .findOne({ where: { id, organizationId: tx.orgId }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new NotFoundError('ApiKey', id);
      if (key.revokedAt) {
        throw new ConflictError(identityErrors.text(IdentityReason.ALREADY_REVOKED), {
          reason: IdentityReason.ALREADY_REVOKED,
        });
      }
      key.revokedAt = new Date();
      await this.db.repo(tx, ApiKey).update({ id }, { revokedAt: key.revokedAt });
      await this.audit.record(tx, {
        action: 'api-key.revoked',
        subjectType: 'ApiKey',
        subjectId: id,
        before: { revokedAt: null },
        after: { revokedAt: key.revokedAt },
      });
      return key;
    });
  }
}
