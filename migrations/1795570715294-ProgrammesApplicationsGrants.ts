import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgrammesApplicationsGrants1795570715294 implements MigrationInterface {
  name = 'ProgrammesApplicationsGrants1795570715294';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "programme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "funder_organization_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "currency" character(3) NOT NULL, "total_budget_minor" bigint NOT NULL, "call_opens_at" TIMESTAMP WITH TIME ZONE, "call_closes_at" TIMESTAMP WITH TIME ZONE, "sprint_length_days" integer NOT NULL, "max_sprints" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "review_template" jsonb NOT NULL DEFAULT '[]', "criteria" jsonb NOT NULL DEFAULT '[]', "reallocation_policy" jsonb NOT NULL, "tranche_policy" jsonb NOT NULL, "reminder_policy" jsonb NOT NULL, "learning_visibility_default" character varying(16) NOT NULL DEFAULT 'PROGRAMME', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_programme" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_programme_status" ON "programme"  ("status") `);
    await queryRunner.query(
      `CREATE INDEX "ix_programme_funder_organization_id_created_at" ON "programme"  ("funder_organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "grantee_organization_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'DRAFT', "title" character varying(200) NOT NULL DEFAULT '', "summary" text NOT NULL DEFAULT '', "problem" text NOT NULL DEFAULT '', "approach" text NOT NULL DEFAULT '', "requested_amount_minor" bigint, "currency" character(3), "budget_lines" jsonb NOT NULL DEFAULT '[]', "sprint_plan" jsonb NOT NULL DEFAULT '[]', "contact_name" character varying(100) NOT NULL DEFAULT '', "contact_email" character varying(254) NOT NULL DEFAULT '', "version" integer NOT NULL DEFAULT '0', "submitted_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "last_decision" character varying(16), "decision_feedback" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_application" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_grantee_organization_id_created_at" ON "application"  ("grantee_organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_programme_id_created_at" ON "application"  ("programme_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "application_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "version" integer NOT NULL, "snapshot" jsonb NOT NULL, "submitted_by_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_application_version_application_id_version" UNIQUE ("application_id", "version"), CONSTRAINT "pk_application_version" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "application_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "reviewer_person_id" uuid NOT NULL, "scores" jsonb NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_application_review_application_id_reviewer_person_id" UNIQUE ("application_id", "reviewer_person_id"), CONSTRAINT "pk_application_review" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(20) NOT NULL, "programme_id" uuid NOT NULL, "application_id" uuid NOT NULL, "funder_organization_id" uuid NOT NULL, "grantee_organization_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "currency" character(3) NOT NULL, "awarded_amount_minor" bigint NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'ACTIVE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_grant_reference" UNIQUE ("reference"), CONSTRAINT "uq_grant_application_id" UNIQUE ("application_id"), CONSTRAINT "pk_grant" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_grant_grantee_organization_id" ON "grant"  ("grantee_organization_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_grant_programme_id" ON "grant"  ("programme_id") `);
    await queryRunner.query(
      `CREATE TABLE "budget_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "position" integer NOT NULL, "category" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "currency" character(3) NOT NULL, "original_amount_minor" bigint NOT NULL, CONSTRAINT "pk_budget_line" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_budget_line_grant_id_position" ON "budget_line"  ("grant_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sprint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "number" integer NOT NULL, "goal" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'PLANNED', CONSTRAINT "uq_sprint_grant_id_number" UNIQUE ("grant_id", "number"), CONSTRAINT "pk_sprint" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "milestone" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sprint_id" uuid NOT NULL, "position" integer NOT NULL, "title" character varying(300) NOT NULL, CONSTRAINT "pk_milestone" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_milestone_sprint_id_position" ON "milestone"  ("sprint_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tranche" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "number" integer NOT NULL, "kind" character varying(16) NOT NULL, "released_by_sprint" integer, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'SCHEDULED', "released_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_tranche_grant_id_number" UNIQUE ("grant_id", "number"), CONSTRAINT "pk_tranche" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "grant_reference_counter" ("year" integer NOT NULL, "last" integer NOT NULL, CONSTRAINT "pk_grant_reference_counter" PRIMARY KEY ("year"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD CONSTRAINT "fk_programme_funder_organization_id" FOREIGN KEY ("funder_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application" ADD CONSTRAINT "fk_application_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application" ADD CONSTRAINT "fk_application_grantee_organization_id" FOREIGN KEY ("grantee_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_version" ADD CONSTRAINT "fk_application_version_application_id" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_review" ADD CONSTRAINT "fk_application_review_application_id" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant" ADD CONSTRAINT "fk_grant_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant" ADD CONSTRAINT "fk_grant_application_id" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant" ADD CONSTRAINT "fk_grant_funder_organization_id" FOREIGN KEY ("funder_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant" ADD CONSTRAINT "fk_grant_grantee_organization_id" FOREIGN KEY ("grantee_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "budget_line" ADD CONSTRAINT "fk_budget_line_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint" ADD CONSTRAINT "fk_sprint_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestone" ADD CONSTRAINT "fk_milestone_sprint_id" FOREIGN KEY ("sprint_id") REFERENCES "sprint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tranche" ADD CONSTRAINT "fk_tranche_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tranche" DROP CONSTRAINT "fk_tranche_grant_id"`);
    await queryRunner.query(`ALTER TABLE "milestone" DROP CONSTRAINT "fk_milestone_sprint_id"`);
    await queryRunner.query(`ALTER TABLE "sprint" DROP CONSTRAINT "fk_sprint_grant_id"`);
    await queryRunner.query(`ALTER TABLE "budget_line" DROP CONSTRAINT "fk_budget_line_grant_id"`);
    await queryRunner.query(
      `ALTER TABLE "grant" DROP CONSTRAINT "fk_grant_grantee_organization_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant" DROP CONSTRAINT "fk_grant_funder_organization_id"`,
    );
    await queryRunner.query(`ALTER TABLE "grant" DROP CONSTRAINT "fk_grant_application_id"`);
    await queryRunner.query(`ALTER TABLE "grant" DROP CONSTRAINT "fk_grant_programme_id"`);
    await queryRunner.query(
      `ALTER TABLE "application_review" DROP CONSTRAINT "fk_application_review_application_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_version" DROP CONSTRAINT "fk_application_version_application_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "application" DROP CONSTRAINT "fk_application_grantee_organization_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "application" DROP CONSTRAINT "fk_application_programme_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" DROP CONSTRAINT "fk_programme_funder_organization_id"`,
    );
    await queryRunner.query(`DROP TABLE "grant_reference_counter"`);
    await queryRunner.query(`DROP TABLE "tranche"`);
    await queryRunner.query(`DROP INDEX "public"."ix_milestone_sprint_id_position"`);
    await queryRunner.query(`DROP TABLE "milestone"`);
    await queryRunner.query(`DROP TABLE "sprint"`);
    await queryRunner.query(`DROP INDEX "public"."ix_budget_line_grant_id_position"`);
    await queryRunner.query(`DROP TABLE "budget_line"`);
    await queryRunner.query(`DROP INDEX "public"."ix_grant_programme_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_grant_grantee_organization_id"`);
    await queryRunner.query(`DROP TABLE "grant"`);
    await queryRunner.query(`DROP TABLE "application_review"`);
    await queryRunner.query(`DROP TABLE "application_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_programme_id_created_at"`);
    await queryRunner.query(
      `DROP INDEX "public"."ix_application_grantee_organization_id_created_at"`,
    );
    await queryRunner.query(`DROP TABLE "application"`);
    await queryRunner.query(`DROP INDEX "public"."ix_programme_funder_organization_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_programme_status"`);
    await queryRunner.query(`DROP TABLE "programme"`);
  }
}
