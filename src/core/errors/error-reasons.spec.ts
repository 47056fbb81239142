// Every `extensions.reason` comes from a module's reason enum (declared with its messages in the
// module's `*.errors.ts`), never from a string typed where the error is thrown.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConflictError } from './app-error';
import { declareErrorReasons, errorReasonEnums } from './error-reasons';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('error reasons', () => {
  it('no error is thrown with a free-typed reason code', () => {
    const root = join(__dirname, '..', '..');
    const offenders = sourceFiles(root).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/reason:\s*['`][A-Z][A-Z_]+['`]/g)].map(
        (m) => `${relative(root, file)}: ${m[0]}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('a declared reason gives its message in both languages, its code and details', () => {
    enum ProbeReason {
      PROBE_REFUSED = 'PROBE_REFUSED',
    }
    const probe = declareErrorReasons('ProbeErrorReason', 'Test reasons.', ProbeReason, {
      [ProbeReason.PROBE_REFUSED]: {
        meaning: 'Refused for the test.',
        text: (what: string) => ({ en: `No ${what}.`, de: `Kein ${what}.` }),
      },
    });
    const error = probe.conflict(ProbeReason.PROBE_REFUSED, { current: 'X' }, 'probe');
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.text).toEqual({ en: 'No probe.', de: 'Kein probe.' });
    expect(error.details).toEqual({ reason: 'PROBE_REFUSED', current: 'X' });
    expect(errorReasonEnums()).toContain(ProbeReason);
  });
});
