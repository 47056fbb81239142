import { flawedTextError, flawedTexts, nulCharacterError, nulPaths } from './nul-characters.plugin';

describe('NUL characters in input', () => {
  it('finds every string holding NUL, by dotted path, in objects and lists', () => {
    const input = { a: 'ok', b: 'x\u0000', c: { d: ['fine', 'y\u0000'] }, e: 1, f: null };
    expect(nulPaths(input, 'input')).toEqual(['input.b', 'input.c.d.1']);
    expect(nulPaths('clean', 'v')).toEqual([]);
  });

  it('answers BAD_USER_INPUT with HTTP 400, each field once', () => {
    const error = nulCharacterError(['input.b', 'input.b']);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    expect(error.message).toBe(
      'Invalid input — input.b: must not contain the NUL character (U+0000)',
    );
  });

  it('finds unpaired surrogates too, and keeps well-formed pairs', () => {
    const input = { ok: 'Zoë 👩‍👩‍👧', high: 'a\ud800', low: '\udc00b', swapped: '\udc00\ud800' };
    expect(flawedTexts(input, 'input')).toEqual([
      { path: 'input.high', flaw: 'surrogate' },
      { path: 'input.low', flaw: 'surrogate' },
      { path: 'input.swapped', flaw: 'surrogate' },
    ]);
    const error = flawedTextError([{ path: 'input.high', flaw: 'surrogate' }]);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    expect(error.message).toMatch(/input\.high: must be valid Unicode text/);
  });
});
