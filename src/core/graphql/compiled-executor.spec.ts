import { ignoredByCompiledExecution } from './compiled-executor';

describe('options compiled execution would drop', () => {
  it('names a root value and a default field resolver, and nothing else', () => {
    expect(ignoredByCompiledExecution({})).toEqual([]);
    expect(ignoredByCompiledExecution({ rootValue: {}, introspection: true })).toEqual([
      'rootValue',
    ]);
    expect(
      ignoredByCompiledExecution({ rootValue: () => ({}), fieldResolver: () => null }),
    ).toEqual(['rootValue', 'fieldResolver']);
  });
});
