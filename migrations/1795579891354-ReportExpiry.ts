import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportExpiry1795579891354 implements MigrationInterface {
  name = 'ReportExpiry1795579891354';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_report_status_expires_at" ON "report"  ("status", "expires_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_report_status_expires_at"`);
  }
}
