import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who a notification is for; mirrors `NotificationRecipientKind` in `libs/contracts`. */
export type NotificationRecipientKindColumn = 'organization' | 'user' | 'role';

/**
 * An in-app notification: one recipient told one thing (new stage, revision requested, deadline near,
 * decision...). Written once by the `notify` activity, in both languages, and only marked read afterwards.
 */
@Entity({ name: 'notifications' })
// The inbox query: one recipient's notifications newest first (a backward scan serves DESC), id breaking ties.
@Index('ix_notifications_recipient_created', ['recipientKind', 'recipientId', 'createdAt', 'id'])
// The unread badge and the "unread only" filter stay small however long the history grows.
@Index('ix_notifications_recipient_unread', ['recipientKind', 'recipientId', 'createdAt'], {
  where: 'read_at IS NULL',
})
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_kind', type: 'varchar', length: 16 })
  recipientKind: NotificationRecipientKindColumn;

  /** Organization id, user id, or role with optional scope (`coordinator:street:紫阳街道`). */
  @Column({ name: 'recipient_id', type: 'text' })
  recipientId: string;

  /** Stable code such as `stage_opened` or `deadline_near`. */
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ name: 'title_zh', type: 'text' })
  titleZh: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn: string;

  @Column({ name: 'body_zh', type: 'text' })
  bodyZh: string;

  @Column({ name: 'body_en', type: 'text' })
  bodyEn: string;

  // No foreign keys to applications or programs: a notification is a record of what was said, and a
  // missing case must not make the activity that says it fail forever.
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ name: 'program_id', type: 'uuid', nullable: true })
  programId: string | null;

  /** The deadline the notification is about, if any. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** `<event key>:<recipient kind>:<recipient id>`: a retried activity or a replayed workflow inserts nothing. */
  @Index('uq_notifications_dedupe_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
