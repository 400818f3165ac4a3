import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrganizationEntity } from './organization.entity';

/** Where an expert sits in the pool: street (街道) preliminary review or the district (区) committee. */
export type ExpertLevel = 'street' | 'district';

/**
 * A review expert (评审专家) in the registry: what they know, whom they work for, and how many cases of one
 * program they agreed to review. Their id is the user id case workflows assign and reviews are signed with.
 */
@Entity({ name: 'experts' })
// Assignment loads the available experts of one level.
@Index('ix_experts_level_available', ['level', 'available'])
// The solver refuses a minimum above the maximum; refusing it here keeps every stored profile solvable.
@Check('ck_experts_loads', '"min_load_per_program" >= 0 AND "min_load_per_program" <= "max_load_per_program"')
@Check('ck_experts_level', `"level" IN ('street', 'district')`)
export class ExpertEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Service category keys, strongest first: the first one earns the highest affinity. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  expertise: string[];

  /** The organization the expert works for: its cases are a derived conflict of interest. */
  @Column({ name: 'affiliation_organization_id', type: 'uuid', nullable: true })
  affiliationOrganizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'affiliation_organization_id' })
  affiliation?: OrganizationEntity;

  @Column({ type: 'varchar', length: 16 })
  level: ExpertLevel;

  /** The street a street-level expert serves; informational, assignment does not restrict by it. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  street: string | null;

  @Column({ name: 'max_load_per_program', type: 'integer' })
  maxLoadPerProgram: number;

  @Column({ name: 'min_load_per_program', type: 'integer', default: 0 })
  minLoadPerProgram: number;

  /** Unavailable experts are left out of new assignments and replacements; current ones stay. */
  @Column({ type: 'boolean', default: true })
  available: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
