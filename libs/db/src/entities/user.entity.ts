import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person who signs in. Staff roles (`reviewer`, `coordinator:street`, `leadership`…) are granted here;
 * acting for an organization comes from membership (`organization_members.user_id`), not from a role.
 */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored trimmed and lower-cased, so that one mailbox is one account whatever the caller typed. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  /** argon2id PHC string; null until the person sets a password through an invitation link. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: string[];

  /** Street or community a coordinator or leader acts within; null means the whole district. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  scope: string | null;

  /** Consecutive failed sign-ins; reset by a successful one. */
  @Column({ name: 'failed_sign_ins', type: 'integer', default: 0 })
  failedSignIns: number;

  /** Sign-in is refused until then after too many failures, on every API instance alike. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
