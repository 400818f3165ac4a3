import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One step of a program's calendar: a stage opened, extended, closed; written once by the program workflow. */
@Entity({ name: 'program_events' })
export class ProgramEventEntity {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId: string;

  // (program, occurred_at, action, stage) identifies an event; a retried projection inserts nothing new.
  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  action: string;

  @PrimaryColumn({ name: 'stage_key', type: 'varchar', length: 64, default: '' })
  stageKey: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 128 })
  actorId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;
}
