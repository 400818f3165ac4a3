import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConflictsDeclaredInReview1795787471408 implements MigrationInterface {
  name = 'ConflictsDeclaredInReview1795787471408';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts"
            ADD "declared_in_stage" character varying(64)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "expert_conflicts" DROP COLUMN "declared_in_stage"
        `);
  }
}
