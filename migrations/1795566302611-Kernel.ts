import { MigrationInterface, QueryRunner } from 'typeorm';

export class Kernel1795566302611 implements MigrationInterface {
  name = 'Kernel1795566302611';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid, "actor_user_id" uuid, "actor_api_key_id" uuid, "actor_kind" character varying(16) NOT NULL, "action" character varying(100) NOT NULL, "subject_type" character varying(60) NOT NULL, "subject_id" character varying(100) NOT NULL, "before" jsonb, "after" jsonb, "request_id" character varying(128), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_subject_type_subject_id" ON "audit_event"  ("subject_type", "subject_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_organization_id_created_at" ON "audit_event"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "job_name" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "organization_id" uuid, "request_id" character varying(128), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relayed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_outbox_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_event_pending" ON "outbox_event"  ("available_at") WHERE relayed_at IS NULL`,
    );
    // The audit trail is append-only: the database refuses to change or delete its rows.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_append_only ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_is_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_event_pending"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_organization_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_subject_type_subject_id"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
