import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795567449659 implements MigrationInterface {
  name = 'Identity1795567449659';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" character varying(200) NOT NULL, "recipient" character varying(254) NOT NULL, "subject" character varying(300) NOT NULL, "message_id" character varying(300), "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_mail_delivery_idempotency_key" UNIQUE ("idempotency_key"), CONSTRAINT "pk_mail_delivery" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "slug" character varying(60) NOT NULL, "country" character(2) NOT NULL, "language" character varying(2) NOT NULL DEFAULT 'de', "form_of_address" character varying(3) NOT NULL DEFAULT 'SIE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_organization_slug" UNIQUE ("slug"), CONSTRAINT "pk_organization" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "role" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "invited_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by_id" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_invitation_token_hash" UNIQUE ("token_hash"), CONSTRAINT "pk_invitation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitation_organization_id_email" ON "invitation"  ("organization_id", "email") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_failure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email_hash" character(64) NOT NULL, "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_login_failure" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_login_failure_ip_created_at" ON "login_failure"  ("ip", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_login_failure_email_hash_created_at" ON "login_failure"  ("email_hash", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "display_name" character varying(100) NOT NULL, "language" character varying(2) NOT NULL DEFAULT 'de', "password_hash" character varying(255), "platform_admin" boolean NOT NULL DEFAULT false, "anonymized_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_person_email" UNIQUE ("email"), CONSTRAINT "pk_person" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_membership" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_membership_organization_id_role" ON "membership"  ("organization_id", "role") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_membership_person_id_organization_id" ON "membership"  ("person_id", "organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "organization_id" uuid, "user_agent" character varying(500), "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), CONSTRAINT "pk_session" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_session_person_id" ON "session"  ("person_id") `);
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_refresh_token_token_hash" UNIQUE ("token_hash"), CONSTRAINT "pk_refresh_token" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_token_session_id" ON "refresh_token"  ("session_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character(64) NOT NULL, "scopes" character varying(16) array NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_api_key_prefix" UNIQUE ("prefix"), CONSTRAINT "pk_api_key" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_api_key_organization_id" ON "api_key"  ("organization_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_person_id" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "fk_session_person_id" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "fk_refresh_token_session_id" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "fk_api_key_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "fk_api_key_organization_id"`);
    await queryRunner.query(
      `ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_session_id"`,
    );
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "fk_session_person_id"`);
    await queryRunner.query(
      `ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_organization_id"`,
    );
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_person_id"`);
    await queryRunner.query(
      `ALTER TABLE "invitation" DROP CONSTRAINT "fk_invitation_organization_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_api_key_organization_id"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_session_id"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."ix_session_person_id"`);
    await queryRunner.query(`DROP TABLE "session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_membership_person_id_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_membership_organization_id_role"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_failure_email_hash_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_failure_ip_created_at"`);
    await queryRunner.query(`DROP TABLE "login_failure"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_organization_id_email"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP TABLE "mail_delivery"`);
  }
}
