// Operations run by graphql-jit (GRAPHQL_EXECUTOR=compiled, the default) answer exactly what
// graphql-js answers (GRAPHQL_EXECUTOR=standard): the same data, errors, codes and HTTP status, for
// nested reads with fragments and directives, refusals and bad variables; and what graphql-jit would
// get wrong or unsafe (mutations, string literals, variables in literals, omitted defaults) is left
// to graphql-js.
import { AbstractGraphQLDriver } from '@nestjs/graphql';
import { parse } from 'graphql';
import { CompiledApolloDriver, compilable } from '../../src/core/graphql/compiled-executor';
import { startApi, TestApi } from '../helpers/api';
import { BUDGET, createGrant, GrantFixture, moveInput } from '../helpers/grants';
import { signUp } from '../helpers/identity';

const NESTED = `query Page($first: Int!, $withLines: Boolean!, $noSprints: Boolean!) {
  grants(first: $first) {
    totalCount
    nodes {
      ...Head
      budgetLines @include(if: $withLines) { id position category name originalAmount { amount currency } }
      t: tranches { __typename id number kind status amount { amount currency } releasedAt }
      sprints @skip(if: $noSprints) { id number goal status startDate endDate milestones { id position title } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
fragment Head on Grant { id reference title status currency startDate endDate awardedAmount { amount currency } }`;

const GRANT = `query One($id: ID!) { grant(grantId: $id) { id title awardedAmount { amount currency } } }`;

const TWO_MOVES = `mutation Two($a: RequestReallocationInput!, $b: RequestReallocationInput!) {
  first: requestReallocation(input: $a) { id status amount { amount currency } }
  second: requestReallocation(input: $b) { id status amount { amount currency } }
}`;

describe('compiled execution', () => {
  let compiled: TestApi;
  let standard: TestApi;
  let grant: GrantFixture;
  let stranger: { accessToken: string };

  beforeAll(async () => {
    compiled = await startApi();
    standard = await startApi({ env: { GRAPHQL_EXECUTOR: 'standard' } });
    grant = await createGrant(compiled, { lines: [30_000_00, 20_000_00], sprints: 2 });
    stranger = await signUp(compiled, 'FUNDER');
  });
  afterAll(async () => {
    await compiled?.close();
    await standard?.close();
  });

  /**
   * What each executor answers to the same request. The compiled API is asked twice: it compiles a
   * document on its second request, and both answers must be graphql-js's.
   */
  async function both(query: string, variables?: Record<string, unknown>, token?: string) {
    const answer = async (api: TestApi) => {
      const { status, data, errors } = await api.gql(query, variables, { token });
      return { status, data, errors };
    };
    const js = await answer(standard);
    expect(await answer(compiled)).toEqual(js);
    return [await answer(compiled), js] as const;
  }

  const driver = () => compiled.app.get(AbstractGraphQLDriver) as CompiledApolloDriver;

  it('runs the API with graphql-jit by default, compiling a query on its second request', async () => {
    expect(compiled.app.get(AbstractGraphQLDriver)).toBeInstanceOf(CompiledApolloDriver);
    const before = driver().compilations;
    const funder = { token: grant.funder.accessToken };
    await compiled.gql(GRANT, { id: grant.grantId }, funder);
    expect(driver().compilations).toBe(before);
    for (let i = 0; i < 3; i++) await compiled.gql(GRANT, { id: grant.grantId }, funder);
    expect(driver().compilations).toBe(before + 1);
    const other = standard.app.get(AbstractGraphQLDriver) as CompiledApolloDriver;
    await standard.gql(GRANT, { id: grant.grantId }, funder);
    expect(other.compilations).toBe(0);
  });

  it('answers nested reads with fragments, aliases and directives as graphql-js does', async () => {
    for (const [token, variables] of [
      [grant.funder.accessToken, { first: 10, withLines: true, noSprints: false }],
      [grant.grantee.accessToken, { first: 10, withLines: false, noSprints: true }],
      [grant.funder.accessToken, { first: 1, withLines: true, noSprints: true }],
    ] as const) {
      const compilations = driver().compilations;
      const [jit, js] = await both(NESTED, variables, token);
      expect(jit.errors).toBeUndefined();
      expect(jit.data.grants.nodes.length).toBeGreaterThan(0);
      expect(jit).toEqual(js);
      expect(driver().compilations).toBeLessThanOrEqual(compilations + 1);
    }
    const node = `query($id: ID!) { node(id: $id) { __typename id ... on Grant { reference title } } }`;
    const [jit, js] = await both(node, { id: grant.grantId }, grant.funder.accessToken);
    expect(jit.data.node).toMatchObject({ __typename: 'Grant', id: grant.grantId });
    expect(jit).toEqual(js);
  });

  it('refuses as graphql-js does: another tenant, bad and missing variables, no session', async () => {
    const cases: [string, Record<string, unknown> | undefined, string | undefined][] = [
      [GRANT, { id: grant.grantId }, stranger.accessToken],
      [GRANT, { id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }, grant.funder.accessToken],
      [GRANT, { id: 5.5 }, grant.funder.accessToken],
      [GRANT, {}, grant.funder.accessToken],
      [GRANT, { id: grant.grantId }, undefined],
      [NESTED, { first: 'ten', withLines: true, noSprints: false }, grant.funder.accessToken],
      [NESTED, { first: -1, withLines: true, noSprints: false }, grant.funder.accessToken],
    ];
    for (const [query, variables, token] of cases) {
      const [jit, js] = await both(query, variables, token);
      expect(jit.errors?.length).toBeGreaterThan(0);
      expect(jit.errors![0]!.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(jit).toEqual(js);
    }
  });

  it('leaves mutations to graphql-js, which stops at the first refused field', async () => {
    const move = (amount: number, idempotencyKey: string) =>
      moveInput(grant, amount, { reason: 'a small move', idempotencyKey });
    const allocated = async (api: TestApi) =>
      (
        await api.gql(BUDGET, { id: grant.grantId }, { token: grant.funder.accessToken })
      ).data.grantBudget.lines.map((l: { allocated: { amount: number } }) => l.allocated.amount);
    const answers = [];
    for (const [name, api] of [
      ['compiled', compiled],
      ['standard', standard],
    ] as const) {
      const before = await allocated(api);
      for (let i = 0; i < 3; i++) {
        // The first field is refused; the second, valid, must not run.
        const { status, data, errors } = await api.gql(
          TWO_MOVES,
          { a: move(-1_00, `${name}-${i}-a`), b: move(1_00, `${name}-${i}-b`) },
          { token: grant.grantee.accessToken },
        );
        expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        answers.push({ status, data, errors });
      }
      expect(await allocated(api)).toEqual(before);
    }
    expect(answers.slice(0, 3)).toEqual(answers.slice(3));
  });

  it('leaves documents with string literals to graphql-js, however often they come', async () => {
    // graphql-jit writes literal arguments into the code it generates; client text is not let in.
    const query = `{ grant(grantId: "${grant.grantId}") { id title } }`;
    const compilations = driver().compilations;
    const [jit, js] = await both(query, undefined, grant.funder.accessToken);
    await compiled.gql(query, undefined, { token: grant.funder.accessToken });
    expect(driver().compilations).toBe(compilations);
    expect(jit.data.grant.id).toBe(grant.grantId);
    expect(jit).toEqual(js);
  });

  it('answers as graphql-js for omitted defaults and variables inside literals', async () => {
    const token = grant.funder.accessToken;
    const defaulted = `query($first: Int! = 1) { grants(first: $first) { nodes { id } } }`;
    const [jit, js] = await both(defaulted, {}, token);
    expect(jit.data.grants.nodes).toHaveLength(1);
    expect(jit).toEqual(js);
    // An omitted variable inside an input object leaves the field out (it is not null). No query
    // of the schema today treats null and absent apart, so this answers alike either way; the
    // unit cases of compilable() below are what fail without the rule.
    const filtered = `query($subject: ID) { auditEvents(first: 3, filter: { subjectId: $subject }) { nodes { id } } }`;
    const [jitFiltered, jsFiltered] = await both(filtered, {}, token);
    expect(jitFiltered.errors).toBeUndefined();
    expect(jitFiltered).toEqual(jsFiltered);
  });

  it('compiles only documents without string literals and without variables inside literals', () => {
    expect(compilable(parse('query($v: ID, $n: Int) { a(x: $v, n: $n, k: 1, e: ACTIVE) }'))).toBe(
      true,
    );
    expect(compilable(parse('{ a(x: "text") }'))).toBe(false);
    expect(compilable(parse('{ a(x: """block""") }'))).toBe(false);
    expect(compilable(parse('query($v: ID) { a(x: { y: $v }) }'))).toBe(false);
    expect(compilable(parse('query($v: ID) { a(x: [$v]) }'))).toBe(false);
    expect(compilable(parse('query($v: ID) { ...F } fragment F on Q { a(x: { y: [$v] }) }'))).toBe(
      false,
    );
  });
});
