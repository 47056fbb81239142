// One idempotency key per person's action on a money form: a retry of the same values (after a
// network failure, a double click) sends the same key, so the API applies the action once; changed
// values or a finished action get a new key.
import { useRef } from 'react';

function newKey(): string {
  return `web-${crypto.randomUUID()}`;
}

export function useIdempotencyKey() {
  const last = useRef<{ values: string; key: string } | null>(null);
  return {
    /** The key for sending `values`: the previous one while the values are the same. */
    keyFor(values: unknown): string {
      const text = JSON.stringify(values);
      if (!last.current || last.current.values !== text)
        last.current = { values: text, key: newKey() };
      return last.current.key;
    },
    /** The action went through: the next one is a new action. */
    done(): void {
      last.current = null;
    },
  };
}
