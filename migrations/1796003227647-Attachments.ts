import { MigrationInterface, QueryRunner } from 'typeorm';

export class Attachments1796003227647 implements MigrationInterface {
  name = 'Attachments1796003227647';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attachment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "parent_type" character varying(24) NOT NULL, "parent_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "uploaded_by_id" uuid, "file_name" character varying(200) NOT NULL, "content_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_attachment__cdbf05199" CHECK ("size_bytes" > 0), CONSTRAINT "pk_attachment" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_attachment_parent_type_parent_id_created_at" ON "attachment"  ("parent_type", "parent_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "attachment" ADD CONSTRAINT "fk_attachment_organization_id" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "attachment" DROP CONSTRAINT "fk_attachment_organization_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_attachment_parent_type_parent_id_created_at"`);
    await queryRunner.query(`DROP TABLE "attachment"`);
  }
}
