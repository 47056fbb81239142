// Access presets several contexts declare on their operations (`@Allow(FUNDER_DECIDES)`).
import { OrganizationKind, Role } from '../roles';

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
