import { describe, expect, it } from 'vitest';
import { compareScores, formatScore } from './status';

describe('weighted scores', () => {
  it('sort highest first, exactly, with unscored applications last', () => {
    const scores = ['3.75', null, '4.1', '3.8', '10.00', '3.75'];
    expect([...scores].sort(compareScores)).toEqual(['10.00', '4.1', '3.8', '3.75', '3.75', null]);
  });

  it('show in the locale', () => {
    expect(formatScore('3.75', 'de-DE')).toBe('3,75');
    expect(formatScore('3.75', 'en-GB')).toBe('3.75');
  });
});
