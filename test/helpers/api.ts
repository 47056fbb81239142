// Boots the API in-process on a free port and talks to /graphql over HTTP, as a client would.
import type { ModuleMetadata } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { ApiModule } from '../../src/api.module';
import { AppConfig } from '../../src/core/config/app-config.service';
import { configureApi } from '../../src/main';
import { testConfig } from './config';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

/** The `extensions.code` of an answer's first error. */
export const errorCode = (res: Pick<GraphQLResponse, 'errors'>) =>
  res.errors?.[0]?.extensions?.code;

/** The `extensions.reason` of an answer's first error. */
export const errorReason = (res: Pick<GraphQLResponse, 'errors'>) =>
  res.errors?.[0]?.extensions?.reason;

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  app: NestExpressApplication;
  url: string;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startApi(
  options: { env?: Record<string, string>; imports?: ModuleMetadata['imports'] } = {},
): Promise<TestApi> {
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule, ...(options.imports ?? [])],
  })
    .overrideProvider(AppConfig)
    .useValue(testConfig(options.env))
    .compile();
  const app = configureApi(
    moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }),
  );
  return listen(app);
}

/** Listens on a free port and wraps the app in a GraphQL client. */
export async function listen(app: NestExpressApplication): Promise<TestApi> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    async gql(query, variables, requestOptions = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(requestOptions.token ? { authorization: `Bearer ${requestOptions.token}` } : {}),
          ...requestOptions.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any[] };
      return {
        status: response.status,
        data: body.data,
        errors: body.errors,
        headers: response.headers,
      };
    },
    close: () => app.close(),
  };
}
