// graphql-armor limits, each probed at the limit (accepted) and one step over (rejected).
import { Module } from '@nestjs/common';
import { Field, Int, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../../src/core/auth/public.decorator';
import { startApi, TestApi } from '../helpers/api';

@ObjectType({ description: 'test' })
class Probe {
  @Field(() => Int, { description: 'test' })
  value!: number;

  @Field(() => Probe, { description: 'test' })
  child!: Probe;
}

@Resolver(() => Probe)
class ProbeResolver {
  @Public()
  @Query(() => Probe, { description: 'test' })
  probe(): Probe {
    return { value: 1 } as Probe;
  }

  @ResolveField(() => Probe)
  child(): Probe {
    return { value: 1 } as Probe;
  }
}

@Module({ providers: [ProbeResolver] })
class ProbeModule {}

const LIMITS = { depth: 4, aliases: 3, directives: 3, tokens: 100 };

/** A document whose deepest field sits `depth` fields down: `{ probe { child { value } } }` is 3. */
const nested = (depth: number) =>
  `{ probe { ${'child { '.repeat(depth - 2)}value${' }'.repeat(depth - 2)} } }`;
const aliased = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: serverInfo { version }`).join(' ')} }`;
const directed = (n: number) =>
  `{ ${'... on Query @include(if: true) { serverInfo { version } } '.repeat(n)}}`;
/** `{ serverInfo { version version … } }`: 5 tokens plus one per repetition. */
const tokens = (n: number) => `{ serverInfo { ${'version '.repeat(n - 5)}} }`;
const wide = (n: number) => `{ probe { ${'value '.repeat(n)}} }`;

const LIMIT_ERROR = { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_LIMIT_EXCEEDED' };

describe('GraphQL limits', () => {
  let api: TestApi;
  let measure: TestApi;
  let maxCost: number;

  beforeAll(async () => {
    // The cost formula belongs to graphql-armor; ask it for one document's cost, then set the
    // limit to exactly that cost.
    measure = await startApi({ imports: [ProbeModule], env: { GRAPHQL_MAX_COST: '1' } });
    const res = await measure.gql(wide(10));
    maxCost = Number(/found (\d+)/.exec(res.errors![0]!.message)![1]);
    await measure.close();
    measure = await startApi({
      imports: [ProbeModule],
      env: { GRAPHQL_MAX_COST: String(maxCost) },
    });
    api = await startApi({
      imports: [ProbeModule],
      env: {
        GRAPHQL_MAX_DEPTH: String(LIMITS.depth),
        GRAPHQL_MAX_ALIASES: String(LIMITS.aliases),
        GRAPHQL_MAX_DIRECTIVES: String(LIMITS.directives),
        GRAPHQL_MAX_TOKENS: String(LIMITS.tokens),
      },
    });
  });
  afterAll(async () => {
    await api.close();
    await measure.close();
  });

  it('depth: at the limit accepted, one over rejected', async () => {
    const at = await api.gql(nested(LIMITS.depth));
    expect(at.errors).toBeUndefined();
    const over = await api.gql(nested(LIMITS.depth + 1));
    expect(over.errors![0]!.extensions).toMatchObject(LIMIT_ERROR);
    expect(over.errors![0]!.message).toMatch(/depth/i);
  });

  it('aliases: at the limit accepted, one over rejected', async () => {
    expect((await api.gql(aliased(LIMITS.aliases))).errors).toBeUndefined();
    const over = await api.gql(aliased(LIMITS.aliases + 1));
    expect(over.errors![0]!.extensions).toMatchObject(LIMIT_ERROR);
    expect(over.errors![0]!.message).toMatch(/alias/i);
  });

  it('directives: at the limit accepted, one over rejected', async () => {
    expect((await api.gql(directed(LIMITS.directives))).errors).toBeUndefined();
    const over = await api.gql(directed(LIMITS.directives + 1));
    expect(over.errors![0]!.extensions).toMatchObject(LIMIT_ERROR);
    expect(over.errors![0]!.message).toMatch(/directive/i);
  });

  it('tokens: at the limit accepted, one over rejected', async () => {
    expect((await api.gql(tokens(LIMITS.tokens))).errors).toBeUndefined();
    const over = await api.gql(tokens(LIMITS.tokens + 1));
    expect(over.status).toBe(400);
    expect(over.errors![0]!.extensions).toMatchObject({ ...LIMIT_ERROR, limit: 'tokens' });
    expect(over.errors![0]!.message).toMatch(/token/i);
  });

  it('cost: at the limit accepted, one over rejected', async () => {
    expect((await measure.gql(wide(10))).errors).toBeUndefined();
    const over = await measure.gql(wide(11));
    expect(over.errors![0]!.extensions).toMatchObject(LIMIT_ERROR);
    expect(over.errors![0]!.message).toMatch(/cost/i);
  });
});
