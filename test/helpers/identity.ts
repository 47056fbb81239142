// Test fixtures for people and organisations, made through the public API like a client would.
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../src/core/context/request-context';
import type { GraphQLResponse, TestApi } from './api';

export interface Account {
  email: string;
  password: string;
  personId: string;
  organizationId: string;
  accessToken: string;
  refreshToken: string;
  /** GraphQL as this person acting for their organisation. */
  gql: (
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<GraphQLResponse<any>>;
}

export const AUTH_FIELDS = `accessToken refreshToken accessTokenExpiresAt sessionExpiresAt person { id email } organization { id }`;

export function uniqueEmail(label = 'person'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.org`;
}

export function asAccount(
  api: TestApi,
  data: any,
  email: string,
  password: string,
  organizationId?: string,
): Account {
  const account: Account = {
    email,
    password,
    personId: data.person.id,
    organizationId: organizationId ?? data.organization?.id,
    accessToken: data.accessToken,
    refreshToken: data.refreshToken,
    gql: (query, variables, headers) =>
      api.gql(query, variables, {
        token: account.accessToken,
        headers: {
          ...(account.organizationId ? { 'x-organization-id': account.organizationId } : {}),
          ...headers,
        },
      }),
  };
  return account;
}

/**
 * The verification token the server emailed to `email`, derived the way the server derives it
 * (server secret + the token row's id, read from the test database).
 */
export async function emailToken(
  api: TestApi,
  email: string,
  purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD' | 'CHANGE_EMAIL' = 'VERIFY_EMAIL',
): Promise<string> {
  const { AccountTokenService } = await import('../../src/identity/account-token.service');
  const [row] = await api.app.get(DataSource).query(
    `SELECT id, purpose FROM account_token WHERE email = $1 AND purpose = $2
       ORDER BY created_at DESC LIMIT 1`,
    [email.toLowerCase(), purpose],
  );
  if (!row) throw new Error(`no ${purpose} token for ${email}`);
  return api.app.get(AccountTokenService).tokenFor(row);
}

/** Signs up (which only emails a link) and verifies the address, as a person would: signed in. */
export async function signUp(
  api: TestApi,
  kind: 'FUNDER' | 'GRANTEE',
  options: { name?: string; language?: 'de' | 'en'; email?: string; verify?: boolean } = {},
): Promise<Account> {
  const email = options.email ?? uniqueEmail(kind.toLowerCase());
  const password = 'correct horse battery staple';
  const res = await api.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { email } }`, {
    input: {
      email,
      password,
      displayName: `${kind} owner`,
      language: (options.language ?? 'en').toUpperCase(),
      organization: {
        name: options.name ?? `${kind} ${randomBytes(3).toString('hex')}`,
        kind,
        country: 'DE',
      },
    },
  });
  if (res.errors) throw new Error(`signUp failed: ${JSON.stringify(res.errors)}`);
  if (options.verify === false) return logIn(api, email, password);
  const verified = await api.gql(
    `mutation($token: String!) { verifyEmail(token: $token) { ${AUTH_FIELDS} } }`,
    { token: await emailToken(api, email) },
  );
  if (verified.errors) throw new Error(`verifyEmail failed: ${JSON.stringify(verified.errors)}`);
  return asAccount(api, verified.data.verifyEmail, email, password);
}

export async function logIn(
  api: TestApi,
  email: string,
  password: string,
  organizationId?: string,
): Promise<Account> {
  const res = await api.gql(
    `mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`,
    {
      input: { email, password, ...(organizationId ? { organizationId } : {}) },
    },
  );
  if (res.errors) throw new Error(`logIn failed: ${JSON.stringify(res.errors)}`);
  return asAccount(api, res.data.logIn, email, password, organizationId);
}

/**
 * The context a service sees for `account` acting for its organisation (of `organizationKind`,
 * with `role`): for tests that call services directly instead of going through GraphQL.
 */
export function actingAs(
  account: Account,
  organizationKind: 'FUNDER' | 'GRANTEE',
  role: string,
): RequestContext {
  return RequestContext.create({
    actor: {
      kind: 'user',
      userId: account.personId,
      organizationId: account.organizationId,
      organizationKind,
      roles: [role],
    },
  });
}

/** Invites a new person into `owner`'s organisation with `role`, accepts, and signs them in. */
export async function addMember(
  api: TestApi,
  owner: Account,
  role: string,
  label = role.toLowerCase(),
): Promise<Account> {
  const { InvitationService } = await import('../../src/identity/invitation.service');
  const email = uniqueEmail(label);
  const invited = await owner.gql(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`,
    {
      input: { email, role },
    },
  );
  if (invited.errors) throw new Error(`invite failed: ${JSON.stringify(invited.errors)}`);
  const token = api.app.get(InvitationService).tokenFor(invited.data.inviteMember.id);
  const password = 'another long enough password';
  const accepted = await api.gql(
    `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_FIELDS} } }`,
    {
      input: { token, displayName: `${label} person`, password },
    },
  );
  if (accepted.errors) throw new Error(`accept failed: ${JSON.stringify(accepted.errors)}`);
  // Accepting signs the new member in, acting for the inviting organisation.
  return asAccount(api, accepted.data.acceptInvitation, email, password, owner.organizationId);
}

export async function createApiKey(
  owner: Account,
  scopes: string[],
  name = 'integration',
): Promise<string> {
  const res = await owner.gql(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { plainKey } }`,
    {
      input: { name, scopes },
    },
  );
  if (res.errors) throw new Error(`createApiKey failed: ${JSON.stringify(res.errors)}`);
  return res.data.createApiKey.plainKey;
}
