import { fallbackRecipientId, grantId, majorUnits, toPackage, toSheet } from './open-grant-data';

describe('360Giving mapping', () => {
  it('turns minor units into major units exactly, through the decimal string', () => {
    expect(majorUnits(10_000_031n, 'EUR')).toBe(100000.31);
    expect(majorUnits(7n, 'EUR')).toBe(0.07);
    expect(majorUnits(1234n, 'JPY')).toBe(1234);
    expect(majorUnits(1234n, 'KWD')).toBe(1.234);
    // 0.1 + 0.2 in floats is 0.30000000000000004; three tranches of 10 and 20 cents are not.
    expect(majorUnits(10n + 20n, 'EUR')).toBe(0.3);
    expect(String(majorUnits(999_999_999_99n, 'EUR'))).toBe('999999999.99');
  });

  it('makes identifiers the way the standard describes', () => {
    expect(grantId('360G-xyztrust', 'MS-2026-0001')).toBe('360G-xyztrust-MS-2026-0001');
    expect(grantId('360G-xyztrust', '123 ABC/7')).toBe('360G-xyztrust-123_ABC_7');
    expect(fallbackRecipientId('360G-xyztrust', 'a1b2')).toBe('360G-xyztrust-a1b2');
  });

  it('lays transactions out in numbered columns after the titled ones', () => {
    const pkg = toPackage({
      funder: { id: 'GB-CHC-1164883', name: 'Trust' },
      grantIdPrefix: '360G-trust',
      programme: { code: 'p1', title: 'Programme' },
      issuedAt: new Date('2026-03-01T10:00:00Z'),
      grants: [
        {
          reference: 'MS-2026-0001',
          title: 'A',
          description: 'a',
          currency: 'EUR',
          awardedMinor: 30n,
          awardDate: '2026-01-02',
          startDate: '2026-01-05',
          endDate: '2026-06-30',
          updatedAt: new Date('2026-02-01T00:00:00Z'),
          recipient: { id: 'GB-COH-01234567', name: 'Team' },
          releasedTranches: [
            { number: 1, amountMinor: 10n, releasedOn: '2026-01-02' },
            { number: 2, amountMinor: 20n, releasedOn: '2026-02-01' },
          ],
        },
      ],
    });
    expect(pkg.grants[0]!.amountDisbursed).toBe(0.3);
    const { header, rows } = toSheet(pkg);
    expect(header.slice(0, 4)).toEqual(['Identifier', 'Title', 'Description', 'Currency']);
    expect(header.slice(-4)).toEqual([
      'disbursementTransaction/1/id',
      'disbursementTransaction/1/transactionDate',
      'disbursementTransaction/1/currency',
      'disbursementTransaction/1/value',
    ]);
    expect(rows[0]!.slice(-4)).toEqual(['360G-trust-MS-2026-0001-T2', '2026-02-01', 'EUR', 0.2]);
  });
});
