import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795575950336 implements MigrationInterface {
  name = 'Notifications1795575950336';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "body" text NOT NULL, "link" character varying(500) NOT NULL, "dedupe_key" character varying(300) NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_notification_dedupe_key" UNIQUE ("dedupe_key"), CONSTRAINT "pk_notification" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_person_id_organization_id" ON "notification"  ("person_id", "organization_id") WHERE read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_person_id_organization_id_created_at" ON "notification"  ("person_id", "organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preference" ("person_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "email" boolean NOT NULL DEFAULT true, "in_app" boolean NOT NULL DEFAULT true, CONSTRAINT "pk_notification_preference" PRIMARY KEY ("person_id", "kind"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_person_id" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preference" ADD CONSTRAINT "fk_notification_preference_person_id" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_preference" DROP CONSTRAINT "fk_notification_preference_person_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_organization_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_person_id"`,
    );
    await queryRunner.query(`DROP TABLE "notification_preference"`);
    await queryRunner.query(
      `DROP INDEX "public"."ix_notification_person_id_organization_id_created_at"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_notification_person_id_organization_id"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
