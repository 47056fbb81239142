// Short-lived signed links for downloads in the browser: the API issues a link to a person who may
// fetch a file now, and the link alone fetches it for a few minutes — no access token in a URL, no
// header a plain <a href> cannot send. A link names what it opens (its purpose and subject) and who
// it was issued to and for which organisation, so the download is checked and audited as theirs.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';

export interface SignedLinkClaims {
  /** What kind of file the link opens, e.g. `report`; a registered download source. */
  purpose: string;
  subjectId: string;
  organizationId: string;
  organizationKind: string;
  personId: string | null;
  apiKeyId: string | null;
}

export interface SignedLink {
  /** The path to GET on the API's origin. */
  url: string;
  expiresAt: Date;
}

export class SignedLinkRefused extends Error {
  constructor(readonly why: 'malformed' | 'forged' | 'expired') {
    super(`signed link ${why}`);
  }
}

/** The claims in the order they are packed into a token. */
type Packed = [string, string, string, string, string, string, number];

@Injectable()
export class SignedLinks {
  private readonly key: Buffer;
  private readonly ttlSeconds: number;

  constructor(config: AppConfig) {
    // A key of its own derived from the server secret: a link never doubles as another token.
    this.key = Buffer.from(
      hkdfSync('sha256', config.get('AUTH_TOKEN_SECRET'), 'meilenstein', 'signed-links', 32),
    );
    this.ttlSeconds = config.get('SIGNED_LINK_TTL_SECONDS');
  }

  issue(claims: SignedLinkClaims, now = new Date()): SignedLink {
    const expiresAt = new Date(now.getTime() + this.ttlSeconds * 1000);
    const packed: Packed = [
      claims.purpose,
      claims.subjectId,
      claims.organizationId,
      claims.organizationKind,
      claims.personId ?? '',
      claims.apiKeyId ?? '',
      Math.floor(expiresAt.getTime() / 1000),
    ];
    const body = Buffer.from(JSON.stringify(packed)).toString('base64url');
    return { url: `/downloads/${body}.${this.mac(body)}`, expiresAt };
  }

  verify(token: string, now = new Date()): SignedLinkClaims {
    const [body, mac, ...rest] = token.split('.');
    if (!body || !mac || rest.length) throw new SignedLinkRefused('malformed');
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new SignedLinkRefused('forged');
    let packed: Packed;
    try {
      packed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Packed;
    } catch {
      throw new SignedLinkRefused('malformed');
    }
    if (!Array.isArray(packed) || packed.length !== 7) throw new SignedLinkRefused('malformed');
    const [purpose, subjectId, organizationId, organizationKind, personId, apiKeyId, exp] = packed;
    if (now.getTime() >= exp * 1000) throw new SignedLinkRefused('expired');
    return {
      purpose,
      subjectId,
      organizationId,
      organizationKind,
      personId: personId || null,
      apiKeyId: apiKeyId || null,
    };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
