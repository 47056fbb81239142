import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountLifecycle1795991227671 implements MigrationInterface {
  name = 'AccountLifecycle1795991227671';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "email_hash" character(64) NOT NULL, "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_account_request" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_request_kind_ip_created_at" ON "account_request"  ("kind", "ip", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_request_kind_email_hash_created_at" ON "account_request"  ("kind", "email_hash", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "account_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "email" character varying(254) NOT NULL, "previous_email" character varying(254), "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_account_token_token_hash" UNIQUE ("token_hash"), CONSTRAINT "pk_account_token" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_token_person_id_purpose_created_at" ON "account_token"  ("person_id", "purpose", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`,
    );
    // People who signed up before verification existed keep the money decisions they could
    // already make: their accounts count as verified from the day they were created.
    await queryRunner.query(
      `UPDATE "person" SET "email_verified_at" = "created_at" WHERE "anonymized_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD "token_version" integer NOT NULL DEFAULT '1'`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_token" ADD CONSTRAINT "fk_account_token_person_id" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "account_token" DROP CONSTRAINT "fk_account_token_person_id"`,
    );
    await queryRunner.query(`ALTER TABLE "invitation" DROP COLUMN "token_version"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "email_verified_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_token_person_id_purpose_created_at"`);
    await queryRunner.query(`DROP TABLE "account_token"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_request_kind_email_hash_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_request_kind_ip_created_at"`);
    await queryRunner.query(`DROP TABLE "account_request"`);
  }
}
