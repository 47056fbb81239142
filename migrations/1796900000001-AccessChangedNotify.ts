import { MigrationInterface, QueryRunner } from 'typeorm';

// The API keeps what a session's access looks like in memory (AccessCache). Every change to the
// rows it is made of notifies `access_changed` in the changing transaction, so each API process
// forgets the entries as the change commits: `p:<person id>` for a session, person or membership,
// `o:<organisation id>` for an organisation, `*` (forget everything) when one of them is truncated.
// Only the columns access is read from count. (Sessions with session_replication_role = replica, as
// when restoring a dump, fire no triggers: restart the API after such maintenance.)
export class AccessChangedNotify1796900000001 implements MigrationInterface {
  name = 'AccessChangedNotify1796900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed record;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('access_changed', '*');
          RETURN NULL;
        END IF;
        IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
        IF TG_TABLE_NAME = 'organization' THEN
          PERFORM pg_notify('access_changed', 'o:' || changed.id);
        ELSIF TG_TABLE_NAME = 'person' THEN
          PERFORM pg_notify('access_changed', 'p:' || changed.id);
        ELSE
          PERFORM pg_notify('access_changed', 'p:' || changed.person_id);
          IF TG_OP = 'UPDATE' THEN
            IF OLD.person_id IS DISTINCT FROM NEW.person_id THEN
              PERFORM pg_notify('access_changed', 'p:' || OLD.person_id);
            END IF;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER session_access_changed
        AFTER UPDATE OF revoked_at, expires_at, organization_id, person_id OR DELETE ON session
        FOR EACH ROW EXECUTE FUNCTION access_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER person_access_changed
        AFTER UPDATE OF anonymized_at, platform_admin, email_verified_at OR DELETE ON person
        FOR EACH ROW EXECUTE FUNCTION access_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER membership_access_changed
        AFTER INSERT OR UPDATE OR DELETE ON membership
        FOR EACH ROW EXECUTE FUNCTION access_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER organization_access_changed
        AFTER UPDATE OF kind, form_of_address OR DELETE ON organization
        FOR EACH ROW EXECUTE FUNCTION access_changed()`);
    for (const table of ['session', 'person', 'membership', 'organization'])
      await queryRunner.query(`
        CREATE TRIGGER ${table}_access_truncated AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION access_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['session', 'person', 'membership', 'organization'])
      await queryRunner.query(`DROP TRIGGER ${table}_access_truncated ON ${table}`);
    await queryRunner.query(`DROP TRIGGER organization_access_changed ON organization`);
    await queryRunner.query(`DROP TRIGGER membership_access_changed ON membership`);
    await queryRunner.query(`DROP TRIGGER person_access_changed ON person`);
    await queryRunner.query(`DROP TRIGGER session_access_changed ON session`);
    await queryRunner.query(`DROP FUNCTION access_changed()`);
  }
}
