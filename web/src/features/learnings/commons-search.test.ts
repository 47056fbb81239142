// A hand-made link to the commons (or to an organisation's learnings) never ends on the error
// page: the search is read leniently.
import { describe, expect, it } from 'vitest';
import { Route } from '../../routes/commons.index';
import { Route as LearningsRoute } from '../../routes/_app/learnings.index';

function read(search: Record<string, unknown>, route: { options: object } = Route) {
  const schema = (route.options as { validateSearch: unknown }).validateSearch as {
    '~standard': { validate: (value: unknown) => unknown };
  };
  const result = schema['~standard'].validate(search) as {
    value?: unknown;
    issues?: unknown[];
  };
  expect(result.issues).toBeUndefined();
  return result.value;
}

describe("the commons' search in the URL", () => {
  it('keeps a search as it is', () => {
    const id = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
    expect(
      read({ q: 'Datenschutz', kind: 'FAILURE', tag: 'open-data', programme: id, year: 2024 }),
    ).toEqual({ q: 'Datenschutz', kind: 'FAILURE', tag: 'open-data', programme: id, year: 2024 });
  });

  it('cuts a search text longer than the search box allows to its 200 characters', () => {
    expect(read({ q: 'a'.repeat(250) })).toEqual({ q: 'a'.repeat(200) });
  });

  it('does not cut a character written as two code units in half', () => {
    const q = `${'a'.repeat(199)}😀`;
    expect(read({ q })).toEqual({ q: 'a'.repeat(199) });
  });

  it('reads a search for a number as text', () => {
    expect(read({ q: 2024 })).toEqual({ q: '2024' });
  });

  it('leaves out filters it cannot read instead of failing', () => {
    expect(
      read({ q: '  ', kind: 'NONSENSE', tag: 'x'.repeat(41), programme: 'abc', year: 1800 }),
    ).toEqual({});
  });
});

describe("an organisation's learnings: the search in the URL", () => {
  it('cuts the search text and leaves out a scope it cannot read', () => {
    expect(read({ q: 'b'.repeat(300), scope: 'NONSENSE' }, LearningsRoute)).toEqual({
      q: 'b'.repeat(200),
    });
  });
});
