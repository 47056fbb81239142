import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '../../core/pagination/connection';
import { ApiKey } from '../entities/api-key.entity';
import { Invitation } from '../entities/invitation.entity';
import { Membership } from '../entities/membership.entity';
import { Organization } from '../entities/organization.entity';
import { Person } from '../entities/person.entity';
import { OrganizationKind, Role } from '../roles';

@ObjectType({ description: 'Tokens of a new or refreshed session.' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`; short-lived.' })
  accessToken!: string;

  @Field({ description: 'When the access token expires.' })
  accessTokenExpiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'Exchange for new tokens with refreshSession; single use, keep it secret. Null when it was set as the `meilenstein_refresh` cookie (refreshTokenTransport COOKIE).',
  })
  refreshToken!: string | null;

  @Field({ description: 'When the session ends at the latest.' })
  sessionExpiresAt!: Date;

  @Field(() => Person, { description: 'The signed-in person.' })
  person!: Person;

  @Field(() => Organization, {
    nullable: true,
    description: 'Organisation acted for when a request names none.',
  })
  organization!: Organization | null;
}

@ObjectType({
  description:
    'What signUp answers — the same whether the address is new or already has an account: check the inbox.',
})
export class SignUpResult {
  @Field({ description: 'Where the email went (lower-cased).' })
  email!: string;

  @Field(() => Int, { description: 'Hours the verification link works.' })
  verificationLinkValidHours!: number;
}

@ObjectType({ description: 'What the accept page shows about an invitation before accepting.' })
export class InvitationPreview {
  @Field({ description: 'Name of the inviting organisation.' })
  organizationName!: string;

  @Field(() => OrganizationKind, { description: 'Funder or grantee.' })
  organizationKind!: OrganizationKind;

  @Field(() => Role, { description: 'Role on accepting.' })
  role!: Role;

  @Field({ description: 'The invited address.' })
  email!: string;

  @Field({
    description:
      'Whether this address has an account (then accept by signing in or with its password; else choose a name and password).',
  })
  accountExists!: boolean;

  @Field({ description: 'After this the invitation can no longer be accepted.' })
  expiresAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who sent it, when known.' })
  invitedByName!: string | null;
}

@ObjectType({ description: 'The signed-in caller.' })
export class Viewer {
  @Field(() => Person, {
    nullable: true,
    description: 'The person (null when the caller is an API key).',
  })
  person!: Person | null;

  @Field(() => Organization, {
    nullable: true,
    description: 'The organisation acted for in this request.',
  })
  organization!: Organization | null;

  @Field(() => [Role], { description: 'Roles in the organisation acted for.' })
  roles!: Role[];

  @Field(() => [Membership], {
    description: "All the person's memberships (organisations they can act for).",
  })
  memberships!: Membership[];

  @Field({ description: 'Whether the person operates the service (queue dashboard).' })
  platformAdmin!: boolean;
}

@ObjectType({ description: 'A new API key with its secret, shown this once.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key as stored.' })
  apiKey!: ApiKey;

  @Field({
    description: 'The full key, `msk_<prefix>_<secret>`. Store it now; it cannot be shown again.',
  })
  plainKey!: string;
}

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(InvitationStatus, {
  name: 'InvitationStatus',
  description: 'Where an invitation stands.',
  valuesMap: {
    PENDING: { description: 'Sent, can still be accepted.' },
    ACCEPTED: { description: 'Accepted; the membership exists.' },
    EXPIRED: { description: 'Not accepted in time.' },
    REVOKED: { description: 'Withdrawn by the organisation.' },
  },
});

@ObjectType('AuditEvent', {
  description: 'One entry of the audit trail: who changed what, when, from what to what.',
})
export class AuditEventType {
  @Field(() => ID, { description: 'Unique id.' })
  id!: string;

  @Field({ description: 'What happened, e.g. `membership.role-changed`.' })
  action!: string;

  @Field({ description: 'Kind of the changed object, e.g. `Membership`.' })
  subjectType!: string;

  @Field(() => ID, { description: 'Id of the changed object.' })
  subjectId!: string;

  @Field({ description: '`user`, `apiKey`, `system` or `anonymous`.' })
  actorKind!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Id of the person who acted, if a person did.',
  })
  actorPersonId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the API key that acted, if one did.' })
  actorApiKeyId!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'State before the change.' })
  before!: object | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'State after the change.' })
  after!: object | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Request that made the change (matches server logs).',
  })
  requestId!: string | null;

  @Field({ description: 'When it happened.' })
  createdAt!: Date;
}

export const MembershipConnection = Connection(Membership);
export const InvitationConnection = Connection(Invitation);
export const ApiKeyConnection = Connection(ApiKey);
export const AuditEventConnection = Connection(AuditEventType, 'AuditEvent');
