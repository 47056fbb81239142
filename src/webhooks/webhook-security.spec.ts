import { open, seal } from './secret-box';
import { signPayload, verifySignature } from './signature';
import { urlProblem } from './url-guard';

describe('webhook security', () => {
  it('verifies signatures within the tolerance only', () => {
    const now = 1_800_000_000;
    const header = signPayload('whsec_x', '{"a":1}', now);
    expect(verifySignature('whsec_x', header, '{"a":1}', { now })).toBe(true);
    expect(verifySignature('whsec_x', header, '{"a":1}', { now: now + 301 })).toBe(false);
    expect(verifySignature('whsec_x', header, '{"a":2}', { now })).toBe(false);
    expect(verifySignature('whsec_x', 't=abc,v1=00', '{"a":1}', { now })).toBe(false);
    expect(verifySignature('whsec_x', undefined, '{"a":1}', { now })).toBe(false);
  });

  it('refuses URLs that reach internal addresses unless allowed', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://10.1.2.3/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00::1]/',
    ])
      expect(await urlProblem(url, false)).toMatch(/private or loopback/);
    expect(await urlProblem('https://93.184.216.34/hook', false)).toBeNull();
    expect(await urlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(await urlProblem('ftp://example.org/', true)).toMatch(/http or https/);
    expect(await urlProblem('https://user:pw@example.org/', true)).toMatch(/user name/);
  });

  it('seals secrets so only the server secret opens them', () => {
    const sealed = seal('server-secret-0123456789-0123456789', 'whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(open('server-secret-0123456789-0123456789', sealed)).toBe('whsec_abc');
    expect(() => open('another-secret-0123456789-012345678', sealed)).toThrow();
  });
});

describe('webhook requests', () => {
  it('refuses at connect time a name that resolves to an internal address', async () => {
    const { postWebhook } = await import('./http-post');
    await expect(
      postWebhook('http://localhost:9/hook', {}, '{}', { timeoutMs: 2000, allowPrivate: false }),
    ).rejects.toThrow(/private or loopback/);
  });
});
