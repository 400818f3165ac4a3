import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { NotificationEntity } from './notification.entity';

/** Delivery state of an outbox e-mail: `pending` until sent, `failed` once the retries are spent. */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

/**
 * An e-mail waiting to be sent for a notification. Written in the same transaction as the notification, so
 * no e-mail is lost or invented when the activity fails halfway; the worker's dispatcher sends it later.
 */
@Entity({ name: 'outbox_messages' })
// One e-mail per notification and address, so a retried activity never queues a message twice.
@Index('uq_outbox_messages_notification_address', ['notificationId', 'toAddress'], { unique: true })
// The dispatcher's poll: pending messages whose time has come, oldest first.
@Index('ix_outbox_messages_pending_due', ['nextAttemptAt'], { where: "status = 'pending'" })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: NotificationEntity;

  // RFC 5321 caps a forward path at 256 octets; 320 leaves room for the commonly quoted 64 + 1 + 255.
  @Column({ name: 'to_address', type: 'varchar', length: 320 })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  /** Delivery attempts started so far (counted when a dispatcher claims the message). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When the message may next be claimed: now for a new one, later after a failure or while claimed. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
