import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProofOfUse1796300000001 implements MigrationInterface {
  name = 'ProofOfUse1796300000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "proof_of_use" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'DRAFT', "statement" text NOT NULL DEFAULT '', "submitted_version" integer NOT NULL DEFAULT '0', "submitted_at" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_proof_of_use" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_proof_of_use_final" ON "proof_of_use"  ("grant_id") WHERE "kind" = 'FINAL'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_proof_of_use_grant_id_kind_period_from_period_to" ON "proof_of_use"  ("grant_id", "kind", "period_from", "period_to") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proof_of_use_decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proof_of_use_id" uuid NOT NULL, "version" integer NOT NULL, "decision" character varying(24) NOT NULL, "comment" text NOT NULL DEFAULT '', "decided_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_proof_of_use_decision" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_proof_of_use_decision_proof_of_use_id_created_at" ON "proof_of_use_decision"  ("proof_of_use_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "receipt_rule" character varying(16) NOT NULL DEFAULT 'LISTED'`,
    );
    await queryRunner.query(`ALTER TABLE "report" ADD "proof_of_use_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "proof_of_use" ADD CONSTRAINT "fk_proof_of_use_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proof_of_use" ADD CONSTRAINT "fk_proof_of_use_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proof_of_use_decision" ADD CONSTRAINT "fk_proof_of_use_decision_proof_of_use_id" FOREIGN KEY ("proof_of_use_id") REFERENCES "proof_of_use"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proof_of_use_decision" ADD CONSTRAINT "fk_proof_of_use_decision_decided_by_id" FOREIGN KEY ("decided_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report" ADD CONSTRAINT "fk_report_proof_of_use_id" FOREIGN KEY ("proof_of_use_id") REFERENCES "proof_of_use"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" DROP CONSTRAINT "fk_report_proof_of_use_id"`);
    await queryRunner.query(
      `ALTER TABLE "proof_of_use_decision" DROP CONSTRAINT "fk_proof_of_use_decision_decided_by_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "proof_of_use_decision" DROP CONSTRAINT "fk_proof_of_use_decision_proof_of_use_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "proof_of_use" DROP CONSTRAINT "fk_proof_of_use_created_by_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "proof_of_use" DROP CONSTRAINT "fk_proof_of_use_grant_id"`,
    );
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "proof_of_use_id"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "receipt_rule"`);
    await queryRunner.query(
      `DROP INDEX "public"."ix_proof_of_use_decision_proof_of_use_id_created_at"`,
    );
    await queryRunner.query(`DROP TABLE "proof_of_use_decision"`);
    await queryRunner.query(
      `DROP INDEX "public"."ix_proof_of_use_grant_id_kind_period_from_period_to"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_proof_of_use_final"`);
    await queryRunner.query(`DROP TABLE "proof_of_use"`);
  }
}
