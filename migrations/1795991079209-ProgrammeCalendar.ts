import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgrammeCalendar1795991079209 implements MigrationInterface {
  name = 'ProgrammeCalendar1795991079209';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "time_zone" character varying(64) NOT NULL DEFAULT 'Europe/Berlin'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "time_zone"`);
  }
}
