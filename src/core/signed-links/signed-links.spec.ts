import { AppConfig } from '../config/app-config.service';
import { SignedLinkRefused, SignedLinks } from './signed-links';

const config = (secret: string) =>
  ({
    get: (key: string) =>
      key === 'AUTH_TOKEN_SECRET' ? secret : key === 'SIGNED_LINK_TTL_SECONDS' ? 300 : undefined,
  }) as unknown as AppConfig;

const claims = {
  purpose: 'report',
  subjectId: '0b9a4c2e-2f4c-4d6a-9d8e-5a1f3c7b9e10',
  organizationId: '7d1f0a3b-6c2e-4b8a-9f1d-2e3c4b5a6978',
  organizationKind: 'FUNDER',
  personId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  apiKeyId: null,
};

describe('signed links', () => {
  const links = new SignedLinks(config('a-secret-of-at-least-thirty-two-characters'));
  const now = new Date('2026-03-01T10:00:00Z');
  const tokenOf = (url: string) => url.replace('/downloads/', '');

  it('gives back the claims it signed until the link expires', () => {
    const link = links.issue(claims, now);
    expect(link.expiresAt.toISOString()).toBe('2026-03-01T10:05:00.000Z');
    expect(links.verify(tokenOf(link.url), new Date('2026-03-01T10:04:59Z'))).toEqual(claims);
    expect(() => links.verify(tokenOf(link.url), link.expiresAt)).toThrow(
      new SignedLinkRefused('expired'),
    );
  });

  it('refuses a link changed in any character, or signed with another secret', () => {
    const token = tokenOf(links.issue(claims, now).url);
    for (let i = 0; i < token.length; i += 7) {
      const changed = token.slice(0, i) + (token[i] === 'x' ? 'y' : 'x') + token.slice(i + 1);
      expect(() => links.verify(changed, now)).toThrow(SignedLinkRefused);
    }
    const other = new SignedLinks(config('another-secret-of-at-least-thirty-two-chars'));
    expect(() => other.verify(token, now)).toThrow(new SignedLinkRefused('forged'));
    expect(() => links.verify('nothing', now)).toThrow(new SignedLinkRefused('malformed'));
  });
});
