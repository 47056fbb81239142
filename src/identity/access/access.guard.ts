// Authorization in one place: every operation declares an AccessPolicy; this guard authenticates
// the caller once per request and enforces the policy. No declaration means no access.
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ACCESS_POLICY, AccessPolicy } from '../../core/auth/public.decorator';
import { requestContextOf, RequestWithContext } from '../../core/context/ctx.decorator';
import { ForbiddenError, UnauthenticatedError } from '../../core/errors/app-error';
import { ApiKeyScope, Role } from '../roles';
import { Authenticator } from './authenticator.service';
import { IdentityReason, identityErrors } from '../identity.errors';

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const gql =
      context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context) : undefined;
    const parentType = gql?.getInfo<GraphQLResolveInfo>().parentType.name;
    // Field resolvers of object types inherit the access of the operation that reached them.
    if (parentType !== undefined && !['Query', 'Mutation', 'Subscription'].includes(parentType))
      return true;
    if (!policy) {
      throw new ForbiddenError({
        en: 'This operation declares no access policy and is closed.',
        de: 'Diese Operation hat keine Zugriffsregel und ist gesperrt.',
      });
    }

    const ctx = requestContextOf(context);
    const req: RequestWithContext = gql
      ? gql.getContext<{ req: RequestWithContext }>().req
      : context.switchToHttp().getRequest<RequestWithContext>();
    if (!ctx.authenticationDone) {
      try {
        const actor = await this.authenticator.authenticate(req);
        if (actor) ctx.authenticate(actor);
        else ctx.markAuthenticationDone();
      } catch (error) {
        // A stale token does not stop anyone from calling public operations (e.g. logIn).
        if (policy.kind === 'public') {
          ctx.markAuthenticationDone();
          return true;
        }
        throw error;
      }
    }
    if (policy.kind === 'public') return true;

    const actor = ctx.actor;
    if (!actor || actor.kind === 'system') throw new UnauthenticatedError();

    const isWrite = gql
      ? parentType === 'Mutation'
      : !['GET', 'HEAD', 'OPTIONS'].includes(req.method);

    if (policy.kind === 'signedIn') {
      if (actor.kind !== 'user')
        throw forbidden(
          'This is for signed-in people, not API keys.',
          'Das ist für angemeldete Personen, nicht für API-Schlüssel.',
        );
      return true;
    }

    if (policy.kind === 'platformAdmin') {
      if (actor.kind !== 'user' || actor.platformAdmin !== true)
        throw forbidden(
          'Only platform administrators can do this.',
          'Das dürfen nur Plattform-Administrator:innen.',
        );
      return true;
    }

    if (actor.kind === 'apiKey') {
      if (policy.humansOnly)
        throw forbidden('API keys cannot do this.', 'API-Schlüssel dürfen das nicht.');
      if (isWrite && !actor.scopes.includes(ApiKeyScope.WRITE)) {
        throw forbidden('This API key may only read.', 'Dieser API-Schlüssel darf nur lesen.');
      }
    }
    if (!ctx.organizationId) {
      throw forbidden(
        'Choose the organisation you act for (X-Organization-Id header).',
        'Wähle die Organisation, für die du handelst (Header X-Organization-Id).',
      );
    }
    if (policy.orgKinds && !policy.orgKinds.includes(ctx.organizationKind ?? '')) {
      throw forbidden(
        `Only ${policy.orgKinds.join(' or ').toLowerCase()} organisations can do this.`,
        `Das können nur Organisationen der Art ${policy.orgKinds.join(' oder ')}.`,
      );
    }
    if (policy.roles && !ctx.hasRole(...policy.roles)) {
      throw forbidden(
        `Your role does not allow this; it needs one of: ${policy.roles.join(', ')}.`,
        `Deine Rolle erlaubt das nicht; nötig ist eine von: ${policy.roles.join(', ')}.`,
      );
    }
    // Auditors read; they never change anything, whatever a policy says.
    if (isWrite && ctx.roles.length > 0 && ctx.roles.every((r) => r === (Role.AUDITOR as string))) {
      throw forbidden('Auditors have read-only access.', 'Prüfer:innen haben nur Lesezugriff.');
    }
    if (policy.verifiedEmail && actor.kind === 'user' && !actor.emailVerified) {
      throw new ForbiddenError(identityErrors.text(IdentityReason.EMAIL_NOT_VERIFIED, actor.du), {
        reason: IdentityReason.EMAIL_NOT_VERIFIED,
      });
    }
    return true;
  }
}

function forbidden(en: string, de: string): ForbiddenError {
  return new ForbiddenError({ en, de });
}
