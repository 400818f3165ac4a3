import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Legal form of an organization: registered (登记) ones are legal persons, filed (备案) ones are not. */
export type OrganizationKind = 'social_group' | 'private_non_enterprise' | 'foundation' | 'community_filed';

/** A social organization that applies for grants and bids for service contracts. */
@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  // 统一社会信用代码: 18 characters, present for registered organizations only.
  @Index('uq_organizations_credit_code', { unique: true, where: 'credit_code IS NOT NULL' })
  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: OrganizationKind;

  @Column({ type: 'varchar', length: 100 })
  street: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  community: string | null;

  @Column({ name: 'contact_name', type: 'varchar', length: 100, nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
