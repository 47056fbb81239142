import { MigrationInterface, QueryRunner } from 'typeorm';

export class PendingInvitationUnique1795571948994 implements MigrationInterface {
  name = 'PendingInvitationUnique1795571948994';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_pending" ON "invitation"  ("organization_id", "email") WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_pending"`);
  }
}
