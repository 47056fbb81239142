// The lint rule of eslint.config.mjs that keeps entities with their module: a value import of
// another module's `*.entity` fails, a type import passes. Runs the project's own ESLint config
// through the ESLint Node API on probe files written into src/ for the test (in a child process:
// ESLint loads its config as an ES module, which Jest's module sandbox does not).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface Result {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

function lint(files: Record<string, string>): Record<string, Result['messages']> {
  const paths = Object.keys(files).map((name) => join(root, name));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
    const script = `
      const { ESLint } = require('eslint');
      new ESLint({ cwd: ${JSON.stringify(root)} })
        .lintFiles(${JSON.stringify(paths)})
        .then((results) => process.stdout.write(JSON.stringify(results)));`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    const results = JSON.parse(out) as Result[];
    return Object.fromEntries(
      Object.keys(files).map((name) => [
        name,
        results
          .find((r) => r.filePath === join(root, name))!
          .messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports'),
      ]),
    );
  } finally {
    for (const path of paths) rmSync(path, { force: true });
  }
}

describe("a module imports another module's entity only as a type", () => {
  it('fails on a value import, passes a type import and an own entity', () => {
    const tag = `${process.pid}-${Date.now()}`;
    const bad = `src/sprints/lint-probe-bad-${tag}.ts`;
    const good = `src/sprints/lint-probe-good-${tag}.ts`;
    const messages = lint({
      [bad]: [
        "import { Grant } from '../grants/grant.entity';",
        'export const probe = Grant;',
        '',
      ].join('\n'),
      [good]: [
        "import type { Grant } from '../grants/grant.entity';",
        "import { ChangeNotice } from './change-notice.entity';",
        'export const probe = (g: Grant): unknown => [g, ChangeNotice];',
        '',
      ].join('\n'),
    });
    expect(messages[bad]).toHaveLength(1);
    expect(messages[bad][0].message).toMatch(/only as a type/);
    expect(messages[good]).toEqual([]);
  }, 120_000);
});
