import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795577548841 implements MigrationInterface {
  name = 'Reports1795577548841';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "requested_by_id" uuid, "kind" character varying(16) NOT NULL, "format" character varying(8) NOT NULL, "language" character varying(2) NOT NULL, "programme_id" uuid, "grant_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'QUEUED', "error" character varying(500), "file_name" character varying(200), "size_bytes" integer, "row_count" integer, "expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_report" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_report_organization_id_created_at" ON "report"  ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "report" ADD CONSTRAINT "fk_report_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" DROP CONSTRAINT "fk_report_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_report_organization_id_created_at"`);
    await queryRunner.query(`DROP TABLE "report"`);
  }
}
