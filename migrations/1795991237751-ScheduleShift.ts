import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduleShift1795991237751 implements MigrationInterface {
  name = 'ScheduleShift1795991237751';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "schedule_shift" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "sprint_id" uuid NOT NULL, "sprint_number" integer NOT NULL, "review_id" uuid NOT NULL, "shift_days" integer NOT NULL, "previous_start_date" date NOT NULL, "new_start_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_schedule_shift" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_schedule_shift_grant_id" ON "schedule_shift"  ("grant_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "schedule_shift" ADD CONSTRAINT "fk_schedule_shift_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "schedule_shift" ADD CONSTRAINT "fk_schedule_shift_sprint_id" FOREIGN KEY ("sprint_id") REFERENCES "sprint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "schedule_shift" ADD CONSTRAINT "fk_schedule_shift_review_id" FOREIGN KEY ("review_id") REFERENCES "sprint_review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "schedule_shift" DROP CONSTRAINT "fk_schedule_shift_review_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "schedule_shift" DROP CONSTRAINT "fk_schedule_shift_sprint_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "schedule_shift" DROP CONSTRAINT "fk_schedule_shift_grant_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_schedule_shift_grant_id"`);
    await queryRunner.query(`DROP TABLE "schedule_shift"`);
  }
}
