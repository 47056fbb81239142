import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { requestContextOf } from '../core/context/ctx.decorator';
import { ForbiddenError, UnauthenticatedError } from '../core/errors/app-error';

/**
 * Lets only platform administrators through. Runs after the global AccessGuard, which has already
 * authenticated the caller against the route's `@SignedIn()` policy (so API keys are refused there).
 */
@Injectable()
export class PlatformAdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = requestContextOf(context).actor;
    if (!actor || actor.kind === 'system') throw new UnauthenticatedError();
    if (actor.kind !== 'user' || actor.platformAdmin !== true) {
      throw new ForbiddenError({
        en: 'Only platform administrators can do this.',
        de: 'Das dürfen nur Plattform-Administrator:innen.',
      });
    }
    return true;
  }
}
