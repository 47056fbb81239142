import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'msk';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A keyed token the server can re-derive (e.g. for an email link) but the database cannot. */
export function derivedToken(secret: string, purpose: string, ...parts: string[]): string {
  return createHmac('sha256', secret)
    .update([purpose, ...parts].join(':'))
    .digest('base64url');
}

/** `msk_<prefix>_<secret>`: the prefix finds the key, the secret proves it. */
export function newApiKey(): { prefix: string; secret: string; plain: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomToken(32);
  return { prefix, secret, plain: `${API_KEY_PREFIX}_${prefix}_${secret}` };
}

export function parseApiKey(token: string): { prefix: string; secret: string } | undefined {
  const match = /^msk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}
