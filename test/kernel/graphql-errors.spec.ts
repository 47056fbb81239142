// The kernel's error mapping, through a small resolver that exists only in this test.
import { Module } from '@nestjs/common';
import { Args, Field, InputType, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsEmail, IsInt, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Public } from '../../src/core/auth/public.decorator';
import { ConflictError, NotFoundError } from '../../src/core/errors/app-error';
import { MoneyInput } from '../../src/core/money/money.graphql';
import { startApi, TestApi } from '../helpers/api';

@InputType({ description: 'test' })
class ProbeInput {
  @Field({ description: 'test' })
  @IsEmail()
  email!: string;

  @Field(() => Int, { description: 'test' })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @Field({ description: 'test' })
  @MaxLength(10)
  name!: string;

  @Field(() => MoneyInput, { description: 'test' })
  @ValidateNested()
  @Type(() => MoneyInput)
  amount!: MoneyInput;
}

@Resolver()
class ProbeResolver {
  @Public()
  @Mutation(() => Boolean, { description: 'test' })
  probe(@Args('input') _input: ProbeInput): boolean {
    return true;
  }

  @Public()
  @Query(() => Boolean, { description: 'test' })
  probeCrash(): boolean {
    const error = new Error('relation "secret_table" does not exist at SELECT * FROM secret_table');
    throw error;
  }

  @Public()
  @Query(() => Boolean, { description: 'test' })
  probeNotFound(): boolean {
    throw new NotFoundError('Grant', 'abc');
  }

  @Public()
  @Query(() => Boolean, { description: 'test' })
  probeConflict(): boolean {
    throw new ConflictError(
      { en: 'Already released.', de: 'Schon ausgezahlt.' },
      { state: 'RELEASED' },
    );
  }
}

@Module({ providers: [ProbeResolver] })
class ProbeModule {}

const VALID = {
  email: 'a@example.org',
  score: 3,
  name: 'ok',
  amount: { amount: 100, currency: 'EUR' },
};

describe('GraphQL errors', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi({ imports: [ProbeModule] })));
  afterAll(() => api.close());

  const probe = (input: unknown, headers?: Record<string, string>) =>
    api.gql('mutation($input: ProbeInput!) { probe(input: $input) }', { input }, { headers });

  it('accepts valid input', async () => {
    const res = await probe(VALID);
    expect(res.errors).toBeUndefined();
    expect(res.data.probe).toBe(true);
  });

  it('answers BAD_USER_INPUT naming every failing field, nested ones included', async () => {
    const res = await probe({
      ...VALID,
      email: 'nope',
      score: 9,
      amount: { amount: 5, currency: 'XXY' },
    });
    const error = res.errors![0]!;
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
    const fields = error.extensions!.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['amount.currency', 'email', 'score']);
    expect(error.message).toMatch(/email/);
  });

  it('speaks German, field problems included, when the caller asks for it', async () => {
    const res = await probe(
      { ...VALID, email: 'nope', name: 'x'.repeat(11) },
      { 'accept-language': 'de' },
    );
    const error = res.errors![0]!;
    expect(error.message).toMatch(/^Ungültige Eingabe — /);
    expect(error.extensions!.fields).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'muss eine E-Mail-Adresse sein' },
        { field: 'name', message: 'darf höchstens 10 Zeichen lang sein' },
      ]),
    );
    expect(JSON.stringify(res)).not.toContain('messageDe');
  });

  it('rejects a 10 kB string with a clear message', async () => {
    const res = await probe({ ...VALID, name: 'x'.repeat(10_000) });
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'name' }],
    });
  });

  it('rejects fractional money amounts before any resolver runs', async () => {
    const res = await probe({ ...VALID, amount: { amount: 1.5, currency: 'EUR' } });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/SafeInt|integer/i);
  });

  it('rejects missing fields and wrong types', async () => {
    const missing = await probe({ email: 'a@example.org' });
    expect(missing.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const wrongType = await probe({ ...VALID, score: 'three' });
    expect(wrongType.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('answers INTERNAL_SERVER_ERROR for an unexpected error, without stack or SQL', async () => {
    const res = await api.gql('{ probeCrash }');
    const error = res.errors![0]!;
    expect(error.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toBe('Internal server error');
    expect(JSON.stringify(res)).not.toMatch(/secret_table|stacktrace|\.ts:\d+/);
  });

  it('keeps codes and details of known errors and speaks German on request', async () => {
    const notFound = await api.gql('{ probeNotFound }');
    expect(notFound.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Grant' });
    expect(notFound.errors![0]!.extensions!.i18n).toBeUndefined();
    const conflict = await api.gql('{ probeConflict }', undefined, {
      headers: { 'accept-language': 'de-DE,de;q=0.9' },
    });
    expect(conflict.errors![0]).toMatchObject({
      message: 'Schon ausgezahlt.',
      extensions: { code: 'CONFLICT', state: 'RELEASED' },
    });
  });

  it('answers parse errors with GRAPHQL_PARSE_FAILED', async () => {
    const res = await api.gql('{ serverInfo { ');
    expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});
