import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CaseState } from '@grantflow/domain';
import { fenTransformer } from '../columns';
import { OrganizationEntity } from './organization.entity';
import { ProgramEntity } from './program.entity';

/**
 * An organization's application to a program: the document (edited as drafts, frozen per revision) and the
 * projection of its case workflow's state. Temporal decides what may happen next; this row records what has.
 */
@Entity({ name: 'applications' })
@Index('ix_applications_program_stage', ['programId', 'stage'])
@Index('ix_applications_next_deadline', ['nextDeadlineAt'], { where: 'terminal IS NULL' })
@Index('ix_applications_program_category_street', ['programId', 'category', 'street'])
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id' })
  program?: ProgramEntity;

  @Index('ix_applications_organization')
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 64 })
  category: string;

  @Column({ type: 'varchar', length: 100 })
  street: string;

  @Column({ name: 'requested_amount_fen', type: 'bigint', transformer: fenTransformer })
  requestedAmountFen: number;

  /** Answers to the program's form, keyed by field. */
  @Column({ type: 'jsonb' })
  form: Record<string, unknown>;

  /** Revision of the document; each submission freezes one. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  /** Current stage as last projected from the case workflow. */
  @Column({ type: 'varchar', length: 64, default: 'draft' })
  stage: string;

  /** Where the case stands inside its stage, e.g. `revision_requested`, `under_review`. */
  @Column({ type: 'varchar', length: 64, default: 'draft' })
  phase: string;

  /** The terminal state once the case has ended (withdrawn, ineligible, …, closed). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  terminal: string | null;

  /** True once the program closed the case's current program-wide stage. */
  @Column({ name: 'stage_closed', type: 'boolean', default: false })
  stageClosed: boolean;

  /** The earliest deadline ahead of the case: its revision, its stage or a report. */
  @Column({ name: 'next_deadline_at', type: 'timestamptz', nullable: true })
  nextDeadlineAt: Date | null;

  @Column({ name: 'award_tier', type: 'varchar', length: 32, nullable: true })
  awardTier: string | null;

  @Column({ name: 'awarded_fen', type: 'bigint', nullable: true, transformer: fenTransformer })
  awardedFen: number | null;

  /** The case workflow's state as of the last projected transition (reviews, tranches, reports …). */
  @Column({ name: 'case_state', type: 'jsonb', nullable: true })
  caseState: CaseState | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 128, nullable: true })
  workflowId: string | null;

  /** Sequence number of the last projected transition; guards against out-of-order projections. */
  @Column({ name: 'last_transition_sequence', type: 'integer', default: 0 })
  lastTransitionSequence: number;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
