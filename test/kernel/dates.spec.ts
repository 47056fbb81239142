// Calendar dates from PostgreSQL stay calendar dates: `date` and `date[]` arrive as `YYYY-MM-DD`
// text whatever the process's time zone, while timestamps still arrive as instants.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';

describe('dates from the database', () => {
  let ds: DataSource;
  const zone = process.env.TZ;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1)).initialize();
  });
  afterAll(async () => {
    process.env.TZ = zone;
    await ds.destroy();
  });

  it.each(['UTC', 'Pacific/Kiritimati', 'America/Adak'])(
    'arrive as their text in %s',
    async (tz) => {
      // West and east of UTC, where local midnight falls on another day in UTC.
      process.env.TZ = tz;
      const [row] = await ds.query<{ d: unknown; ds: unknown; t: unknown }[]>(
        `SELECT '2026-02-28'::date AS d, ARRAY['2026-02-28'::date, NULL, '2024-12-31'::date] AS ds,
                '2026-02-28T10:00:00Z'::timestamptz AS t`,
      );
      expect(row.d).toBe('2026-02-28');
      expect(row.ds).toEqual(['2026-02-28', null, '2024-12-31']);
      expect(row.t).toEqual(new Date('2026-02-28T10:00:00Z'));
    },
  );
});
