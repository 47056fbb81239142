import { describe, expect, it } from 'vitest';
import { keyFrom } from './keys';

describe('keys from names', () => {
  it('makes lower-case keys of letters, digits and _, unique in their list', () => {
    expect(keyFrom('Wirkung & Reichweite', [])).toBe('wirkung_reichweite');
    expect(keyFrom('Größe', [])).toBe('grosse');
    expect(keyFrom('Wirkung', ['wirkung'])).toBe('wirkung_2');
    expect(keyFrom('', [], 'criterion')).toBe('criterion');
    expect(keyFrom('2 Nutzer', [], 'q')).toBe('q_2_nutzer');
  });
});
