import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAndAudit1795787356653 implements MigrationInterface {
  name = 'IdentityAndAudit1795787356653';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_records" (
                "sequence" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "source" character varying(16) NOT NULL,
                "actor_id" character varying(128) NOT NULL,
                "actor_roles" text array NOT NULL,
                "action" character varying(128) NOT NULL,
                "subject_type" character varying(32) NOT NULL,
                "subject_id" character varying(128),
                "summary" jsonb NOT NULL,
                "request_id" character varying(128),
                "workflow_id" character varying(200),
                "run_id" character varying(64),
                "event_key" character varying(300) NOT NULL,
                "previous_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "PK_d001136950a867f5240b67fcbb9" PRIMARY KEY ("sequence")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_records_event_key" ON "audit_records" ("event_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_records_subject" ON "audit_records" ("subject_type", "subject_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE TABLE "password_resets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_password_resets_hash" ON "password_resets" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_password_resets_user" ON "password_resets" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" character varying(32),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254) NOT NULL,
                "display_name" character varying(100) NOT NULL,
                "password_hash" text,
                "roles" text array NOT NULL DEFAULT '{}',
                "scope" character varying(100),
                "failed_sign_ins" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "password_changed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")
        `);
    await queryRunner.query(`
            ALTER TABLE "organization_members"
            ADD "user_id" uuid
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organization_members_user" ON "organization_members" ("user_id")
        `);
    // Written by hand (TypeORM does not generate triggers): the audit trail is append-only for every role the
    // application uses; the hash chain detects what a database owner could still do by switching this off.
    await queryRunner.query(`
            CREATE FUNCTION "audit_records_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_records is append-only (% refused)', TG_OP;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_audit_records_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_records"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_records_append_only"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_audit_records_append_only" ON "audit_records"`);
    await queryRunner.query(`DROP FUNCTION "audit_records_append_only"()`);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organization_members_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization_members" DROP COLUMN "user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_users_email"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_family"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_refresh_tokens_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_password_resets_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_password_resets_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "password_resets"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_records_subject"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_records_event_key"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_records"
        `);
  }
}
