import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxTraceparent1796100000001 implements MigrationInterface {
  name = 'OutboxTraceparent1796100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "traceparent" character varying(55)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "traceparent"`);
  }
}
