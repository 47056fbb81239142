// The web app in a real browser: Debian's Chromium driven by playwright-core, against the API
// of the test file (which serves the built web app), with axe checking every page visited.
import AxeBuilder from '@axe-core/playwright';
import type { INestApplicationContext } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ParsedMail } from 'mailparser';
import type { TestApi } from './api';
import { listen } from './api';
import { startSmtp, type TestSmtp } from './smtp';
import { until } from './wait';
import { startWorker } from './worker';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: run scripts/services.sh (installs Debian's chromium)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface WebSystem {
  api: TestApi;
  smtp: TestSmtp;
  browser: Browser;
  worker: INestApplicationContext;
  /** A fresh browser profile (cookies, storage) on the app, in the given language. */
  person(locale?: 'de-DE' | 'en-GB'): Promise<{ context: BrowserContext; page: Page }>;
  /** The newest email to `to` whose subject matches, waiting for it to arrive. */
  mailTo(to: string, subject?: RegExp, timeoutMs?: number): Promise<ParsedMail>;
  /** The link to `path` in the newest email to `to` that has one, waiting for it to arrive. */
  linkFor(to: string, path: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * The API as production boots it (NestFactory, so the built web app is served at /), configured
 * from the test file's environment: the configuration module reads it when first loaded, so a
 * spec sets what it needs by importing ./web-env before anything else.
 */
async function startServedApi(): Promise<TestApi> {
  const { createApi } = await import('../../src/main');
  return listen(await createApi());
}

/** API (serving the built app), worker and SMTP sink of one test file, and a browser. */
export async function startWebSystem(env: Record<string, string> = {}): Promise<WebSystem> {
  const index = join(__dirname, '..', '..', 'web', 'dist', 'index.html');
  if (!existsSync(index))
    throw new Error('the web app is not built: run `npm run build:web` before the browser tests');
  const smtp = await startSmtp({ keepVerificationEmails: true });
  const api = await startServedApi();
  const worker = await startWorker({
    SMTP_PORT: String(smtp.port),
    PUBLIC_APP_URL: api.url,
    ...env,
  });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    api,
    smtp,
    browser,
    worker,
    async person(locale = 'en-GB') {
      const context = await browser.newContext({
        baseURL: api.url,
        locale,
        // Dialogs appear without a fade, so axe sees their final colours.
        reducedMotion: 'reduce',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
    async mailTo(to, subject, timeoutMs = 20_000) {
      return newest(
        () =>
          smtp.messages
            .filter((m) => addressesOf(m).includes(to.toLowerCase()))
            .filter((m) => !subject || subject.test(m.subject ?? '')),
        () =>
          `no email to ${to}${subject ? ` matching ${String(subject)}` : ''}; got: ${smtp.messages
            .map((m) => `${addressesOf(m).join(',')}: ${m.subject}`)
            .join(' | ')}`,
        timeoutMs,
      );
    },
    async linkFor(to, path, timeoutMs = 20_000) {
      return newest(
        () =>
          smtp.messages
            .filter((m) => addressesOf(m).includes(to.toLowerCase()))
            .flatMap((m) => linksIn(m))
            .filter((l) => new URL(l).pathname === path),
        () => `no email to ${to} with a link to ${path}`,
        timeoutMs,
      );
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await worker.close();
      await api.close();
      await smtp.close();
    },
  };
}

/** The newest of what `pick` finds, waiting for there to be one (else the error `missing` says). */
async function newest<T>(pick: () => T[], missing: () => string, timeoutMs: number): Promise<T> {
  await until(() => pick().length > 0, 'an email', timeoutMs).catch(() => {
    throw new Error(missing());
  });
  const found = pick();
  return found[found.length - 1]!;
}

export function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** Every http(s) link in an email's text. */
export function linksIn(mail: ParsedMail): string[] {
  return [...new Set((mail.text ?? '').match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
}

/** The one link of an email that goes to `path` (e.g. /verify-email). */
export function linkTo(mail: ParsedMail, path: string): string {
  const link = linksIn(mail).find((l) => new URL(l).pathname === path);
  if (!link) throw new Error(`no link to ${path} in "${mail.subject}": ${linksIn(mail).join(' ')}`);
  return link;
}

/**
 * axe on the page as it is: serious and critical findings fail the test. `exclude` names parts
 * of the page that third-party components render and that the app cannot change (say why).
 */
export async function expectAccessible(
  page: Page,
  what: string,
  exclude: string[] = [],
): Promise<void> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
  // Only violations are asked for in full: axe then leaves out the passing and inapplicable
  // nodes' details, which are most of its work on a large page. (`options` replaces what
  // `withTags` set, so it comes first.)
  let builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(tags);
  for (const selector of exclude) builder = builder.exclude(selector);
  const result = await builder.analyze();
  const ran = result.toolOptions.runOnly as { type?: string; values?: string[] } | undefined;
  if (ran?.type !== 'tag' || JSON.stringify(ran.values) !== JSON.stringify(tags))
    throw new Error(
      `axe on ${what} ran with ${JSON.stringify(ran)}, not the tags ${tags.join(', ')}`,
    );
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
          .join('; ')}`,
    );
  if (serious.length > 0) throw new Error(`axe on ${what}:\n${serious.join('\n')}`);
}
