import { describe, expect, it } from 'vitest';
import { tranchePreview } from './tranche-preview';

const policy = { awardSharePercent: 30, releaseOnAcceptedReview: true, finalHoldbackPercent: 10 };
const rows = (t: ReturnType<typeof tranchePreview>) =>
  t?.map((x) => [x.kind, x.sprint, x.minor]) ?? null;

describe('tranche preview', () => {
  it('pays a share at award, funds each next sprint on acceptance and holds back the rest', () => {
    expect(rows(tranchePreview(100_000_00n, 4, policy))).toEqual([
      ['AWARD', null, 30_000_00n],
      ['SPRINT', 1, 20_000_00n],
      ['SPRINT', 2, 20_000_00n],
      ['SPRINT', 3, 20_000_00n],
      ['HOLDBACK', 4, 10_000_00n],
    ]);
  });

  it('puts the middle share into the award tranche for one sprint or without review releases', () => {
    expect(rows(tranchePreview(1000n, 1, policy))).toEqual([
      ['AWARD', null, 900n],
      ['HOLDBACK', 1, 100n],
    ]);
    expect(rows(tranchePreview(1000n, 3, { ...policy, releaseOnAcceptedReview: false }))).toEqual([
      ['AWARD', null, 900n],
      ['HOLDBACK', 3, 100n],
    ]);
  });

  it('splits odd amounts exactly, the cents going where the remainders are largest', () => {
    const plan = tranchePreview(100n, 4, policy)!;
    expect(plan.map((t) => t.minor)).toEqual([30n, 20n, 20n, 20n, 10n]);
    const odd = tranchePreview(1001n, 4, { ...policy, finalHoldbackPercent: 0 })!;
    expect(odd.reduce((s, t) => s + t.minor, 0n)).toBe(1001n);
  });

  it('refuses shares above 100 % and empty amounts', () => {
    expect(tranchePreview(1000n, 3, { ...policy, awardSharePercent: 95 })).toBeNull();
    expect(tranchePreview(0n, 3, policy)).toBeNull();
  });

  it('always adds up to the amount (random policies)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 500; i++) {
      const award = rand(101);
      const holdback = rand(101 - award);
      const amount = BigInt(rand(10_000_000)) + 1n;
      const plan = tranchePreview(amount, rand(24) + 1, {
        awardSharePercent: award,
        finalHoldbackPercent: holdback,
        releaseOnAcceptedReview: rand(2) === 1,
      });
      if (award + holdback === 0 && plan === null) continue;
      expect(plan!.reduce((s, t) => s + t.minor, 0n)).toBe(amount);
      expect(plan!.every((t) => t.minor > 0n)).toBe(true);
    }
  });
});
