import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  CategoryQuota,
  ClaimingSettings,
  CompanyFundingSettings,
  ProcessTemplate,
  ProcurementSettings,
  WorkingDayCalendarData,
} from '@grantflow/domain';
import { fenTransformer } from '../columns';

/** Lifecycle of a program as a whole; its cases move through stages on their own. */
export type ProgramStatus = 'draft' | 'published' | 'finalized';

/** Settings a coordinator edits before publishing. */
export interface ProgramSettings {
  /** Reviewer user ids available to each review stage, by stage key. */
  reviewerPools: Record<string, string[]>;
  /** The program's own category quotas for its award decision, frozen into the template at publishing. */
  categoryQuotas?: CategoryQuota[];
  /** A purchase of services' own settings, applied to its template snapshot when it is published. */
  procurement?: ProcurementSettings;
  /** A public claiming program's list of projects and claim mode (公开认领). */
  claiming?: ClaimingSettings;
  /** A company-funded program's funder and beneficiary group (企业出资); no personal data. */
  companyFunding?: CompanyFundingSettings;
}

/** A call for proposals or a tender: a process template plus this program's own settings. */
@Entity({ name: 'programs' })
export class ProgramEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  templateKey: string;

  /** Test-sized programs run the template with durations in seconds (integration tests, demos). */
  @Column({ name: 'test_sized', type: 'boolean', default: false })
  testSized: boolean;

  @Column({ name: 'budget_fen', type: 'bigint', transformer: fenTransformer })
  budgetFen: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ProgramStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings: ProgramSettings;

  /** When the submission window closes; set before publishing, moved by extensions. */
  @Column({ name: 'submission_closes_at', type: 'timestamptz', nullable: true })
  submissionClosesAt: Date | null;

  /** The template as it was when the program was published; later template edits never reach it. */
  @Column({ name: 'template_snapshot', type: 'jsonb', nullable: true })
  templateSnapshot: ProcessTemplate | null;

  @Column({ name: 'template_version', type: 'integer', nullable: true })
  templateVersion: number | null;

  /** The holiday data its deadlines count on, frozen at publishing. */
  @Column({ name: 'calendar_snapshot', type: 'jsonb', nullable: true })
  calendarSnapshot: WorkingDayCalendarData | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The program-wide stage open now, as the program workflow last reported. */
  @Column({ name: 'current_stage', type: 'varchar', length: 64, nullable: true })
  currentStage: string | null;

  @Column({ name: 'stage_deadline', type: 'timestamptz', nullable: true })
  stageDeadline: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
