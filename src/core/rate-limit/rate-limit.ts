// Rate limits on Redis (@nestjs/throttler's storage contract, @nest-lab/throttler-storage-redis
// as the store: an atomic counter per key and window, shared by every API instance).
//
// Every root operation counts towards its caller's address and, once signed in, its organisation
// (people) or API key; some operations have a stricter limit of their own (`@RateLimit(...)`).
// A limit that is hit answers TOO_MANY_REQUESTS with `extensions.retryAfterSeconds` and a
// `Retry-After` header. While Redis is down nothing is limited (the API keeps working).
import { SetMetadata } from '@nestjs/common';
import type { Environment } from '../config/environment';

export enum RateLimitKind {
  /** signUp: per address. */
  SIGN_UP = 'SIGN_UP',
  /** logIn: per address (failed sign-ins also count per email and address, see SessionService). */
  LOG_IN = 'LOG_IN',
  /** requestPasswordReset: per address (also counted per email in AccountService). */
  PASSWORD_RESET = 'PASSWORD_RESET',
  /** requestReport: per organisation or API key. */
  REPORT = 'REPORT',
}

export const RATE_LIMIT = Symbol('RATE_LIMIT');

/** Gives an operation a limit of its own on top of the general ones. */
export const RateLimit = (kind: RateLimitKind): MethodDecorator => SetMetadata(RATE_LIMIT, kind);

export interface Bucket {
  /** Names the counter in Redis. */
  name: string;
  /** Counted per address or per tenant (organisation or API key). */
  per: 'address' | 'tenant';
  limit: keyof Environment;
  windowSeconds: number;
}

/** The general limits every root operation counts towards. */
export const GENERAL_BUCKETS: Bucket[] = [
  { name: 'address', per: 'address', limit: 'RATE_LIMIT_PER_ADDRESS', windowSeconds: 60 },
  { name: 'tenant', per: 'tenant', limit: 'RATE_LIMIT_PER_TENANT', windowSeconds: 60 },
];

export const OPERATION_BUCKETS: Record<RateLimitKind, Bucket> = {
  [RateLimitKind.SIGN_UP]: {
    name: 'sign-up',
    per: 'address',
    limit: 'RATE_LIMIT_SIGNUPS_PER_ADDRESS',
    windowSeconds: 3600,
  },
  [RateLimitKind.LOG_IN]: {
    name: 'log-in',
    per: 'address',
    limit: 'RATE_LIMIT_LOGINS_PER_ADDRESS',
    windowSeconds: 600,
  },
  [RateLimitKind.PASSWORD_RESET]: {
    name: 'password-reset',
    per: 'address',
    limit: 'RATE_LIMIT_PASSWORD_RESETS_PER_ADDRESS',
    windowSeconds: 3600,
  },
  [RateLimitKind.REPORT]: {
    name: 'report',
    per: 'tenant',
    limit: 'RATE_LIMIT_REPORTS_PER_TENANT',
    windowSeconds: 3600,
  },
};
