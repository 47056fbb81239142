// API keys over GraphQL/HTTP: the secret is shown once and stored nowhere, scopes limit what a key
// may do, and revoked, expired or wrong keys are refused with a reason.
import { Module } from '@nestjs/common';
import { Mutation, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow } from '../../src/core/auth/public.decorator';
import { startApi, TestApi } from '../helpers/api';
import { Account, createApiKey, signUp } from '../helpers/identity';

/** Identity has no mutation open to API keys yet; this one exists only to reach the scope check. */
@Resolver()
class KeyProbeResolver {
  @Allow()
  @Mutation(() => Boolean, { description: 'test' })
  probeWrite(): boolean {
    return true;
  }
}

@Module({ providers: [KeyProbeResolver] })
class KeyProbeModule {}

const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { plainKey apiKey { id name prefix scopes expiresAt lastUsedAt revokedAt } }
}`;
const KEY_FORMAT = /^msk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const refusal = (res: { errors?: { message: string; extensions?: Record<string, any> }[] }) => ({
  code: res.errors?.[0]?.extensions?.code,
  reason: res.errors?.[0]?.extensions?.reason,
});

describe('API keys', () => {
  let api: TestApi;
  let owner: Account;
  beforeAll(async () => {
    api = await startApi({ imports: [KeyProbeModule] });
    owner = await signUp(api, 'FUNDER');
  });
  afterAll(() => api.close());

  const asKey = (key: string, query: string, variables?: Record<string, unknown>) =>
    api.gql(query, variables, { token: key });
  const create = (input: Record<string, unknown>) => owner.gql(CREATE, { input });
  const keysOf = async () => {
    const res = await owner.gql('{ apiKeys { nodes { id name prefix lastUsedAt revokedAt } } }');
    expect(res.errors).toBeUndefined();
    return res.data.apiKeys.nodes as any[];
  };

  it('shows the plain key once and stores neither it nor its secret anywhere', async () => {
    const res = await create({ name: 'CRM sync', scopes: ['READ'] });
    expect(res.errors).toBeUndefined();
    const { plainKey, apiKey } = res.data.createApiKey;
    const [, prefix, secret] = KEY_FORMAT.exec(plainKey)!;
    expect(apiKey).toMatchObject({
      name: 'CRM sync',
      prefix,
      scopes: ['READ'],
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });

    const listed = await keysOf();
    expect(listed.map((k) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const ds = api.app.get(DataSource);
    const tables: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['api_key', 'audit_event', 'outbox_event']),
    );
    for (const { table_name } of tables) {
      const dump = JSON.stringify(await ds.query(`SELECT * FROM "${table_name}"`));
      expect({ table_name, leaks: dump.includes(secret) }).toEqual({ table_name, leaks: false });
    }
    // The key itself is there, found by its prefix, with only a hash of the secret.
    const [row] = await ds.query(`SELECT prefix, secret_hash FROM api_key WHERE id = $1`, [
      apiKey.id,
    ]);
    expect(row.prefix).toBe(prefix);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await ds.query(
      `SELECT after FROM audit_event WHERE action = 'api-key.created' AND subject_id = $1`,
      [apiKey.id],
    );
    expect(audit.after).toMatchObject({ prefix, name: 'CRM sync' });
    expect(audit.after).not.toHaveProperty('secretHash');
  });

  it('lets a read key read but not write; keys never do what is for people', async () => {
    const readKey = await createApiKey(owner, ['READ']);
    const writeKey = await createApiKey(owner, ['WRITE']);

    const read = await asKey(readKey, '{ currentOrganization { id } members { totalCount } }');
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      currentOrganization: { id: owner.organizationId },
      members: { totalCount: 1 },
    });

    const readWrites = await asKey(readKey, 'mutation { probeWrite }');
    expect(refusal(readWrites).code).toBe('FORBIDDEN');
    expect(readWrites.errors![0].message).toBe('This API key may only read.');
    const writeWrites = await asKey(writeKey, 'mutation { probeWrite }');
    expect(writeWrites.errors).toBeUndefined();
    expect(writeWrites.data).toEqual({ probeWrite: true });

    for (const key of [readKey, writeKey]) {
      const update = await asKey(
        key,
        'mutation { updateOrganization(input: { name: "x y" }) { id } }',
      );
      expect(refusal(update).code).toBe('FORBIDDEN');
      expect(update.errors![0].message).toBe('API keys cannot do this.');
      const me = await asKey(key, '{ me { person { id } } }');
      expect(refusal(me).code).toBe('FORBIDDEN');
      expect(me.errors![0].message).toBe('This is for signed-in people, not API keys.');
    }
    const org = await owner.gql('{ currentOrganization { name } }');
    expect(org.data.currentOrganization.name).not.toBe('x y');
  });

  it('refuses a revoked key, and revoking twice is a conflict', async () => {
    const created = await create({ name: 'to revoke', scopes: ['READ'] });
    const { plainKey, apiKey } = created.data.createApiKey;
    expect((await asKey(plainKey, '{ currentOrganization { id } }')).errors).toBeUndefined();

    const revoke = (id: string) =>
      owner.gql('mutation($id: ID!) { revokeApiKey(apiKeyId: $id) { id revokedAt } }', { id });
    const revoked = await revoke(apiKey.id);
    expect(revoked.errors).toBeUndefined();
    expect(Date.parse(revoked.data.revokeApiKey.revokedAt)).toBeLessThanOrEqual(Date.now());

    const refused = await asKey(plainKey, '{ currentOrganization { id } }');
    expect(refusal(refused)).toEqual({ code: 'UNAUTHENTICATED', reason: 'API_KEY_REVOKED' });
    expect(refused.data).toBeNull();

    const again = await revoke(apiKey.id);
    expect(refusal(again)).toEqual({ code: 'CONFLICT', reason: 'ALREADY_REVOKED' });
  });

  it('refuses an expired key and will not create one that expires in the past', async () => {
    const created = await create({
      name: 'short-lived',
      scopes: ['READ'],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(created.errors).toBeUndefined();
    const { plainKey, apiKey } = created.data.createApiKey;
    expect(Date.parse(apiKey.expiresAt)).toBeGreaterThan(Date.now());
    expect((await asKey(plainKey, '{ currentOrganization { id } }')).errors).toBeUndefined();

    await api.app
      .get(DataSource)
      .query(`UPDATE api_key SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        apiKey.id,
      ]);
    const refused = await asKey(plainKey, '{ currentOrganization { id } }');
    expect(refusal(refused)).toEqual({ code: 'UNAUTHENTICATED', reason: 'API_KEY_EXPIRED' });

    const before = (await keysOf()).length;
    const past = await create({
      name: 'already over',
      scopes: ['READ'],
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(refusal(past).code).toBe('BAD_USER_INPUT');
    expect(past.errors![0].extensions!.fields).toEqual([
      { field: 'expiresAt', message: 'must be in the future' },
    ]);
    expect(past.data).toBeNull();
    expect((await keysOf()).length).toBe(before);
  });

  it('refuses a key with the right prefix but a wrong secret, and malformed keys', async () => {
    const plainKey = await createApiKey(owner, ['WRITE']);
    const [, prefix, secret] = KEY_FORMAT.exec(plainKey)!;
    const wrongSecret = `msk_${prefix}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const unknownPrefix = `msk_${'0'.repeat(12)}_${secret}`;
    for (const key of [wrongSecret, unknownPrefix, `msk_${prefix}`, `${plainKey}x`]) {
      const res = await asKey(key, '{ currentOrganization { id } }');
      expect({ key, ...refusal(res) }).toEqual({
        key,
        code: 'UNAUTHENTICATED',
        reason: 'INVALID_API_KEY',
      });
      expect(res.data).toBeNull();
    }
    expect((await asKey(plainKey, '{ currentOrganization { id } }')).errors).toBeUndefined();
  });

  it('records when a key was last used', async () => {
    const created = await create({ name: 'usage', scopes: ['READ'] });
    const { plainKey, apiKey } = created.data.createApiKey;
    const lastUsed = async () => (await keysOf()).find((k) => k.id === apiKey.id).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    const start = Date.now();
    expect((await asKey(plainKey, '{ members { totalCount } }')).errors).toBeUndefined();
    // Recorded without holding up the request: wait briefly for it.
    let seen: string | null = null;
    for (let i = 0; i < 40 && !seen; i++) {
      seen = await lastUsed();
      if (!seen) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).not.toBeNull();
    expect(Date.parse(seen!)).toBeGreaterThanOrEqual(start - 1_000);
    expect(Date.parse(seen!)).toBeLessThanOrEqual(Date.now());
  });
});
