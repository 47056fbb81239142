import { MigrationInterface, QueryRunner } from 'typeorm';

// Spend a sprint review reported carried an English note ("sprint 2 review, version 1") that German
// readers saw in the budget page, the Belegliste and reports. Its origin is its review_id; readers
// get it in their own language from there, so the generated note is cleared.
export class SpendNoteFromReview1796800000002 implements MigrationInterface {
  name = 'SpendNoteFromReview1796800000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "spend_entry" SET "note" = '' WHERE "review_id" IS NOT NULL AND "note" ~ '^sprint [0-9]+ review, version [0-9]+$'`,
    );
  }

  public async down(): Promise<void> {
    // The version a note named is not kept elsewhere: the notes stay empty.
  }
}
