import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../features/auth/sign-in';

describe('safeRedirect', () => {
  it('follows paths of this app, with query and fragment', () => {
    expect(safeRedirect('/settings/members')).toBe('/settings/members');
    expect(safeRedirect('/reports/1?x=1#top')).toBe('/reports/1?x=1#top');
  });

  it('refuses anything that could leave the app', () => {
    for (const target of [
      undefined,
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      '/\t/evil.example/',
      'javascript:alert(1)',
      ' /settings',
    ])
      expect(safeRedirect(target)).toBe('/');
  });
});
