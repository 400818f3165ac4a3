import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795782794450 implements MigrationInterface {
  name = 'InitialSchema1795782794450';

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
                "test_sized" boolean NOT NULL DEFAULT false,
                "budget_fen" bigint NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'draft',
                "settings" jsonb NOT NULL DEFAULT '{}',
                "submission_closes_at" TIMESTAMP WITH TIME ZONE,
                "template_snapshot" jsonb,
                "template_version" integer,
                "calendar_snapshot" jsonb,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "current_stage" character varying(64),
                "stage_deadline" TIMESTAMP WITH TIME ZONE,
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
                "phase" character varying(64) NOT NULL DEFAULT 'draft',
                "terminal" character varying(32),
                "stage_closed" boolean NOT NULL DEFAULT false,
                "next_deadline_at" TIMESTAMP WITH TIME ZONE,
                "award_tier" character varying(32),
                "awarded_fen" bigint,
                "case_state" jsonb,
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
            CREATE INDEX "ix_applications_next_deadline" ON "applications" ("next_deadline_at")
            WHERE terminal IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_applications_program_stage" ON "applications" ("program_id", "stage")
        `);
    await queryRunner.query(`
            CREATE TABLE "award_proposals" (
                "program_id" uuid NOT NULL,
                "stage_key" character varying(64) NOT NULL,
                "application_id" uuid NOT NULL,
                "outcome" character varying(16) NOT NULL,
                "tier" character varying(32),
                "amount_fen" bigint,
                "rank" integer NOT NULL,
                "score" numeric(10, 2),
                "reserve_position" integer,
                "unfunded_reason" character varying(16),
                "reason" text NOT NULL,
                "partial" boolean NOT NULL DEFAULT false,
                "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "confirmed_by" character varying(128),
                CONSTRAINT "PK_96a4425d9c0e0525bde513cc5f9" PRIMARY KEY ("program_id", "stage_key", "application_id")
            )
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
                "data" jsonb,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "workflow_id" character varying(128) NOT NULL,
                "run_id" character varying(64) NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4db5bc51e25a974ff63679d112c" PRIMARY KEY ("application_id", "sequence")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "experts" (
                "id" character varying(128) NOT NULL,
                "name" character varying(100) NOT NULL,
                "expertise" text array NOT NULL DEFAULT '{}',
                "affiliation_organization_id" uuid,
                "level" character varying(16) NOT NULL,
                "street" character varying(100),
                "max_load_per_program" integer NOT NULL,
                "min_load_per_program" integer NOT NULL DEFAULT '0',
                "available" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_experts_level" CHECK ("level" IN ('street', 'district')),
                CONSTRAINT "ck_experts_loads" CHECK (
                    "min_load_per_program" >= 0
                    AND "min_load_per_program" <= "max_load_per_program"
                ),
                CONSTRAINT "PK_8ecb9ec7e8b977b177fde797e6a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_experts_level_available" ON "experts" ("level", "available")
        `);
    await queryRunner.query(`
            CREATE TABLE "expert_conflicts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "expert_id" character varying(128) NOT NULL,
                "scope" character varying(16) NOT NULL,
                "program_id" uuid,
                "application_id" uuid,
                "organization_id" uuid,
                "reason" text NOT NULL,
                "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_expert_conflicts_target" CHECK (
                    (
                        "scope" = 'program'
                        AND "program_id" IS NOT NULL
                        AND "application_id" IS NULL
                        AND "organization_id" IS NULL
                    )
                    OR (
                        "scope" = 'case'
                        AND "program_id" IS NOT NULL
                        AND "application_id" IS NOT NULL
                        AND "organization_id" IS NULL
                    )
                    OR (
                        "scope" = 'organization'
                        AND "program_id" IS NULL
                        AND "application_id" IS NULL
                        AND "organization_id" IS NOT NULL
                    )
                ),
                CONSTRAINT "PK_ef4a12ebc375fd2670b32ee1a1e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_expert_conflicts_expert" ON "expert_conflicts" ("expert_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_expert_conflicts_program" ON "expert_conflicts" ("program_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_expert_conflicts_organization" ON "expert_conflicts" ("expert_id", "organization_id")
            WHERE scope = 'organization'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_expert_conflicts_case" ON "expert_conflicts" ("expert_id", "application_id")
            WHERE scope = 'case'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_expert_conflicts_program" ON "expert_conflicts" ("expert_id", "program_id")
            WHERE scope = 'program'
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "recipient_kind" character varying(16) NOT NULL,
                "recipient_id" text NOT NULL,
                "kind" character varying(64) NOT NULL,
                "title_zh" text NOT NULL,
                "title_en" text NOT NULL,
                "body_zh" text NOT NULL,
                "body_en" text NOT NULL,
                "application_id" uuid,
                "program_id" uuid,
                "due_at" TIMESTAMP WITH TIME ZONE,
                "dedupe_key" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notifications_dedupe_key" ON "notifications" ("dedupe_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notifications_recipient_unread" ON "notifications" ("recipient_kind", "recipient_id", "created_at")
            WHERE read_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notifications_recipient_created" ON "notifications" (
                "recipient_kind",
                "recipient_id",
                "created_at",
                "id"
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "organization_members" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "email" character varying(254) NOT NULL,
                "role" character varying(16) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c2b39d5d072886a4d9c8105eb9a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organization_members_email" ON "organization_members" ("organization_id", "email")
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "notification_id" uuid NOT NULL,
                "to_address" character varying(320) NOT NULL,
                "subject" text NOT NULL,
                "body_text" text NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_error" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_messages_pending_due" ON "outbox_messages" ("next_attempt_at")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_outbox_messages_notification_address" ON "outbox_messages" ("notification_id", "to_address")
        `);
    await queryRunner.query(`
            CREATE TABLE "program_events" (
                "program_id" uuid NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "action" character varying(64) NOT NULL,
                "stage_key" character varying(64) NOT NULL DEFAULT '',
                "actor_id" character varying(128) NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_a058f4bb0a463d0f4a2f690f878" PRIMARY KEY (
                    "program_id",
                    "occurred_at",
                    "action",
                    "stage_key"
                )
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "review_drafts" (
                "application_id" uuid NOT NULL,
                "stage_key" character varying(64) NOT NULL,
                "reviewer_id" character varying(128) NOT NULL,
                "scores" jsonb NOT NULL DEFAULT '{}',
                "comments" jsonb NOT NULL DEFAULT '{}',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3780e20f388f6d28e255d8090e6" PRIMARY KEY ("application_id", "stage_key", "reviewer_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_review_drafts_reviewer" ON "review_drafts" ("reviewer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "reviews" (
                "application_id" uuid NOT NULL,
                "stage_key" character varying(64) NOT NULL,
                "reviewer_id" character varying(128) NOT NULL,
                "program_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "rubric_id" character varying(64) NOT NULL,
                "total" numeric(10, 2) NOT NULL,
                "scores" jsonb NOT NULL,
                "comments" jsonb NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_966ec3c305a0633ea53051c199e" PRIMARY KEY ("application_id", "stage_key", "reviewer_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reviews_reviewer" ON "reviews" ("reviewer_id")
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
    await queryRunner.query(`
            ALTER TABLE "experts"
            ADD CONSTRAINT "FK_f9be9d5b14c50d5280c747b56ec" FOREIGN KEY ("affiliation_organization_id") REFERENCES "organizations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts"
            ADD CONSTRAINT "FK_c1174645bdce8c94c2139dbd70d" FOREIGN KEY ("expert_id") REFERENCES "experts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts"
            ADD CONSTRAINT "FK_7bb7b3ce5060d91f5dc96907f3b" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts"
            ADD CONSTRAINT "FK_19ac3ba70947e69ab99cf5bf1e8" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts"
            ADD CONSTRAINT "FK_c00e2a381f0d6c2f8ec6648162d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organization_members"
            ADD CONSTRAINT "FK_7062a4fbd9bab22ffd918e5d3d9" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages"
            ADD CONSTRAINT "FK_6f3961995f8bb537f70eb94c956" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_drafts"
            ADD CONSTRAINT "FK_ec0544cef6c6ba69145a2770ba3" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "review_drafts" DROP CONSTRAINT "FK_ec0544cef6c6ba69145a2770ba3"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP CONSTRAINT "FK_6f3961995f8bb537f70eb94c956"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization_members" DROP CONSTRAINT "FK_7062a4fbd9bab22ffd918e5d3d9"
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts" DROP CONSTRAINT "FK_c00e2a381f0d6c2f8ec6648162d"
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts" DROP CONSTRAINT "FK_19ac3ba70947e69ab99cf5bf1e8"
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts" DROP CONSTRAINT "FK_7bb7b3ce5060d91f5dc96907f3b"
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts" DROP CONSTRAINT "FK_c1174645bdce8c94c2139dbd70d"
        `);
    await queryRunner.query(`
            ALTER TABLE "experts" DROP CONSTRAINT "FK_f9be9d5b14c50d5280c747b56ec"
        `);
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
            DROP INDEX "public"."ix_reviews_reviewer"
        `);
    await queryRunner.query(`
            DROP TABLE "reviews"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_review_drafts_reviewer"
        `);
    await queryRunner.query(`
            DROP TABLE "review_drafts"
        `);
    await queryRunner.query(`
            DROP TABLE "program_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_outbox_messages_notification_address"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_messages_pending_due"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_messages"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organization_members_email"
        `);
    await queryRunner.query(`
            DROP TABLE "organization_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_recipient_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_recipient_unread"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notifications_dedupe_key"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_expert_conflicts_program"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_expert_conflicts_case"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_expert_conflicts_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_expert_conflicts_program"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_expert_conflicts_expert"
        `);
    await queryRunner.query(`
            DROP TABLE "expert_conflicts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_experts_level_available"
        `);
    await queryRunner.query(`
            DROP TABLE "experts"
        `);
    await queryRunner.query(`
            DROP TABLE "case_transitions"
        `);
    await queryRunner.query(`
            DROP TABLE "award_proposals"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_applications_program_stage"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_applications_next_deadline"
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
