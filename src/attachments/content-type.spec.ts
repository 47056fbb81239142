import { sniffType } from './content-type';

describe('sniffType', () => {
  it('knows PDF, PNG, JPEG and WebP by their first bytes', () => {
    expect(sniffType(Buffer.from('%PDF-1.7\n…'))?.mime).toBe('application/pdf');
    expect(
      sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.mime,
    ).toBe('image/png');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.mime).toBe('image/jpeg');
    expect(sniffType(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'))?.mime).toBe(
      'image/webp',
    );
  });

  it('refuses what only looks right by name or is cut short', () => {
    expect(sniffType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffType(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull();
    expect(sniffType(Buffer.from('%PDF'))).toBeNull();
    expect(sniffType(Buffer.from('RIFF\x24\x00\x00\x00WAVE', 'latin1'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });
});
