// Error reasons per module: each module declares its `reason` codes as a TypeScript enum with their
// German and English messages in one file (`<module>.errors.ts`, made with `declareErrorReasons`).
// Each enum is registered as a GraphQL enum (`<Module>ErrorReason`) and put into the schema as an
// orphaned type (see core/graphql/graphql.module.ts), so API consumers find every value an
// error's `extensions.reason` can take, with its meaning, in schema.gql — without a query or a
// field that only exists to carry it. `extensions.code` stays the GraphQL-wide class of the error.
import { registerEnumType } from '@nestjs/graphql';
import {
  BadUserInputError,
  ConflictError,
  FieldProblem,
  ForbiddenError,
  LocalizedText,
} from './app-error';

export interface ReasonEntry {
  /** What the reason means, for the schema (English). */
  meaning: string;
  /** The message a person reads, in both languages, made from the error's particulars. */
  text: (...args: never[]) => LocalizedText;
}

const registered: object[] = [];

/** Every reason enum declared so far (all modules' error files load before the schema is built). */
export function errorReasonEnums(): object[] {
  return [...registered];
}

export class ErrorReasons<E extends string, C extends Record<E, ReasonEntry>> {
  constructor(
    readonly name: string,
    readonly values: Record<string, E>,
    readonly catalogue: C,
  ) {}

  /** The message of `reason` in German and English. */
  text<K extends E>(reason: K, ...args: Parameters<C[K]['text']>): LocalizedText {
    return (this.catalogue[reason].text as (...a: unknown[]) => LocalizedText)(...args);
  }

  conflict<K extends E>(
    reason: K,
    details: Record<string, unknown>,
    ...args: Parameters<C[K]['text']>
  ): ConflictError {
    return new ConflictError(this.text(reason, ...args), { reason, ...details });
  }

  forbidden<K extends E>(
    reason: K,
    details: Record<string, unknown>,
    ...args: Parameters<C[K]['text']>
  ): ForbiddenError {
    return new ForbiddenError(this.text(reason, ...args), { reason, ...details });
  }

  badInput<K extends E>(
    reason: K,
    fields: FieldProblem[],
    details: Record<string, unknown>,
    ...args: Parameters<C[K]['text']>
  ): BadUserInputError {
    return new BadUserInputError(this.text(reason, ...args), fields, { reason, ...details });
  }
}

/**
 * Declares a module's reasons: `values` is the TypeScript enum, `catalogue` gives each value its
 * meaning and messages (the compiler insists on one entry per value). Registers the GraphQL enum
 * `name` with the meanings as value descriptions.
 */
export function declareErrorReasons<E extends string, C extends Record<E, ReasonEntry>>(
  name: string,
  description: string,
  values: Record<string, E>,
  catalogue: C,
): ErrorReasons<E, C> {
  registerEnumType(values, {
    name,
    description,
    valuesMap: Object.fromEntries(
      Object.values(values).map((v) => [v, { description: catalogue[v].meaning }]),
    ),
  });
  registered.push(values);
  return new ErrorReasons(name, values, catalogue);
}
