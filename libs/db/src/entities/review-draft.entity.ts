import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/**
 * A reviewer's unfinished score sheet for one application in one review stage, saved while they work on it.
 * Only what is on the rubric's scales is kept; submitting still goes through the case workflow, which writes
 * the review to `reviews`. The draft is not deleted then: a submitted review supersedes it (the API answers
 * 404 for a draft once the reviewer's review of the stage exists).
 */
@Entity({ name: 'review_drafts' })
// A reviewer's queue shows which of their assignments have a draft.
@Index('ix_review_drafts_reviewer', ['reviewerId'])
export class ReviewDraftEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: ApplicationEntity;

  @PrimaryColumn({ name: 'stage_key', type: 'varchar', length: 64 })
  stageKey: string;

  @PrimaryColumn({ name: 'reviewer_id', type: 'varchar', length: 128 })
  reviewerId: string;

  /** Criterion id → score, only criteria scored so far. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  scores: Record<string, number>;

  /** Criterion id → comment. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  comments: Record<string, string>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
