import { REFRESH_COOKIE, refreshTokenFromCookie } from './session-cookie';

const req = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } });

describe('refreshTokenFromCookie', () => {
  it('finds the refresh cookie among others', () => {
    expect(refreshTokenFromCookie(req(`a=1; ${REFRESH_COOKIE}=abc_DEF-123; b=2`))).toBe(
      'abc_DEF-123',
    );
    expect(refreshTokenFromCookie(req(`${REFRESH_COOKIE}="quoted"`))).toBe('quoted');
  });

  it('ignores missing, empty, look-alike and malformed values', () => {
    expect(refreshTokenFromCookie(req())).toBeUndefined();
    expect(refreshTokenFromCookie(req(''))).toBeUndefined();
    expect(refreshTokenFromCookie(req(`${REFRESH_COOKIE}=`))).toBeUndefined();
    expect(refreshTokenFromCookie(req(`x${REFRESH_COOKIE}=abc`))).toBeUndefined();
    expect(refreshTokenFromCookie(req(`${REFRESH_COOKIE}=a%00b`))).toBeUndefined();
    expect(refreshTokenFromCookie(req(`${REFRESH_COOKIE}=${'a'.repeat(201)}`))).toBeUndefined();
  });
});
