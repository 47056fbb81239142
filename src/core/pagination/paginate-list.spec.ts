import { paginateList } from './connection';

describe('paginateList', () => {
  const items = Array.from({ length: 7 }, (_, i) => ({ id: `id-${i}` }));
  const key = (item: { id: string }) => item.id;
  const ids = (page: { nodes: { id: string }[] }) => page.nodes.map((n) => n.id);

  it('pages forward with first/after to the end, each item once', () => {
    const first = paginateList(items, { first: 3 }, key);
    expect(ids(first)).toEqual(['id-0', 'id-1', 'id-2']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.totalCount).toBe(7);
    const second = paginateList(items, { first: 3, after: first.pageInfo.endCursor! }, key);
    expect(ids(second)).toEqual(['id-3', 'id-4', 'id-5']);
    const last = paginateList(items, { first: 3, after: second.pageInfo.endCursor! }, key);
    expect(ids(last)).toEqual(['id-6']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages backward with last/before', () => {
    const end = paginateList(items, { last: 2 }, key);
    expect(ids(end)).toEqual(['id-5', 'id-6']);
    const before = paginateList(items, { last: 2, before: end.pageInfo.startCursor! }, key);
    expect(ids(before)).toEqual(['id-3', 'id-4']);
  });

  it('refuses a cursor it did not give out, and first with last', () => {
    expect(() => paginateList(items, { after: 'bm9wZQ' }, key)).toThrow(/cursor/);
    expect(() =>
      paginateList(items, { after: Buffer.from('["gone"]').toString('base64url') }, key),
    ).toThrow(/cursor/);
    expect(() => paginateList(items, { first: 1, last: 1 }, key)).toThrow(/first/);
  });
});
