import { MigrationInterface, QueryRunner } from 'typeorm';

export class SprintCycle1795575259397 implements MigrationInterface {
  name = 'SprintCycle1795575259397';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "learning" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "sprint_id" uuid NOT NULL, "sprint_number" integer NOT NULL, "review_id" uuid NOT NULL, "review_version" integer NOT NULL, "position" integer NOT NULL, "title" character varying(200) NOT NULL, "tried" text NOT NULL, "happened" text NOT NULL, "learned" text NOT NULL, "kind" character varying(16) NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "visibility" character varying(16) NOT NULL, "search" tsvector, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_learning" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_visibility_created_at" ON "learning"  ("visibility", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_programme_id_visibility" ON "learning"  ("programme_id", "visibility") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_grant_id_created_at" ON "learning"  ("grant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "change_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "sprint_id" uuid, "kind" character varying(20) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'OPEN', "description" text NOT NULL, "requested_end_date" date, "previous_end_date" date, "other_funding_source" character varying(300), "other_funding_amount_minor" bigint, "other_funding_currency" character(3), "filed_by_id" uuid, "decided_by_id" uuid, "decision_comment" text, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_change_notice" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_change_notice_grant_id_created_at" ON "change_notice"  ("grant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sprint_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "sprint_id" uuid NOT NULL, "draft" jsonb NOT NULL, "submitted_version" integer NOT NULL DEFAULT '0', "final" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_sprint_review_sprint_id" UNIQUE ("sprint_id"), CONSTRAINT "pk_sprint_review" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_sprint_review_grant_id" ON "sprint_review"  ("grant_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sprint_review_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "number" integer NOT NULL, "content" jsonb NOT NULL, "plan_before" jsonb, "final" boolean NOT NULL DEFAULT false, "submitted_by_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_sprint_review_version_review_id_number" UNIQUE ("review_id", "number"), CONSTRAINT "pk_sprint_review_version" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "review_decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "version" integer NOT NULL, "decision" character varying(20) NOT NULL, "comment" text NOT NULL, "decided_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_review_decision" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_review_decision_review_id" ON "review_decision"  ("review_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "version" integer NOT NULL, "author_id" uuid, "organization_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_review_comment" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_review_comment_review_id_created_at" ON "review_comment"  ("review_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grant_id" uuid NOT NULL, "sprint_id" uuid NOT NULL, "sprint_number" integer NOT NULL, "review_id" uuid NOT NULL, "before" jsonb NOT NULL, "after" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_plan_change" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_plan_change_grant_id" ON "plan_change"  ("grant_id") `,
    );
    await queryRunner.query(`ALTER TABLE "grant" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tranche" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "spend_entry" ADD "review_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "learning" ADD CONSTRAINT "fk_learning_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning" ADD CONSTRAINT "fk_learning_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning" ADD CONSTRAINT "fk_learning_sprint_id" FOREIGN KEY ("sprint_id") REFERENCES "sprint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_notice" ADD CONSTRAINT "fk_change_notice_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_notice" ADD CONSTRAINT "fk_change_notice_sprint_id" FOREIGN KEY ("sprint_id") REFERENCES "sprint"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_notice" ADD CONSTRAINT "fk_change_notice_filed_by_id" FOREIGN KEY ("filed_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_notice" ADD CONSTRAINT "fk_change_notice_decided_by_id" FOREIGN KEY ("decided_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint_review" ADD CONSTRAINT "fk_sprint_review_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint_review" ADD CONSTRAINT "fk_sprint_review_sprint_id" FOREIGN KEY ("sprint_id") REFERENCES "sprint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint_review_version" ADD CONSTRAINT "fk_sprint_review_version_review_id" FOREIGN KEY ("review_id") REFERENCES "sprint_review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint_review_version" ADD CONSTRAINT "fk_sprint_review_version_submitted_by_id" FOREIGN KEY ("submitted_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_decision" ADD CONSTRAINT "fk_review_decision_review_id" FOREIGN KEY ("review_id") REFERENCES "sprint_review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_decision" ADD CONSTRAINT "fk_review_decision_decided_by_id" FOREIGN KEY ("decided_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_comment" ADD CONSTRAINT "fk_review_comment_review_id" FOREIGN KEY ("review_id") REFERENCES "sprint_review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_comment" ADD CONSTRAINT "fk_review_comment_author_id" FOREIGN KEY ("author_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_comment" ADD CONSTRAINT "fk_review_comment_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_change" ADD CONSTRAINT "fk_plan_change_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_change" ADD CONSTRAINT "fk_plan_change_sprint_id" FOREIGN KEY ("sprint_id") REFERENCES "sprint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_change" ADD CONSTRAINT "fk_plan_change_review_id" FOREIGN KEY ("review_id") REFERENCES "sprint_review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ix_learning_review_id_position" ON "learning" ("review_id", "position") `,
    );
    // Full-text search over learnings in German and English, kept current by a trigger
    // (array_to_string is not immutable, so a generated column cannot hold it).
    await queryRunner.query(`
      CREATE FUNCTION learning_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE body text := concat_ws(' ', NEW.title, NEW.tried, NEW.happened, NEW.learned,
                                          array_to_string(NEW.tags, ' '));
      BEGIN
        NEW.search := setweight(to_tsvector('german', coalesce(NEW.title, '')), 'A')
                   || setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
                   || to_tsvector('german', body) || to_tsvector('english', body);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER learning_search BEFORE INSERT OR UPDATE ON "learning" FOR EACH ROW EXECUTE FUNCTION learning_search_update()`,
    );
    await queryRunner.query(`CREATE INDEX "ix_learning_search" ON "learning" USING gin ("search")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_learning_search"`);
    await queryRunner.query(`DROP INDEX "ix_learning_review_id_position"`);
    await queryRunner.query(`DROP TRIGGER learning_search ON "learning"`);
    await queryRunner.query(`DROP FUNCTION learning_search_update()`);
    await queryRunner.query(`ALTER TABLE "plan_change" DROP CONSTRAINT "fk_plan_change_review_id"`);
    await queryRunner.query(`ALTER TABLE "plan_change" DROP CONSTRAINT "fk_plan_change_sprint_id"`);
    await queryRunner.query(`ALTER TABLE "plan_change" DROP CONSTRAINT "fk_plan_change_grant_id"`);
    await queryRunner.query(
      `ALTER TABLE "review_comment" DROP CONSTRAINT "fk_review_comment_organization_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_comment" DROP CONSTRAINT "fk_review_comment_author_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_comment" DROP CONSTRAINT "fk_review_comment_review_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_decision" DROP CONSTRAINT "fk_review_decision_decided_by_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_decision" DROP CONSTRAINT "fk_review_decision_review_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint_review_version" DROP CONSTRAINT "fk_sprint_review_version_submitted_by_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint_review_version" DROP CONSTRAINT "fk_sprint_review_version_review_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint_review" DROP CONSTRAINT "fk_sprint_review_sprint_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sprint_review" DROP CONSTRAINT "fk_sprint_review_grant_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_notice" DROP CONSTRAINT "fk_change_notice_decided_by_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_notice" DROP CONSTRAINT "fk_change_notice_filed_by_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_notice" DROP CONSTRAINT "fk_change_notice_sprint_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "change_notice" DROP CONSTRAINT "fk_change_notice_grant_id"`,
    );
    await queryRunner.query(`ALTER TABLE "learning" DROP CONSTRAINT "fk_learning_sprint_id"`);
    await queryRunner.query(`ALTER TABLE "learning" DROP CONSTRAINT "fk_learning_programme_id"`);
    await queryRunner.query(`ALTER TABLE "learning" DROP CONSTRAINT "fk_learning_grant_id"`);
    await queryRunner.query(`ALTER TABLE "spend_entry" DROP COLUMN "review_id"`);
    await queryRunner.query(`ALTER TABLE "tranche" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE "grant" DROP COLUMN "closed_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_change_grant_id"`);
    await queryRunner.query(`DROP TABLE "plan_change"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_comment_review_id_created_at"`);
    await queryRunner.query(`DROP TABLE "review_comment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_decision_review_id"`);
    await queryRunner.query(`DROP TABLE "review_decision"`);
    await queryRunner.query(`DROP TABLE "sprint_review_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sprint_review_grant_id"`);
    await queryRunner.query(`DROP TABLE "sprint_review"`);
    await queryRunner.query(`DROP INDEX "public"."ix_change_notice_grant_id_created_at"`);
    await queryRunner.query(`DROP TABLE "change_notice"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_grant_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_programme_id_visibility"`);
    await queryRunner.query(`DROP INDEX "public"."ix_learning_visibility_created_at"`);
    await queryRunner.query(`DROP TABLE "learning"`);
  }
}
