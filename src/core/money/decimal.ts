/**
 * numerator / denominator as an exact decimal string with two places, rounded half away from zero
 * ("3.75", "-33.33"). For shares and scores shown to people; never a float on the way.
 */
export function ratioToDecimal2(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const hundredths = (abs * 200n + denominator) / (denominator * 2n);
  return `${negative && hundredths > 0n ? '-' : ''}${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}
