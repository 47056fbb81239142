import { MigrationInterface, QueryRunner } from 'typeorm';

// The title's own German and English stems beside the whole text's: a small vector kept in the
// row (the whole text's is large and stored out of line), so search can rank many candidates by
// their title without reading each one's full vector.
export class LearningSearchTitle1796700000001 implements MigrationInterface {
  name = 'LearningSearchTitle1796700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "learning" ADD "search_title" tsvector`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION learning_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        body text := concat_ws(' ', NEW.tried, NEW.happened, NEW.learned);
        tags text := array_to_string(NEW.tags, ' ');
      BEGIN
        NEW.search_title := setweight(to_tsvector('german', coalesce(NEW.title, '')), 'A')
                         || setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A');
        NEW.search := NEW.search_title
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(`ALTER TABLE "learning" DROP COLUMN "search_title"`);
  }
}
