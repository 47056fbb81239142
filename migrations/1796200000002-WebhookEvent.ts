import { MigrationInterface, QueryRunner } from 'typeorm';

/** Published webhook events wait here for their fan-out: the queued job carries the id only. */
export class WebhookEvent1796200000002 implements MigrationInterface {
  name = 'WebhookEvent1796200000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_event" ("id" uuid NOT NULL, "type" character varying(40) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "organization_ids" uuid array NOT NULL, "data" jsonb NOT NULL, CONSTRAINT "pk_webhook_event" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_event"`);
  }
}
