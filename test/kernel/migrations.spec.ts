// Every migration runs up and down on an empty database, and up again.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { startApi } from '../helpers/api';
import { createDatabase, databaseUrl, dropDatabase } from '../setup/test-database';

describe('migrations', () => {
  const name = `${process.env.TEST_DATABASE_NAME}_empty`;
  let ds: DataSource;

  beforeAll(async () => {
    await createDatabase(name);
    ds = new DataSource(dataSourceOptions(databaseUrl(name), 2));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await dropDatabase(name);
  });

  const tables = async (): Promise<string[]> =>
    (
      await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration' ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  it('run up, down to nothing, and up again', async () => {
    expect(await tables()).toEqual([]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(ds.migrations.length);
    expect(await tables()).toEqual(expect.arrayContaining(['audit_event', 'outbox_event']));

    for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);

    await ds.runMigrations({ transaction: 'each' });
    expect((await tables()).length).toBeGreaterThan(0);
  });

  it('leaves nothing for the entities to add (the migrations match the code)', async () => {
    // The application's own entity set, on the migrated database of this test file.
    const api = await startApi();
    try {
      const pending = await api.app.get(DataSource).driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('keeps the audit trail append-only', async () => {
    await ds.query(
      `INSERT INTO audit_event (actor_kind, action, subject_type, subject_id) VALUES ('system', 'test', 'test', '1')`,
    );
    await expect(ds.query(`UPDATE audit_event SET action = 'changed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });
});
