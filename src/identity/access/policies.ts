// Access presets several contexts declare on their operations (`@Allow(FUNDER_DECIDES)`), and the
// one check for operations that are human-only for some of their inputs.
import type { RequestContext } from '../../core/context/request-context';
import { ForbiddenError, LocalizedText } from '../../core/errors/app-error';
import { OrganizationKind, Role } from '../roles';
import { IdentityReason, identityErrors } from '../identity.errors';

/** Members of a grantee organisation. */
export const GRANTEE = { orgKinds: [OrganizationKind.GRANTEE] };

/**
 * A funder's owners and managers, in person, with a verified email address: decisions with money
 * or legal weight.
 */
export const FUNDER_DECIDES = {
  orgKinds: [OrganizationKind.FUNDER],
  roles: [Role.OWNER, Role.MANAGER],
  humansOnly: true,
  verifiedEmail: true,
};

/** A funder's owners, managers and finance, in person, verified: paying out money by hand. */
export const FUNDER_RELEASES = {
  orgKinds: [OrganizationKind.FUNDER],
  roles: [Role.OWNER, Role.MANAGER, Role.FINANCE],
  humansOnly: true,
  verifiedEmail: true,
};

/**
 * `humansOnly` for one input of an operation API keys may otherwise call (e.g. a STOP notice,
 * which cancels every unpaid tranche): an API key gets FORBIDDEN, as the access guard answers
 * for a `humansOnly` operation. Irreversible decisions about money are taken by people.
 */
export function assertHuman(ctx: RequestContext, what: LocalizedText): void {
  if (ctx.actor?.kind !== 'apiKey') return;
  throw new ForbiddenError(identityErrors.text(IdentityReason.HUMANS_ONLY, what), {
    reason: IdentityReason.HUMANS_ONLY,
  });
}
