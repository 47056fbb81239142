// Calendar dates from PostgreSQL stay calendar dates: `date` and `date[]` arrive as `YYYY-MM-DD`
// text, not as Dates at the process's local midnight, while timestamps still arrive as instants.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';

describe('dates from the database', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1)).initialize();
  });
  afterAll(() => ds.destroy());

  it('arrive as their text; timestamps as Dates', async () => {
    const [row] = await ds.query<{ d: unknown; ds: unknown; t: unknown }[]>(
      `SELECT '2026-02-28'::date AS d, ARRAY['2026-02-28'::date, NULL, '2024-12-31'::date] AS ds,
              '2026-02-28T10:00:00Z'::timestamptz AS t`,
    );
    expect(row.d).toBe('2026-02-28');
    expect(row.ds).toEqual(['2026-02-28', null, '2024-12-31']);
    expect(row.t).toEqual(new Date('2026-02-28T10:00:00Z'));
  });
});
