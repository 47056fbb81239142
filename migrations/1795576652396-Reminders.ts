import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1795576652396 implements MigrationInterface {
  name = 'Reminders1795576652396';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reminder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(200) NOT NULL, "kind" character varying(40) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" uuid NOT NULL, "step" character varying(20) NOT NULL, "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "skipped_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_reminder_key" UNIQUE ("key"), CONSTRAINT "pk_reminder" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reminder_subject_id" ON "reminder"  ("subject_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_sprint_status_end_date" ON "sprint"  ("status", "end_date") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_sprint_status_end_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminder_subject_id"`);
    await queryRunner.query(`DROP TABLE "reminder"`);
  }
}
