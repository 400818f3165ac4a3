import { Column, Entity, PrimaryColumn } from 'typeorm';
import { fenTransformer } from '../columns';

/**
 * One line of the award proposal the program computes when the decision stage closes: who is funded, in which
 * tier and with how much, or why not and where on the reserve list. Cases learn it once a coordinator confirms.
 */
@Entity({ name: 'award_proposals' })
export class AwardProposalEntity {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId: string;

  @PrimaryColumn({ name: 'stage_key', type: 'varchar', length: 64 })
  stageKey: string;

  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: 'awarded' | 'declined';

  @Column({ type: 'varchar', length: 32, nullable: true })
  tier: string | null;

  @Column({ name: 'amount_fen', type: 'bigint', nullable: true, transformer: fenTransformer })
  amountFen: number | null;

  @Column({ type: 'integer' })
  rank: number;

  @Column({
    type: 'numeric',
    precision: 10,
    scale: 2,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  score: number | null;

  @Column({ name: 'reserve_position', type: 'integer', nullable: true })
  reservePosition: number | null;

  /** Why an unfunded case is not funded: 'budget' or 'rank' (its tier is full). */
  @Column({ name: 'unfunded_reason', type: 'varchar', length: 16, nullable: true })
  unfundedReason: string | null;

  /** Why, for people: the tier and amount, or the reason and the reserve-list place. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'boolean', default: false })
  partial: boolean;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'confirmed_by', type: 'varchar', length: 128, nullable: true })
  confirmedBy: string | null;
}
