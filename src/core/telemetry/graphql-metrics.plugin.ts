import type { ApolloServerPlugin } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { Metrics } from './metrics';

const CODE = /^[A-Z][A-Z_]{0,39}$/;

/**
 * Counts and times each GraphQL request by its operation's name and type, counts the errors in
 * its answer by code, and names the request's span after the operation.
 */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      let operation = 'invalid';
      let type = 'none';
      return Promise.resolve({
        didResolveOperation(requestContext) {
          operation = metrics.operationLabel(requestContext.operationName);
          type = requestContext.operation?.operation ?? 'none';
          const span = trace.getActiveSpan();
          span?.updateName(`graphql ${type} ${operation}`);
          span?.setAttributes({
            'graphql.operation.name': operation,
            'graphql.operation.type': type,
          });
          return Promise.resolve();
        },
        willSendResponse(requestContext) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.graphqlRequests.inc({ operation, type });
          metrics.graphqlDuration.observe({ operation, type }, seconds);
          const body = requestContext.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            metrics.graphqlErrors.inc({
              operation,
              code: typeof code === 'string' && CODE.test(code) ? code : 'OTHER',
            });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
