import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadLetter1796000000001 implements MigrationInterface {
  name = 'DeadLetter1796000000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dead_letter" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" character varying(40) NOT NULL, "job_name" character varying(100) NOT NULL, "job_id" character varying(200) NOT NULL, "payload" jsonb NOT NULL, "organization_id" uuid, "last_error" character varying(1000) NOT NULL, "attempts" integer NOT NULL, "retries" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_retry_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_dead_letter_job_id" UNIQUE ("job_id"), CONSTRAINT "pk_dead_letter" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dead_letter_due" ON "dead_letter" ("next_retry_at") WHERE resolved_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dead_letter_due"`);
    await queryRunner.query(`DROP TABLE "dead_letter"`);
  }
}
