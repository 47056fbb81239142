import { MigrationInterface, QueryRunner } from 'typeorm';

export class CloseOut1795991815072 implements MigrationInterface {
  name = 'CloseOut1795991815072';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refund_claim" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'OPEN', "decision_reason" text, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_refund_claim_grant_id" UNIQUE ("grant_id"), CONSTRAINT "ck_refund_claim_amount_positive" CHECK ("amount_minor" > 0), CONSTRAINT "pk_refund_claim" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "grant" ADD "returned_minor" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "refund_claim" ADD CONSTRAINT "fk_refund_claim_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "refund_claim" DROP CONSTRAINT "fk_refund_claim_grant_id"`,
    );
    await queryRunner.query(`ALTER TABLE "grant" DROP COLUMN "returned_minor"`);
    await queryRunner.query(`DROP TABLE "refund_claim"`);
  }
}
