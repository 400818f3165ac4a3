import {
  Check,
  CreateDateColumn,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { ExpertEntity } from './expert.entity';
import { OrganizationEntity } from './organization.entity';
import { ProgramEntity } from './program.entity';

/** What a declared conflict covers: a whole program, one case, or every case of one organization. */
export type ExpertConflictScope = 'program' | 'case' | 'organization';

/**
 * A conflict of interest an expert declared (回避申报), in the registry or by recusing from a case during review.
 * Assignment excludes the expert from everything the
 * conflict covers; conflicts derived from the expert's own organization are not stored, they follow the profile.
 */
@Entity({ name: 'expert_conflicts' })
// One declaration per expert and target: declaring the same conflict twice is refused.
@Index('uq_expert_conflicts_program', ['expertId', 'programId'], { unique: true, where: "scope = 'program'" })
@Index('uq_expert_conflicts_case', ['expertId', 'applicationId'], { unique: true, where: "scope = 'case'" })
@Index('uq_expert_conflicts_organization', ['expertId', 'organizationId'], {
  unique: true,
  where: "scope = 'organization'",
})
// Assignment reads a program's declarations, case ones included (they carry their program too).
@Index('ix_expert_conflicts_program', ['programId'])
// Exactly the target of the scope is set (a case conflict also records its program, for that lookup).
@Check(
  'ck_expert_conflicts_target',
  `("scope" = 'program' AND "program_id" IS NOT NULL AND "application_id" IS NULL AND "organization_id" IS NULL)
    OR ("scope" = 'case' AND "program_id" IS NOT NULL AND "application_id" IS NOT NULL AND "organization_id" IS NULL)
    OR ("scope" = 'organization' AND "program_id" IS NULL AND "application_id" IS NULL AND "organization_id" IS NOT NULL)`,
)
export class ExpertConflictEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_expert_conflicts_expert')
  @Column({ name: 'expert_id', type: 'varchar', length: 128 })
  expertId: string;

  @ManyToOne(() => ExpertEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'expert_id' })
  expert?: ExpertEntity;

  @Column({ type: 'varchar', length: 16 })
  scope: ExpertConflictScope;

  @Column({ name: 'program_id', type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne(() => ProgramEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: ProgramEntity;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: ApplicationEntity;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ type: 'text' })
  reason: string;

  /**
   * The review stage in which the expert, already on the case's panel, recused (a case conflict written by the
   * case projection); null when the expert declared the conflict in the registry.
   */
  @Column({ name: 'declared_in_stage', type: 'varchar', length: 64, nullable: true })
  declaredInStage: string | null;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;
}
