import { MigrationInterface, QueryRunner } from 'typeorm';

// The learning commons is read far more often than written (a team writes a few learnings per
// sprint review; every visit to the library searches). With GIN's "fast update" a new learning's
// entries wait in a pending list of up to gin_pending_list_limit (4 MB) that every search reads
// through in full until a vacuum merges it — at 100,000 learnings that list alone cost a search
// more than the index's own posting lists. Without it each write merges its entries at once,
// which costs the rare writer a little and spares every reader.
export class LearningSearchNoPendingList1796800000001 implements MigrationInterface {
  name = 'LearningSearchNoPendingList1796800000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['ix_learning_search', 'ix_learning_tags']) {
      await queryRunner.query(`ALTER INDEX "${index}" SET (fastupdate = off)`);
      await queryRunner.query(`SELECT gin_clean_pending_list('"${index}"'::regclass)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['ix_learning_search', 'ix_learning_tags'])
      await queryRunner.query(`ALTER INDEX "${index}" RESET (fastupdate)`);
  }
}
