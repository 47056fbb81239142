// Operations run through graphql-jit: each document is compiled once into a function that walks
// exactly its selection, with the type checks and serialisers decided at compile time, instead of
// graphql-js interpreting the document field by field on every request. Parsing, validation, the
// plugins and error formatting stay Apollo's; only execution changes.
//
// Apollo Server takes a custom executor only through its gateway interface, so the driver hands
// Apollo a "gateway" that serves our own schema and executes with the compiled queries.
//
// graphql-js still executes what graphql-jit 0.8.9 would get wrong or unsafe:
// - mutations: graphql-jit runs a mutation's later fields after an earlier one failed, where
//   graphql-js stops (a refused move must not let the next one commit);
// - documents with a string literal: graphql-jit writes literal arguments into the code it
//   generates, and client text is not let into generated code;
// - documents with a variable inside an object or list literal: graphql-jit passes an omitted one
//   as null where graphql-js leaves the field out ("no change" becomes "clear");
// - requests that omit a variable with a default: graphql-jit ignores defaults of non-null types;
// - documents seen only once, so one-off documents cost no compilation, and what graphql-jit
//   cannot compile.
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable, Logger } from '@nestjs/common';
import {
  BREAK,
  execute,
  getVariableValues,
  GraphQLError,
  Kind,
  OperationTypeNode,
  printSchema,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GraphQLExecutor } from '../config/environment';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

interface Compilation {
  /** Requests seen before it was compiled. */
  seen: number;
  /** The compiled query; null: graphql-js executes it; undefined: not decided yet. */
  query?: CompiledQuery | null;
}

/**
 * Compiles each (document, operation) once, on its second request. Apollo keeps parsed documents by
 * their text, so the same text arrives as the same document object, and a compiled query lives as
 * long as it does.
 */
export class CompiledQueries {
  private readonly compiled = new WeakMap<DocumentNode, Map<string, Compilation>>();
  private readonly logger = new Logger('GraphQL');
  /** How many (document, operation) pairs were compiled: for tests and diagnosis. */
  compilations = 0;

  constructor(private readonly schema: GraphQLSchema) {}

  readonly execute: Executor = async ({ document, operation, request, context }) => {
    const operationName = request.operationName ?? undefined;
    const variableValues = request.variables ?? {};
    const query =
      operation && !omitsDefaulted(operation, variableValues)
        ? this.compiledFor(document, operation, operationName)
        : null;
    if (!query || !operation) {
      return execute({
        schema: this.schema,
        document,
        contextValue: context,
        variableValues,
        operationName,
      });
    }
    // Variables are checked by graphql-js first, so a wrong one is refused in its words and with its
    // nodes, from which Apollo answers BAD_USER_INPUT. graphql-jit gets them as sent, not as
    // coerced: it coerces them itself, and a scalar's parsed value is not its input again.
    const coerced = getVariableValues(
      this.schema,
      operation.variableDefinitions ?? [],
      variableValues,
    );
    if (coerced.errors) return { errors: coerced.errors };
    return asStandardErrors(await query.query(undefined, context, variableValues));
  };

  /** The compiled query for an operation, or null where graphql-js is to execute it. */
  private compiledFor(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    operationName: string | undefined,
  ): CompiledQuery | null {
    if (operation.operation !== OperationTypeNode.QUERY) return null;
    let byOperation = this.compiled.get(document);
    if (!byOperation) {
      byOperation = new Map();
      this.compiled.set(document, byOperation);
    }
    const key = operationName ?? '';
    let entry = byOperation.get(key);
    if (!entry) {
      entry = { seen: 0 };
      byOperation.set(key, entry);
    }
    if (entry.query !== undefined) return entry.query;
    if (++entry.seen < 2) return null;
    entry.query = compilable(document) ? this.compile(document, operationName) : null;
    return entry.query;
  }

  private compile(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    this.compilations++;
    const result = compileQuery(this.schema, document, operationName);
    if (isCompiledQuery(result)) return result;
    const reasons = (result.errors ?? []).map((e) => e.message).join('; ');
    this.logger.warn(
      `graphql-jit cannot compile operation ${operationName ?? '(anonymous)'} (${reasons}); graphql-js executes it`,
    );
    return null;
  }
}

/** No string literal anywhere, and no variable inside an object or list literal. */
export function compilable(document: DocumentNode): boolean {
  let safe = true;
  visit(document, {
    StringValue() {
      safe = false;
      return BREAK;
    },
    Variable(_node, _key, _parent, _path, ancestors) {
      if (ancestors.some((a) => 'kind' in a && (a.kind === Kind.OBJECT || a.kind === Kind.LIST))) {
        safe = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return safe;
}

/** Whether the request leaves out a variable whose definition has a default. */
function omitsDefaulted(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): boolean {
  return (operation.variableDefinitions ?? []).some(
    (definition) =>
      definition.defaultValue !== undefined &&
      !Object.prototype.hasOwnProperty.call(variables, definition.variable.name.value),
  );
}

/**
 * graphql-jit's errors, as graphql-js's: Apollo and the error formatter read `extensions` (always an
 * object there) and `originalError` (the resolver's exception, which carries the answer's code).
 */
function asStandardErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const standard = new GraphQLError(error.message, {
        path: error.path,
        originalError: error.originalError ?? undefined,
        extensions: error.extensions,
      });
      // graphql-jit knows the positions only as line and column, which is what an answer shows.
      (standard as { locations?: GraphQLError['locations'] }).locations = error.locations;
      return standard;
    }),
  };
}

/** The gateway interface, serving one fixed schema. */
export function compiledExecutorGateway(queries: CompiledQueries, schema: GraphQLSchema): Gateway {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: () => Promise.resolve({ executor: queries.execute }),
    stop: () => Promise.resolve(),
  };
}

export interface CompiledApolloDriverConfig extends ApolloDriverConfig {
  /** `standard` leaves execution to graphql-js (configuration's `GRAPHQL_EXECUTOR`). */
  executor: GraphQLExecutor;
}

/**
 * Apollo options that a gateway's executor never sees, so compiled execution would silently drop
 * them: a root value and a default field resolver. (Whether plugins' `willResolveField` hooks run
 * for compiled documents is not tested; no plugin here has one.)
 */
export function ignoredByCompiledExecution(options: ApolloDriverConfig): string[] {
  return (['rootValue', 'fieldResolver'] as const).filter((name) => options[name] !== undefined);
}

/** Nest's Apollo driver, with execution by compiled queries unless configured otherwise. */
@Injectable()
export class CompiledApolloDriver extends ApolloDriver {
  private queries?: CompiledQueries;

  /** Documents compiled so far (0 with the standard executor). */
  get compilations(): number {
    return this.queries?.compilations ?? 0;
  }

  override registerServer(config: ApolloDriverConfig): Promise<void> {
    const { executor, ...options } = config as CompiledApolloDriverConfig;
    if (executor === 'standard') return super.registerServer(options);
    if (!options.schema)
      throw new Error('the GraphQL schema must be built before the server starts');
    const ignored = ignoredByCompiledExecution(options);
    if (ignored.length)
      throw new Error(
        `compiled execution does not apply ${ignored.join(' or ')}: remove it or set GRAPHQL_EXECUTOR=standard`,
      );
    this.queries = new CompiledQueries(options.schema);
    return super.registerServer({
      ...options,
      schema: undefined,
      gateway: compiledExecutorGateway(this.queries, options.schema),
    } as ApolloDriverConfig);
  }
}
