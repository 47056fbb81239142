// Access presets several contexts declare on their operations (`@Allow(FUNDER_DECIDES)`).
import { OrganizationKind, Role } from '../roles';

/** Members of a grantee organisation. */
export const GRANTEE = { orgKinds: [OrganizationKind.GRANTEE] };

/** A funder's owners and managers, in person: decisions with money or legal weight. */
export const FUNDER_DECIDES = {
  orgKinds: [OrganizationKind.FUNDER],
  roles: [Role.OWNER, Role.MANAGER],
  humansOnly: true,
};
