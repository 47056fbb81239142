import { describe, expect, it } from 'vitest';
import { formatSize } from './attachments';

describe('formatSize', () => {
  it('shows kilobytes whole and megabytes with one decimal, in the locale', () => {
    expect(formatSize(65_536, 'en-GB')).toBe('66 kB');
    expect(formatSize(120, 'de-DE')).toBe('1 kB');
    expect(formatSize(10_485_760, 'de-DE')).toBe('10,5 MB');
    expect(formatSize(2_000_000, 'en-GB')).toBe('2 MB');
  });
});
