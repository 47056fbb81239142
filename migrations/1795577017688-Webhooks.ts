import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1795577017688 implements MigrationInterface {
  name = 'Webhooks1795577017688';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "description" character varying(300) NOT NULL DEFAULT '', "event_types" character varying(40) array NOT NULL, "secret_sealed" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'ENABLED', "disabled_reason" character varying(300), "consecutive_failures" integer NOT NULL DEFAULT '0', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_webhook_endpoint" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_endpoint_organization_id" ON "webhook_endpoint"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_type" character varying(40) NOT NULL, "body" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" character varying(500), "last_duration_ms" integer, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_webhook_delivery_endpoint_id_event_id" UNIQUE ("endpoint_id", "event_id"), CONSTRAINT "pk_webhook_delivery" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_endpoint_id_created_at" ON "webhook_delivery"  ("endpoint_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "fk_webhook_endpoint_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" ADD CONSTRAINT "fk_webhook_delivery_endpoint_id" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery" DROP CONSTRAINT "fk_webhook_delivery_endpoint_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoint" DROP CONSTRAINT "fk_webhook_endpoint_organization_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_endpoint_id_created_at"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_endpoint_organization_id"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
  }
}
