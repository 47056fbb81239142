import { SetMetadata } from '@nestjs/common';

export const ACCESS_POLICY = Symbol('ACCESS_POLICY');

/**
 * Who may call an operation. Every query, mutation and HTTP route declares one; the global
 * AccessGuard reads it, and a test fails when an operation has none.
 */
export type AccessPolicy =
  | { kind: 'public' }
  /** A signed-in person (not an API key); no organisation needed. */
  | { kind: 'signedIn' }
  /** A platform administrator: a person (never an API key); no organisation needed. */
  | { kind: 'platformAdmin' }
  /** A member of the organisation acted for, optionally of some kinds and roles. */
  | {
      kind: 'member';
      orgKinds?: readonly string[];
      roles?: readonly string[];
      /** Refuse API keys: managing people and keys is for people. */
      humansOnly?: boolean;
      /** People must have verified their email address (decisions about money). */
      verifiedEmail?: boolean;
    };

/** Open to everyone, signed in or not. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'public' });

/** Any signed-in person, acting for no organisation in particular (their own account). */
export const SignedIn = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'signedIn' });

/** Platform administrators only (operators' tasks: dead letters). */
export const PlatformAdminOnly = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'platformAdmin' });

/** Members of the organisation acted for; `roles` and `orgKinds` narrow it down. */
export const Allow = (
  options: {
    roles?: readonly string[];
    orgKinds?: readonly string[];
    humansOnly?: boolean;
    verifiedEmail?: boolean;
  } = {},
): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_POLICY, { kind: 'member', ...options });
