import { describe, expect, it } from 'vitest';
import { formatScore } from './status';

describe('weighted scores', () => {
  it('show in the locale', () => {
    expect(formatScore('3.75', 'de-DE')).toBe('3,75');
    expect(formatScore('3.75', 'en-GB')).toBe('3.75');
  });
});
