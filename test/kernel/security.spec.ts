// Smaller hardening points: security headers (CSP everywhere, HSTS in production only), no schema
// suggestions in production errors, no access token without an expiry, X-Forwarded-For ignored
// unless TRUST_PROXY says otherwise, and a queue dashboard that is read-only and shows ids only.
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/core/config/app-config.service';
import { QueueName } from '../../src/core/queue/jobs';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { idsOnly } from '../../src/operations/queue-dashboard';
import { startApi, TestApi } from '../helpers/api';
import { logIn, signUp, uniqueEmail } from '../helpers/identity';

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_TOKEN_SECRET: 'a production secret of its own, 0123456789abcdef',
};
const WRONG_ENUM = `mutation { requestReport(input: { kind: PORTFOLI, format: CSV }) { id } }`;

describe('security', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('sends security headers with a content security policy, without HSTS outside production', async () => {
    const res = await fetch(`${api.url}/health/live`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('names no enum value the client did not send, in production', async () => {
    const dev = await api.gql(WRONG_ENUM);
    expect(dev.errors![0].message).toMatch(/Did you mean the enum value "PORTFOLIO"/);
    const prod = await startApi({ env: PRODUCTION });
    try {
      const res = await prod.gql(WRONG_ENUM);
      expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0].message).toBe('Value "PORTFOLI" does not exist in "ReportKind" enum.');
      expect(JSON.stringify(res.errors)).not.toContain('PORTFOLIO');
      const hsts = await fetch(`${prod.url}/health/live`);
      expect(hsts.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
    } finally {
      await prod.close();
    }
  });

  it('refuses an access token without an expiry', async () => {
    const person = await signUp(api, 'GRANTEE');
    const claims = new JwtService().decode<Record<string, unknown>>(person.accessToken);
    const { exp: _exp, iat: _iat, ...lasting } = claims;
    const forever = await new JwtService().signAsync(lasting, {
      secret: api.app.get(AppConfig).get('AUTH_TOKEN_SECRET'),
      algorithm: 'HS256',
    });
    const ok = await api.gql(`{ currentOrganization { id } }`, {}, { token: person.accessToken });
    expect(ok.errors).toBeUndefined();
    const res = await api.gql(`{ currentOrganization { id } }`, {}, { token: forever });
    expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('takes the address from the connection unless TRUST_PROXY is set', async () => {
    const plain = await startApi({ env: { TRUST_PROXY: 'false' } });
    try {
      const email = uniqueEmail('proxy');
      await plain.gql(
        `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`,
        { input: { email, password: 'not the password' } },
        { headers: { 'x-forwarded-for': '198.51.100.99' } },
      );
      const rows = await plain.app
        .get(DataSource)
        .query(`SELECT ip FROM login_failure ORDER BY created_at DESC LIMIT 1`);
      expect(rows[0].ip).toMatch(/127\.0\.0\.1/);
    } finally {
      await plain.close();
    }
  });

  it('keeps the queue dashboard read-only by default and shows ids only', async () => {
    const person = await signUp(api, 'GRANTEE');
    await api.app
      .get(DataSource)
      .query('UPDATE person SET platform_admin = true WHERE id = $1', [person.personId]);
    const admin = await logIn(api, person.email, person.password);
    const res = await fetch(`${api.url}/admin/queues/api/queues/${QueueName.Reports}/pause`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin.accessToken}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await api.app.get(QueueRegistry).queue(QueueName.Reports).isPaused()).toBe(false);
    expect(
      idsOnly({
        payload: { applicationId: 'a1', feedback: 'Our jury liked it', decision: 'APPROVE' },
        meta: { organizationId: 'o1', createdAt: '2026-01-01' },
      }),
    ).toEqual({
      payload: { applicationId: 'a1', feedback: '[hidden]', decision: 'APPROVE' },
      meta: { organizationId: 'o1', createdAt: '2026-01-01' },
    });
  });
});
