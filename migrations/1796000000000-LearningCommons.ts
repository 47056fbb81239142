import { MigrationInterface, QueryRunner } from 'typeorm';

// The learning commons: funders write learnings about their own programmes (no grant, no sprint),
// a team's consent widens a learning (a funder's ask is kept until answered), public learnings
// carry a licence and the team's choice to be named, organisations mark what helped them, and
// search ranks, highlights, counts facets and finds German compounds.
export class LearningCommons1796000000000 implements MigrationInterface {
  name = 'LearningCommons1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      'grant_id',
      'sprint_id',
      'sprint_number',
      'review_id',
      'review_version',
      'position',
    ])
      await queryRunner.query(`ALTER TABLE "learning" ALTER COLUMN "${column}" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "learning" ADD "author_organization_id" uuid, ADD "funder_organization_id" uuid, ADD "requested_visibility" character varying(16), ADD "requested_at" TIMESTAMP WITH TIME ZONE, ADD "licence" character varying(32) NOT NULL DEFAULT 'CC_BY_4_0', ADD "attribution" character varying(16) NOT NULL DEFAULT 'PSEUDONYMOUS', ADD "published_at" TIMESTAMP WITH TIME ZONE, ADD "helpful_count" integer NOT NULL DEFAULT 0, ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(
      `UPDATE "learning" l SET "author_organization_id" = g."grantee_organization_id", "funder_organization_id" = g."funder_organization_id" FROM "grant" g WHERE g."id" = l."grant_id"`,
    );
    await queryRunner.query(
      `UPDATE "learning" SET "published_at" = "created_at" WHERE "visibility" = 'PUBLIC'`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning" ALTER COLUMN "author_organization_id" SET NOT NULL, ALTER COLUMN "funder_organization_id" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning" ADD CONSTRAINT "fk_learning_author_organization_id" FOREIGN KEY ("author_organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning" ADD CONSTRAINT "fk_learning_funder_organization_id" FOREIGN KEY ("funder_organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // A team's learning belongs to a grant and a sprint; a funder's own learning to neither.
    await queryRunner.query(
      `ALTER TABLE "learning" ADD CONSTRAINT "ck_learning_origin" CHECK (("grant_id" IS NOT NULL AND "sprint_id" IS NOT NULL AND "review_id" IS NOT NULL) OR ("grant_id" IS NULL AND "sprint_id" IS NULL AND "review_id" IS NULL AND "author_organization_id" = "funder_organization_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning" ADD CONSTRAINT "ck_learning_helpful_count" CHECK ("helpful_count" >= 0)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_author_organization_id" ON "learning" ("author_organization_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_funder_organization_id" ON "learning" ("funder_organization_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_learning_published_at" ON "learning" ("published_at") WHERE "visibility" = 'PUBLIC'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_learning_tags" ON "learning" USING gin ("tags")`);

    // "This helped us": one mark per organisation and learning.
    await queryRunner.query(
      `CREATE TABLE "learning_mark" ("learning_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_learning_mark" PRIMARY KEY ("learning_id", "organization_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_mark" ADD CONSTRAINT "fk_learning_mark_learning_id" FOREIGN KEY ("learning_id") REFERENCES "learning"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_mark" ADD CONSTRAINT "fk_learning_mark_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // The commons' vocabulary: every German stem ever written in a learning. Search splits a
    // German compound it is given ("Datenschutzkonzept") at the longest known stems it starts and
    // ends with ("datenschutz", "konzept"), so compounds find their parts. PostgreSQL ships no
    // German compound dictionary (ispell files would have to be installed on the database server),
    // and trigram similarity over whole texts neither ranks well nor stays fast at 100,000 rows;
    // the vocabulary is looked up by primary key, a handful of lookups per query word.
    await queryRunner.query(
      `CREATE TABLE "learning_term" ("term" text NOT NULL, CONSTRAINT "pk_learning_term" PRIMARY KEY ("term"))`,
    );

    // Title weighs most (A), the text next (B), tags least (C): a learning whose title holds the
    // words ranks above one that mentions them once in passing.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION learning_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        body text := concat_ws(' ', NEW.tried, NEW.happened, NEW.learned);
        tags text := array_to_string(NEW.tags, ' ');
      BEGIN
        NEW.search := setweight(to_tsvector('german', coalesce(NEW.title, '')), 'A')
                   || setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
                   || setweight(to_tsvector('german', body), 'B')
                   || setweight(to_tsvector('english', body), 'B')
                   || setweight(to_tsvector('german', tags), 'C')
                   || setweight(to_tsvector('english', tags), 'C');
        IF TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title OR body IS DISTINCT FROM
           concat_ws(' ', OLD.tried, OLD.happened, OLD.learned) THEN
          INSERT INTO learning_term (term)
            SELECT t FROM unnest(tsvector_to_array(to_tsvector('german', concat_ws(' ', NEW.title, body, tags)))) t
             WHERE length(t) BETWEEN 4 AND 40
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`UPDATE "learning" SET "title" = "title"`);
    await queryRunner.query(`
      INSERT INTO learning_term (term)
        SELECT DISTINCT t FROM learning l,
               unnest(tsvector_to_array(to_tsvector('german', concat_ws(' ', l.title, l.tried, l.happened, l.learned, array_to_string(l.tags, ' '))))) t
         WHERE length(t) BETWEEN 4 AND 40
        ON CONFLICT DO NOTHING`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION learning_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE body text := concat_ws(' ', NEW.title, NEW.tried, NEW.happened, NEW.learned,
                                          array_to_string(NEW.tags, ' '));
      BEGIN
        NEW.search := setweight(to_tsvector('german', coalesce(NEW.title, '')), 'A')
                   || setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
                   || to_tsvector('german', body) || to_tsvector('english', body);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TABLE "learning_term"`);
    await queryRunner.query(`DROP TABLE "learning_mark"`);
    await queryRunner.query(`DROP INDEX "ix_learning_tags"`);
    await queryRunner.query(`DROP INDEX "ix_learning_published_at"`);
    await queryRunner.query(`DROP INDEX "ix_learning_funder_organization_id"`);
    await queryRunner.query(`DROP INDEX "ix_learning_author_organization_id"`);
    await queryRunner.query(`DELETE FROM "learning" WHERE "grant_id" IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "learning" DROP CONSTRAINT "ck_learning_helpful_count", DROP CONSTRAINT "ck_learning_origin", DROP CONSTRAINT "fk_learning_funder_organization_id", DROP CONSTRAINT "fk_learning_author_organization_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning" DROP COLUMN "updated_at", DROP COLUMN "helpful_count", DROP COLUMN "published_at", DROP COLUMN "attribution", DROP COLUMN "licence", DROP COLUMN "requested_at", DROP COLUMN "requested_visibility", DROP COLUMN "funder_organization_id", DROP COLUMN "author_organization_id"`,
    );
    for (const column of [
      'grant_id',
      'sprint_id',
      'sprint_number',
      'review_id',
      'review_version',
      'position',
    ])
      await queryRunner.query(`ALTER TABLE "learning" ALTER COLUMN "${column}" SET NOT NULL`);
    await queryRunner.query(`UPDATE "learning" SET "title" = "title"`);
  }
}
