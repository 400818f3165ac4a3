import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One link of the append-only audit trail. Each record's hash covers its content and the previous record's
 * hash, so editing or deleting any record breaks every later link (`verifyAuditChain` finds the first).
 * Records name people by user id only; what was decided is summarised, personal data stays in its own tables.
 */
@Entity({ name: 'audit_records' })
@Index('ix_audit_records_subject', ['subjectType', 'subjectId', 'sequence'])
export class AuditRecordEntity {
  /** Position in the chain, assigned under the chain lock: contiguous from 1. */
  @PrimaryColumn({ type: 'bigint' })
  sequence: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** `request` (an API call that changes state) or `transition` (a workflow moving a case or program). */
  @Column({ type: 'varchar', length: 16 })
  source: 'request' | 'transition';

  @Column({ name: 'actor_id', type: 'varchar', length: 128 })
  actorId: string;

  @Column({ name: 'actor_roles', type: 'text', array: true })
  actorRoles: string[];

  @Column({ type: 'varchar', length: 128 })
  action: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 128, nullable: true })
  subjectId: string | null;

  /** Before/after summary: stages, status codes, amounts; never free text written by applicants. */
  @Column({ type: 'jsonb' })
  summary: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, nullable: true })
  workflowId: string | null;

  @Column({ name: 'run_id', type: 'varchar', length: 64, nullable: true })
  runId: string | null;

  /** Identifies the event so that a retried activity or request appends it once (e.g. `case:<id>:<seq>`). */
  @Index('uq_audit_records_event_key', { unique: true })
  @Column({ name: 'event_key', type: 'varchar', length: 300 })
  eventKey: string;

  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
