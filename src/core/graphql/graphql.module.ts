// Apollo Server, code-first. Limits on depth, cost, aliases and directives come from graphql-armor,
// the token limit from graphql-js's parser (Apollo's `parseOptions.maxTokens`: armor's token plugin
// parses again in a plugin hook, so its refusals and every syntax error answered 500), all with
// values from configuration. Introspection and field suggestions are off in
// production; development gets Apollo's local landing page (an IDE). HTTP batching is off.
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { CompiledApolloDriver, type CompiledApolloDriverConfig } from './compiled-executor';
import { Module } from '@nestjs/common';
import { GraphQLModule as NestGraphQLModule } from '@nestjs/graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config.service';
import {
  clientErrorStatusPlugin,
  formatGraphQLError,
  localizeErrorsPlugin,
} from '../errors/graphql-error.formatter';
import { withoutSuggestions } from '../errors/suggestions';
import { refuseNulCharactersPlugin } from '../errors/nul-characters.plugin';
import { errorReasonEnums } from '../errors/error-reasons';
import { MoneyResolver, MoneyType } from '../money/money.graphql';
import { ServerInfoResolver } from './server-info.resolver';
import { Metrics } from '../telemetry/metrics';
import { graphqlMetricsPlugin } from '../telemetry/graphql-metrics.plugin';

export function graphqlLimits(config: AppConfig) {
  return {
    maxDepth: config.get('GRAPHQL_MAX_DEPTH'),
    maxCost: config.get('GRAPHQL_MAX_COST'),
    maxAliases: config.get('GRAPHQL_MAX_ALIASES'),
    maxTokens: config.get('GRAPHQL_MAX_TOKENS'),
    maxDirectives: config.get('GRAPHQL_MAX_DIRECTIVES'),
  };
}

@Module({
  imports: [
    NestGraphQLModule.forRootAsync<CompiledApolloDriverConfig>({
      driver: CompiledApolloDriver,
      inject: [AppConfig, Metrics],
      useFactory: (config: AppConfig, metrics: Metrics) => {
        const limits = graphqlLimits(config);
        const armor = new ApolloArmor({
          maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
          costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
          maxAliases: { n: limits.maxAliases },
          maxTokens: { enabled: false },
          maxDirectives: { n: limits.maxDirectives },
          blockFieldSuggestion: { enabled: config.isProduction },
        }).protect();
        const exposeInternals = config.isDevelopment;
        return {
          path: '/graphql',
          executor: config.get('GRAPHQL_EXECUTOR'),
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          introspection: !config.isProduction,
          allowBatchedHttpRequests: false,
          // Apollo's default, stated so it is not lost: requests must be JSON or carry a custom
          // header, so a plain form or <img> from another site cannot post with the refresh cookie.
          csrfPrevention: true,
          includeStacktraceInErrorResponses: exposeInternals,
          parseOptions: { maxTokens: limits.maxTokens },
          validationRules: armor.validationRules,
          plugins: [
            ...armor.plugins,
            // No cache hints are set and no cache reads them; Apollo's cache-control plugin would
            // otherwise wrap every field resolver to compute them.
            ApolloServerPluginCacheControlDisabled(),
            refuseNulCharactersPlugin(),
            clientErrorStatusPlugin(),
            localizeErrorsPlugin(),
            graphqlMetricsPlugin(metrics),
            config.isDevelopment
              ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
              : ApolloServerPluginLandingPageDisabled(),
          ],
          formatError: (formatted, error) => {
            const answer = formatGraphQLError(formatted, error, exposeInternals);
            return config.isProduction ? withoutSuggestions(answer) : answer;
          },
          context: ({ req, res }: { req: Request; res: Response }) => ({ req, res }),
          buildSchemaOptions: {
            numberScalarMode: 'integer',
            noDuplicatedFields: true,
            // Every module's error reasons, so schema.gql documents what `extensions.reason` holds.
            orphanedTypes: [MoneyType, ...errorReasonEnums()],
          },
        };
      },
    }),
  ],
  providers: [MoneyResolver, ServerInfoResolver],
})
export class GraphQLModule {}
