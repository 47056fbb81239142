import { registerEnumType } from '@nestjs/graphql';

export enum OrganizationKind {
  FUNDER = 'FUNDER',
  GRANTEE = 'GRANTEE',
}

export enum Role {
  OWNER = 'OWNER',
  MANAGER = 'MANAGER',
  REVIEWER = 'REVIEWER',
  FINANCE = 'FINANCE',
  AUDITOR = 'AUDITOR',
  MEMBER = 'MEMBER',
}

export enum Language {
  DE = 'de',
  EN = 'en',
}

export enum FormOfAddress {
  DU = 'DU',
  SIE = 'SIE',
}

export enum ApiKeyScope {
  READ = 'read',
  WRITE = 'write',
}

/** Which roles exist in which kind of organisation. */
export const ROLES_BY_KIND: Record<OrganizationKind, readonly Role[]> = {
  [OrganizationKind.FUNDER]: [Role.OWNER, Role.MANAGER, Role.REVIEWER, Role.FINANCE, Role.AUDITOR],
  [OrganizationKind.GRANTEE]: [Role.OWNER, Role.MEMBER],
};

/** Roles that manage the organisation's people, invitations and keys. */
export const ADMIN_ROLES: readonly Role[] = [Role.OWNER, Role.MANAGER];

/** Roles an API key acts with, by its organisation's kind and whether it may write. */
export function apiKeyRoles(kind: OrganizationKind, scopes: readonly string[]): Role[] {
  const write = scopes.includes(ApiKeyScope.WRITE);
  if (kind === OrganizationKind.GRANTEE) return [Role.MEMBER];
  return write ? [Role.MANAGER, Role.FINANCE, Role.REVIEWER] : [Role.AUDITOR];
}

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'Whether an organisation gives or receives funding.',
  valuesMap: {
    FUNDER: { description: 'A foundation or public programme that funds projects (Förderer).' },
    GRANTEE: {
      description:
        'A team that receives funding (Förderpartner), e.g. an association or social start-up.',
    },
  },
});

registerEnumType(Role, {
  name: 'Role',
  description: "A person's role in an organisation.",
  valuesMap: {
    OWNER: {
      description:
        'Runs the organisation in Meilenstein: members, keys, settings, everything a manager can.',
    },
    MANAGER: {
      description: 'Funder: runs programmes and decides applications, reviews and reallocations.',
    },
    REVIEWER: { description: 'Funder: scores applications and comments on sprint reviews.' },
    FINANCE: { description: 'Funder: tranches, budget figures and exports.' },
    AUDITOR: { description: 'Funder: reads everything the organisation sees, changes nothing.' },
    MEMBER: { description: 'Grantee: applies, plans sprints, submits reviews and requests.' },
  },
});

registerEnumType(Language, {
  name: 'Language',
  description: 'Language for text people read (emails, reports, messages).',
  valuesMap: { DE: { description: 'German (Deutsch).' }, EN: { description: 'English.' } },
});

registerEnumType(FormOfAddress, {
  name: 'FormOfAddress',
  description: 'How German text addresses people of an organisation.',
  valuesMap: { DU: { description: 'Informal "du".' }, SIE: { description: 'Formal "Sie".' } },
});

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'What an API key may do.',
  valuesMap: {
    READ: { description: 'Run queries.' },
    WRITE: { description: 'Run queries and mutations.' },
  },
});
