import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each submitted version keeps the decision on it and the funder's feedback, so the job that tells
 * the grantee carries ids only and reads the feedback of that decision from the database.
 */
export class ApplicationVersionDecision1796200000001 implements MigrationInterface {
  name = 'ApplicationVersionDecision1796200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "application_version" ADD "decision" character varying(16)`,
    );
    await queryRunner.query(`ALTER TABLE "application_version" ADD "decision_feedback" text`);
    // Versions decided before: the application's last decision belongs to its current version.
    await queryRunner.query(
      `UPDATE "application_version" v
          SET "decision" = a."last_decision", "decision_feedback" = a."decision_feedback"
         FROM "application" a
        WHERE a."id" = v."application_id" AND a."version" = v."version"
          AND a."last_decision" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application_version" DROP COLUMN "decision_feedback"`);
    await queryRunner.query(`ALTER TABLE "application_version" DROP COLUMN "decision"`);
  }
}
