// Nested fields are batched: the number of SQL statements for a page does not grow with its size.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { createProgramme, SCORE, submitApplication } from '../helpers/programmes';

describe('query batching', () => {
  let api: TestApi;
  let funder: Account;
  let statements = 0;

  beforeAll(async () => {
    // Access is read on every request here (no access cache), so the authentication statement is
    // always among those counted: with the cache, whether it is depends on when its listener is up.
    api = await startApi({ env: { ACCESS_CACHE_TTL_MS: '0' } });
    funder = await signUp(api, 'FUNDER');
    const reviewer = await addMember(api, funder, 'REVIEWER');
    const grantees = [
      await signUp(api, 'GRANTEE'),
      await signUp(api, 'GRANTEE'),
      await signUp(api, 'GRANTEE'),
    ];
    const programmes = [];
    for (let i = 0; i < 55; i++)
      programmes.push(await createProgramme(funder, { title: `Programme ${i}` }));
    // The newest programmes get three applications each, half of them scored.
    for (const programme of programmes.slice(-15)) {
      for (const grantee of grantees) {
        const id = await submitApplication(grantee, programme.id, [10_000_00], 1);
        if (grantee !== grantees[2]) {
          await reviewer.gql(SCORE, {
            input: {
              applicationId: id,
              scores: [
                { criterionKey: 'impact', score: 4, comment: 'ok' },
                { criterionKey: 'feasibility', score: 3, comment: 'ok' },
              ],
            },
          });
        }
      }
    }
    // Count every statement the API sends to PostgreSQL.
    const runner = api.app.get(DataSource).createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as {
      query: (...args: unknown[]) => Promise<unknown>;
    };
    await runner.release();
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return original.apply(this, args);
    };
  });
  afterAll(() => api.close());

  const query = `query($n: Int!) { programmes(first: $n) { nodes { id title funder { id }
    applications(first: $n) { totalCount nodes { id title grantee { id } programme { id } weightedScore
      reviews { reviewer { id displayName } scores { criterionKey score } } } } } } }`;

  async function measure(n: number) {
    statements = 0;
    const res = await funder.gql(query, { n });
    expect(res.errors).toBeUndefined();
    const programmes = res.data.programmes.nodes;
    const applications = programmes.flatMap((p: any) => p.applications.nodes);
    const reviews = applications.flatMap((a: any) => a.reviews);
    process.stdout.write(`first: ${n} → ${statements} SQL statements\n`);
    return {
      statements,
      programmes: programmes.length,
      applications: applications.length,
      reviews: reviews.length,
    };
  }

  it('sends the same number of statements for 10 and for 50 programmes', async () => {
    const small = await measure(10);
    const large = await measure(50);
    expect(small).toMatchObject({ programmes: 10, applications: 30, reviews: 20 });
    expect(large).toMatchObject({ programmes: 50, applications: 45, reviews: 30 });
    expect(large.statements).toBe(small.statements);
    // authentication (1) + page (1) + applications and their count (2) + reviews, people, programmes, organisations
    expect(small.statements).toBeGreaterThanOrEqual(6);
    expect(small.statements).toBeLessThanOrEqual(12);
  });

  it('authenticates in one statement and counts a list only when totalCount is asked for', async () => {
    const page = (fields: string) => `query { programmes(first: 5) { ${fields} nodes { id } } }`;
    statements = 0;
    expect((await funder.gql(page(''))).errors).toBeUndefined();
    // authentication (one statement: session, person, membership, organisation) + the page
    expect(statements).toBe(2);
    statements = 0;
    const res = await funder.gql(page('totalCount'));
    expect(res.errors).toBeUndefined();
    expect(res.data.programmes.totalCount).toBe(55);
    expect(statements).toBe(3);
  });
});
