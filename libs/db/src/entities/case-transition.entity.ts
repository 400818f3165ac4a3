import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/** One transition of a case, written once by the projection activity and never updated. */
@Entity({ name: 'case_transitions' })
export class CaseTransitionEntity {
  // (application, sequence) is the idempotency key: a retried projection inserts nothing new.
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @PrimaryColumn({ type: 'integer' })
  sequence: number;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: ApplicationEntity;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'from_stage', type: 'varchar', length: 64 })
  fromStage: string;

  @Column({ name: 'to_stage', type: 'varchar', length: 64 })
  toStage: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 128 })
  actorId: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'integer' })
  revision: number;

  /** Facts of the action: scores of a review, the award, the deadline of a revision request … */
  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'workflow_id', type: 'varchar', length: 128 })
  workflowId: string;

  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
