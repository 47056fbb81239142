import { MigrationInterface, QueryRunner } from 'typeorm';

export class BudgetEngine1795571507322 implements MigrationInterface {
  name = 'BudgetEngine1795571507322';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "amendment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "previous_amount_minor" bigint NOT NULL, "new_amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "reason" character varying(2000) NOT NULL, "decided_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_amendment" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "movement_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "account" character varying(60) NOT NULL, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "source_id" uuid, "memo" character varying(500) NOT NULL DEFAULT '', "actor_person_id" uuid, "actor_api_key_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_ledger_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ledger_entry_movement_id" ON "ledger_entry"  ("movement_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ledger_entry_grant_id_account" ON "ledger_entry"  ("grant_id", "account") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reallocation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "from_line_id" uuid NOT NULL, "to_line_id" uuid NOT NULL, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "reason" character varying(2000) NOT NULL, "status" character varying(16) NOT NULL, "within_tolerance" boolean NOT NULL, "requested_by_id" uuid, "decided_by_id" uuid, "decision_comment" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_reallocation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_reallocation_grant_id_created_at" ON "reallocation"  ("grant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "spend_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "line_id" uuid NOT NULL, "sprint_id" uuid, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "spent_on" date NOT NULL, "note" character varying(2000) NOT NULL DEFAULT '', "receipt_reference" character varying(200), "beyond_tolerance" boolean NOT NULL DEFAULT false, "explanation" character varying(2000), "reported_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_spend_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_spend_entry_grant_id_line_id" ON "spend_entry"  ("grant_id", "line_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("scoped_key" character varying(300) NOT NULL, "request_hash" character(64) NOT NULL, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_idempotency_key" PRIMARY KEY ("scoped_key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "budget_line" ADD "allocated_minor" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "budget_line" ADD "spent_minor" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "budget_line" ADD CONSTRAINT "ck_budget_line_allocated_non_negative" CHECK ("allocated_minor" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "tranche" ADD CONSTRAINT "ck_tranche_amount_non_negative" CHECK ("amount_minor" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "amendment" ADD CONSTRAINT "fk_amendment_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entry" ADD CONSTRAINT "fk_ledger_entry_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reallocation" ADD CONSTRAINT "fk_reallocation_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "spend_entry" ADD CONSTRAINT "fk_spend_entry_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The ledger is append-only: the database refuses to change or delete its entries.
    await queryRunner.query(
      `CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON "ledger_entry" FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ledger_entry_append_only ON "ledger_entry"`);
    await queryRunner.query(`ALTER TABLE "spend_entry" DROP CONSTRAINT "fk_spend_entry_grant_id"`);
    await queryRunner.query(
      `ALTER TABLE "reallocation" DROP CONSTRAINT "fk_reallocation_grant_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entry" DROP CONSTRAINT "fk_ledger_entry_grant_id"`,
    );
    await queryRunner.query(`ALTER TABLE "amendment" DROP CONSTRAINT "fk_amendment_grant_id"`);
    await queryRunner.query(
      `ALTER TABLE "tranche" DROP CONSTRAINT "ck_tranche_amount_non_negative"`,
    );
    await queryRunner.query(
      `ALTER TABLE "budget_line" DROP CONSTRAINT "ck_budget_line_allocated_non_negative"`,
    );
    await queryRunner.query(`ALTER TABLE "budget_line" DROP COLUMN "spent_minor"`);
    await queryRunner.query(`ALTER TABLE "budget_line" DROP COLUMN "allocated_minor"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_spend_entry_grant_id_line_id"`);
    await queryRunner.query(`DROP TABLE "spend_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reallocation_grant_id_created_at"`);
    await queryRunner.query(`DROP TABLE "reallocation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_entry_grant_id_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_entry_movement_id"`);
    await queryRunner.query(`DROP TABLE "ledger_entry"`);
    await queryRunner.query(`DROP TABLE "amendment"`);
  }
}
