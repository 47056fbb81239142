import { MigrationInterface, QueryRunner } from 'typeorm';

/** Open grant data (360Giving): organisations' identifiers and the grants a funder publishes. */
export class OpenGrantData1796400000001 implements MigrationInterface {
  name = 'OpenGrantData1796400000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "open_data_profile" ("organization_id" uuid NOT NULL, "org_identifier" character varying(120), "grant_id_prefix" character varying(60), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_open_data_profile" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "grant_publication" ("grant_id" uuid NOT NULL, "publishable" boolean NOT NULL DEFAULT false, "description" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_grant_publication" PRIMARY KEY ("grant_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "open_data_profile" ADD CONSTRAINT "fk_open_data_profile_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_publication" ADD CONSTRAINT "fk_grant_publication_grant_id" FOREIGN KEY ("grant_id") REFERENCES "grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "grant_publication" DROP CONSTRAINT "fk_grant_publication_grant_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "open_data_profile" DROP CONSTRAINT "fk_open_data_profile_organization_id"`,
    );
    await queryRunner.query(`DROP TABLE "grant_publication"`);
    await queryRunner.query(`DROP TABLE "open_data_profile"`);
  }
}
