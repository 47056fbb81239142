// Serves the built web app (web/dist) at `/`: its files, and index.html for every other GET so
// client routes such as /grants/…/sprints/1/review load the app. The API's own paths stay the
// API's. Without a built web app (API-only deployments, most tests) nothing is registered.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';

/** Paths that belong to the API; everything else under / is the web app's. */
export const API_PATHS = [
  '/graphql',
  '/graphql/{*rest}',
  '/health/{*rest}',
  '/reports/:id/download',
  '/downloads/{*rest}',
  '/attachments/:id/download',
  '/admin/{*rest}',
  // The commons' feed, export and server-rendered learning pages (the list /commons is the app's).
  '/commons/:id',
  // Hashed files that do not exist are a 404, not the app.
  '/assets/{*rest}',
];

/** web/dist beside src/ (ts-node) or dist/ (compiled): both are three levels up from here. */
export function webAppDir(): string {
  return join(__dirname, '..', '..', '..', 'web', 'dist');
}

@Module({})
export class WebAppModule {
  static register(): DynamicModule {
    const rootPath = webAppDir();
    if (!existsSync(join(rootPath, 'index.html'))) {
      new Logger('WebApp').log(`no built web app at ${rootPath}; serving the API only`);
      return { module: WebAppModule };
    }
    return {
      module: WebAppModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: API_PATHS,
          serveStaticOptions: {
            index: false,
            // Hashed assets never change; index.html must be revalidated to pick up a release.
            setHeaders: (res: Response, path: string) => {
              res.setHeader(
                'cache-control',
                path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
              );
            },
          },
        }),
      ],
    };
  }
}
