// Turns a request's credentials into an Actor: a person (access token + chosen organisation) or an
// API key (its organisation and scopes). Invalid credentials answer UNAUTHENTICATED.
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor } from '../../core/context/request-context';
import { Database } from '../../core/database/database.service';
import { NotFoundError, UnauthenticatedError } from '../../core/errors/app-error';
import { RequestContext } from '../../core/context/request-context';
import { ApiKey } from '../entities/api-key.entity';
import { Membership } from '../entities/membership.entity';
import { Organization } from '../entities/organization.entity';
import { apiKeyRoles, FormOfAddress } from '../roles';
import { AccessCache } from './access-cache.service';
import { parseApiKey, safeEqualHex, sha256 } from './tokens';
import { IdentityReason, identityErrors } from '../identity.errors';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  typ: 'access';
}

interface SessionRow {
  live: boolean;
  /** Milliseconds the session has left, by the database's clock. */
  ms_left: number;
  platform_admin: boolean;
  email_verified: boolean;
  organization_id: string | null;
  role: Membership['role'] | null;
  kind: Organization['kind'] | null;
  form_of_address: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}

const header = (req: HttpRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

@Injectable()
export class Authenticator {
  private readonly logger = new Logger(Authenticator.name);

  constructor(
    private readonly jwt: JwtService,
    private readonly db: Database,
    private readonly cache: AccessCache<SessionRow>,
  ) {}

  async authenticate(req: HttpRequest): Promise<Actor | undefined> {
    const authorization = header(req, 'authorization');
    if (!authorization) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) {
      throw new UnauthenticatedError(identityErrors.text(IdentityReason.MALFORMED_CREDENTIALS), {
        reason: IdentityReason.MALFORMED_CREDENTIALS,
      });
    }
    const token = match[1];
    if (token.startsWith('msk_')) return this.authenticateApiKey(token);
    return this.authenticatePerson(token, header(req, 'x-organization-id'));
  }

  private async authenticateApiKey(token: string): Promise<Actor> {
    const parsed = parseApiKey(token);
    const ctx = RequestContext.system('authenticate');
    const key = parsed
      ? await this.db.repo(ctx, ApiKey).findOne({ where: { prefix: parsed.prefix } })
      : null;
    const now = new Date();
    if (!parsed || !key || !safeEqualHex(key.secretHash, sha256(parsed.secret))) {
      throw new UnauthenticatedError(identityErrors.text(IdentityReason.INVALID_API_KEY), {
        reason: IdentityReason.INVALID_API_KEY,
      });
    }
    if (key.revokedAt) {
      throw new UnauthenticatedError(identityErrors.text(IdentityReason.API_KEY_REVOKED), {
        reason: IdentityReason.API_KEY_REVOKED,
      });
    }
    if (key.expiresAt && key.expiresAt <= now) {
      throw new UnauthenticatedError(identityErrors.text(IdentityReason.API_KEY_EXPIRED), {
        reason: IdentityReason.API_KEY_EXPIRED,
      });
    }
    const org = await this.db.repo(ctx, Organization).findOneByOrFail({ id: key.organizationId });
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
      // Bookkeeping, not a state change anyone decided: no audit event, and never blocks the request.
      this.db
        .repo(ctx, ApiKey)
        .update({ id: key.id }, { lastUsedAt: now })
        .catch((e: Error) => this.logger.warn(`could not record API key use: ${e.message}`));
    }
    return {
      kind: 'apiKey',
      apiKeyId: key.id,
      organizationId: key.organizationId,
      organizationKind: org.kind,
      scopes: key.scopes,
      roles: apiKeyRoles(org.kind, key.scopes),
    };
  }

  private async authenticatePerson(
    token: string,
    organizationHeader: string | undefined,
  ): Promise<Actor> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      const reason = expired ? IdentityReason.TOKEN_EXPIRED : IdentityReason.INVALID_TOKEN;
      throw new UnauthenticatedError(identityErrors.text(reason), { reason });
    }
    // A token without an expiry would work for ever: none is accepted (ours always carry one).
    if (claims.typ !== 'access' || typeof (claims as { exp?: unknown }).exp !== 'number')
      throw new UnauthenticatedError(undefined, { reason: IdentityReason.INVALID_TOKEN });
    const wanted = organizationHeader?.trim() || undefined;
    if (wanted && !UUID.test(wanted)) throw new NotFoundError('Organization', wanted.slice(0, 64));
    // One statement: the session with its person, and the membership of the organisation asked
    // for (the header's, else the session's default) with that organisation. Kept in memory while
    // the session lives; any change to those rows evicts it (see AccessCache).
    const row = await this.cache.get(`${claims.sid} ${claims.sub} ${wanted ?? ''}`, async () => {
      const [found] = await this.db
        .manager(RequestContext.system('authenticate'))
        .query<SessionRow[]>(
          `SELECT s.revoked_at IS NULL AND s.expires_at > now() AND p.anonymized_at IS NULL AS live,
                  (extract(epoch FROM s.expires_at - now()) * 1000)::float8 AS ms_left,
                  p.platform_admin, p.email_verified_at IS NOT NULL AS email_verified,
                  m.organization_id, m.role, o.kind, o.form_of_address
             FROM session s
             JOIN person p ON p.id = s.person_id
             LEFT JOIN membership m ON m.person_id = s.person_id
                                   AND m.organization_id = coalesce($3::uuid, s.organization_id)
             LEFT JOIN organization o ON o.id = m.organization_id
            WHERE s.id = $1 AND s.person_id = $2`,
          [claims.sid, claims.sub, wanted ?? null],
        );
      if (!found) return undefined;
      return {
        row: found,
        personId: claims.sub,
        organizationId: found.organization_id,
        sessionEndsAt: Date.now() + found.ms_left,
        // An ended session is read again each time, and so is an organisation named in the header
        // that the person does not belong to (any id can be named; those must not crowd the cache).
        keep: found.live && !(wanted && !found.organization_id),
      };
    });
    if (!row?.live) {
      throw new UnauthenticatedError(identityErrors.text(IdentityReason.SESSION_ENDED, 'yours'), {
        reason: IdentityReason.SESSION_ENDED,
      });
    }
    // Naming an organisation one does not belong to looks exactly like naming one that does not exist.
    if (!row.organization_id && wanted) throw new NotFoundError('Organization', wanted);
    return {
      kind: 'user',
      userId: claims.sub,
      sessionId: claims.sid,
      platformAdmin: row.platform_admin,
      emailVerified: row.email_verified,
      du: row.form_of_address === FormOfAddress.DU,
      organizationId: row.organization_id ?? undefined,
      organizationKind: row.kind ?? undefined,
      roles: row.role ? [row.role] : [],
    };
  }
}
