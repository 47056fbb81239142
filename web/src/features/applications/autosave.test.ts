// The draft's autosave: one save at a time, in order, the newest text last; a failed save is
// kept as unsaved and sent again; flush() answers whether everything typed is saved.
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAutosave } from './autosave';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAutosave', () => {
  it('sends changes made during a save after it, so the newest text is saved last', async () => {
    let text = 'a';
    const sent: string[] = [];
    const pending: ReturnType<typeof deferred>[] = [];
    const { result } = renderHook(() =>
      useAutosave(
        () => text,
        (value) => {
          sent.push(value);
          const d = deferred();
          pending.push(d);
          return d.promise;
        },
        10_000,
      ),
    );
    act(() => result.current.changed());
    let first!: Promise<boolean>;
    act(() => {
      first = result.current.flush();
    });
    expect(result.current.state).toBe('saving');
    text = 'ab';
    act(() => result.current.changed());
    await act(async () => {
      pending[0].resolve();
      await Promise.resolve();
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
      pending[1]?.resolve();
    });
    expect(await first).toBe(true);
    expect(sent).toEqual(['a', 'ab']);
    expect(result.current.state).toBe('saved');
  });

  it('keeps a failed save as unsaved and sends it again', async () => {
    let fail = true;
    const sent: string[] = [];
    const { result } = renderHook(() =>
      useAutosave(
        () => 'draft',
        async (value) => {
          sent.push(value);
          if (fail) throw new Error('offline');
        },
        10_000,
      ),
    );
    act(() => result.current.changed());
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.flush();
    });
    expect(ok).toBe(false);
    expect(result.current.state).toBe('failed');
    fail = false;
    await act(async () => {
      ok = await result.current.flush();
    });
    expect(ok).toBe(true);
    expect(result.current.state).toBe('saved');
    expect(sent).toEqual(['draft', 'draft']);
  });

  it('waits for the pause in typing: re-renders while changed send nothing', async () => {
    const sent: string[] = [];
    const { result, rerender } = renderHook(() =>
      useAutosave(
        () => 'typed',
        async (value) => {
          sent.push(value);
        },
        10_000,
      ),
    );
    act(() => result.current.changed());
    for (let i = 0; i < 5; i++) rerender();
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(sent).toEqual([]);
    expect(result.current.state).toBe('pending');
  });

  it('saves nothing when nothing changed', async () => {
    const sent: string[] = [];
    const { result } = renderHook(() =>
      useAutosave(
        () => 'x',
        async (value) => {
          sent.push(value);
        },
      ),
    );
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.flush();
    });
    expect(ok).toBe(true);
    expect(sent).toEqual([]);
  });
});
