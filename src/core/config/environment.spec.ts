import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('fills local defaults for an empty environment', () => {
    const env = validateEnvironment({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/meilenstein');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
    expect(env.SMTP_SECURE).toBe(false);
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnvironment({ PORT: '8080', SMTP_SECURE: 'true', GRAPHQL_MAX_DEPTH: '7' });
    expect(env).toMatchObject({ PORT: 8080, SMTP_SECURE: true, GRAPHQL_MAX_DEPTH: 7 });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'localhost:6379'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['SMTP_SECURE', 'maybe'],
    ['MAIL_FROM', 'not an address'],
    ['AUTH_TOKEN_SECRET', 'short'],
  ])('rejects a malformed %s and names it', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('names every bad variable at once', () => {
    expect(() => validateEnvironment({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/,
    );
  });

  it('refuses the development token secret in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/AUTH_TOKEN_SECRET/);
    expect(
      validateEnvironment({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'x'.repeat(40) }).NODE_ENV,
    ).toBe('production');
  });

  it('defaults SIGNUP_FUNDERS to invite in production and open elsewhere', () => {
    const secret = 'x'.repeat(40);
    expect(validateEnvironment({}).SIGNUP_FUNDERS).toBe('open');
    expect(
      validateEnvironment({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: secret }).SIGNUP_FUNDERS,
    ).toBe('invite');
    expect(
      validateEnvironment({
        NODE_ENV: 'production',
        AUTH_TOKEN_SECRET: secret,
        SIGNUP_FUNDERS: 'open',
      }).SIGNUP_FUNDERS,
    ).toBe('open');
    expect(() => validateEnvironment({ SIGNUP_FUNDERS: 'anyone' })).toThrow(/SIGNUP_FUNDERS/);
  });
});
