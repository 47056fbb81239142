// The commons over plain HTTP, for readers and platforms without GraphQL or JavaScript:
//   GET /commons/feed.atom    all public learnings as an Atom feed (RFC 4287)
//   GET /commons/export.json  all public learnings as JSON, licence and pseudonymisation applied
//   GET /commons/:id          a public learning's stable URL: an HTML document carrying its title,
//                             text and licence, which also loads the web app (the app takes over)
// The list page /commons is the web app's. Rendering here rather than in the browser gives search
// engines, link previews and screen readers the text without running the app, and uses the same
// pseudonymised view as the feed and the export (learning-public.render.ts).
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../core/auth/public.decorator';
import { AppConfig } from '../core/config/app-config.service';
import { Ctx } from '../core/context/ctx.decorator';
import { languageFromHeader, RequestContext } from '../core/context/request-context';
import { webAppDir } from '../core/web-app/web-app.module';
import { LearningService } from './learning.service';
import {
  atomFeed,
  commonsPath,
  escapeXml,
  learningPage,
  PublicLearning,
  publicLearning,
} from './learning-public.render';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Controller('commons')
export class LearningPublicController {
  constructor(
    private readonly learnings: LearningService,
    private readonly config: AppConfig,
  ) {}

  private base(): string {
    return this.config.get('PUBLIC_APP_URL').replace(/\/$/, '');
  }

  private async all(ctx: RequestContext): Promise<PublicLearning[]> {
    const rows = await this.learnings.allPublic(ctx);
    const sources = await this.learnings.publicSources(ctx, rows);
    return rows.map((l) => publicLearning(l, sources.get(l.id)!, this.base()));
  }

  @Public()
  @Get('feed.atom')
  async feed(@Ctx() ctx: RequestContext, @Res() res: Response): Promise<void> {
    const entries = await this.all(ctx);
    res.setHeader('content-type', 'application/atom+xml; charset=utf-8');
    res.setHeader('cache-control', 'public, max-age=300');
    res.send(atomFeed(entries, this.base()));
  }

  @Public()
  @Get('export.json')
  async export(@Ctx() ctx: RequestContext, @Res() res: Response): Promise<void> {
    const learnings = await this.all(ctx);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'public, max-age=300');
    res.setHeader('content-disposition', 'inline; filename="meilenstein-learnings.json"');
    res.send(
      JSON.stringify({
        source: `${this.base()}${commonsPath()}`,
        generatedAt: new Date().toISOString(),
        count: learnings.length,
        learnings,
      }),
    );
  }

  @Public()
  @Get(':id')
  async page(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const lang = languageFromHeader(req.headers['accept-language']);
    const learning = UUID.test(id) ? await this.learnings.publicOne(ctx, id) : null;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    const shell = appShell();
    if (!learning) {
      res
        .status(404)
        .send(
          shell ??
            `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeXml(
              lang === 'de' ? 'Nicht gefunden' : 'Not found',
            )}</title></head><body><main><h1>${
              lang === 'de'
                ? 'Dieses Learning gibt es nicht (mehr) öffentlich.'
                : 'This learning is not (or no longer) public.'
            }</h1><p><a href="${commonsPath()}">Meilenstein</a></p></main></body></html>`,
        );
      return;
    }
    const sources = await this.learnings.publicSources(ctx, [learning]);
    const view = publicLearning(learning, sources.get(learning.id)!, this.base());
    res.send(learningPage(view, lang, shell));
  }
}

/** The built web app's index.html, if there is one (read per request: it changes with a release). */
function appShell(): string | null {
  const file = join(webAppDir(), 'index.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
