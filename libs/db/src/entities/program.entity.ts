import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from '../columns';

/** Lifecycle of a program as a whole; its cases move through stages on their own. */
export type ProgramStatus = 'draft' | 'published' | 'closed';

/** A call for proposals or a tender: a process template plus this program's own settings. */
@Entity({ name: 'programs' })
export class ProgramEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  templateKey: string;

  @Column({ name: 'budget_fen', type: 'bigint', transformer: fenTransformer })
  budgetFen: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ProgramStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
