import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportLocalizedCsv1796004412421 implements MigrationInterface {
  name = 'ReportLocalizedCsv1796004412421';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report" ADD "localized_csv" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "localized_csv"`);
  }
}
