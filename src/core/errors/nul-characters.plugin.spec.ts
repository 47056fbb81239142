import { nulCharacterError, nulPaths } from './nul-characters.plugin';

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
});
