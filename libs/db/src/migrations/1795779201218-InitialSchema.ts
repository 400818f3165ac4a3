import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795779201218 implements MigrationInterface {
  name = 'InitialSchema1795779201218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "credit_code" character varying(18),
                "kind" character varying(32) NOT NULL,
                "street" character varying(100) NOT NULL,
                "community" character varying(100),
                "contact_name" character varying(100),
                "contact_phone" character varying(32),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organizations_credit_code" ON "organizations" ("credit_code")
            WHERE credit_code IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "programs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "template_key" character varying(64) NOT NULL,
                "budget_fen" bigint NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'draft',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d43c664bcaafc0e8a06dfd34e05" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "applications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "program_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "category" character varying(64) NOT NULL,
                "street" character varying(100) NOT NULL,
                "requested_amount_fen" bigint NOT NULL,
                "form" jsonb NOT NULL,
                "revision" integer NOT NULL DEFAULT '1',
                "stage" character varying(64) NOT NULL DEFAULT 'draft',
                "workflow_id" character varying(128),
                "last_transition_sequence" integer NOT NULL DEFAULT '0',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_applications_organization" ON "applications" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_applications_program_category_street" ON "applications" ("program_id", "category", "street")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_applications_program_stage" ON "applications" ("program_id", "stage")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_transitions" (
                "application_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "action" character varying(64) NOT NULL,
                "from_stage" character varying(64) NOT NULL,
                "to_stage" character varying(64) NOT NULL,
                "actor_id" character varying(128) NOT NULL,
                "reason" text,
                "revision" integer NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "workflow_id" character varying(128) NOT NULL,
                "run_id" character varying(64) NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4db5bc51e25a974ff63679d112c" PRIMARY KEY ("application_id", "sequence")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "FK_1cb4cb9e96a4bcfc8eb05756d13" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "FK_8808eef8dd417f90bcf91cb9fb6" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_transitions"
            ADD CONSTRAINT "FK_266bc6f4e752818ac2265e9e9a7" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_transitions" DROP CONSTRAINT "FK_266bc6f4e752818ac2265e9e9a7"
        `);
    await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "FK_8808eef8dd417f90bcf91cb9fb6"
        `);
    await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "FK_1cb4cb9e96a4bcfc8eb05756d13"
        `);
    await queryRunner.query(`
            DROP TABLE "case_transitions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_applications_program_stage"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_applications_program_category_street"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_applications_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "applications"
        `);
    await queryRunner.query(`
            DROP TABLE "programs"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organizations_credit_code"
        `);
    await queryRunner.query(`
            DROP TABLE "organizations"
        `);
  }
}
