import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A submitted review of one application in one review stage, for the revision it scored. */
@Entity({ name: 'reviews' })
@Index('ix_reviews_reviewer', ['reviewerId'])
export class ReviewEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @PrimaryColumn({ name: 'stage_key', type: 'varchar', length: 64 })
  stageKey: string;

  @PrimaryColumn({ name: 'reviewer_id', type: 'varchar', length: 128 })
  reviewerId: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ name: 'rubric_id', type: 'varchar', length: 64 })
  rubricId: string;

  /** Weighted total as the rubric computes it (two decimals). */
  @Column({
    type: 'numeric',
    precision: 10,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  total: number;

  @Column({ type: 'jsonb' })
  scores: Record<string, number>;

  @Column({ type: 'jsonb' })
  comments: Record<string, string>;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;
}
