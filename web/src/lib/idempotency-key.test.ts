import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useIdempotencyKey } from './idempotency-key';

describe('useIdempotencyKey', () => {
  it('keeps the key while the same values are sent again, and makes a new one otherwise', () => {
    const { result } = renderHook(() => useIdempotencyKey());
    const first = result.current.keyFor({ amount: 100 });
    expect(first).toMatch(/^[A-Za-z0-9_.:-]{1,100}$/);
    // A retry of the same action (a network failure, a double click) sends the same key.
    expect(result.current.keyFor({ amount: 100 })).toBe(first);
    // Other values are another action.
    const second = result.current.keyFor({ amount: 200 });
    expect(second).not.toBe(first);
    // Once an action went through, sending the same values again is a new action.
    result.current.done();
    expect(result.current.keyFor({ amount: 200 })).not.toBe(second);
  });
});
