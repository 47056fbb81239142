// The award is a money mutation too: a decision sent again with its idempotency key answers the
// first result and awards nothing twice.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { signUp } from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';

describe('decision idempotency', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('replays an approval by key and refuses the key with other parameters', async () => {
    const funder = await signUp(api, 'FUNDER');
    const grantee = await signUp(api, 'GRANTEE');
    const programme = await createProgramme(funder);
    const id = await submitApplication(grantee, programme.id, [10_000_00], 1);
    const input = {
      applicationId: id,
      decision: 'APPROVE',
      comment: 'ok',
      idempotencyKey: 'decision-1',
    };
    const [a, b] = await Promise.all([
      funder.gql(DECIDE, { input }),
      funder.gql(DECIDE, { input }),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    const again = await funder.gql(DECIDE, { input });
    expect(again.data).toEqual(a.data);
    const changed = await funder.gql(DECIDE, { input: { ...input, comment: 'other' } });
    expect(changed.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
    const [{ n }] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM "grant" WHERE application_id = $1`, [id]);
    expect(n).toBe(1);
  });
});
