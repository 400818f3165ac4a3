import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository, type SelectQueryBuilder } from 'typeorm';
import { NotificationEntity } from '@grantflow/db';
import type { NotificationRecipient } from '@grantflow/contracts';
import { notFound } from '../common/problem';

/** Which page of notifications to read. */
export interface NotificationListOptions {
  unreadOnly: boolean;
  page: number;
  pageSize: number;
}

/** A page of notifications with the counts the inbox shows. */
export interface NotificationPage {
  items: NotificationEntity[];
  total: number;
  unreadCount: number;
}

/**
 * Reads recipients' in-app notifications and marks them read. Methods take a list of recipients, since a
 * signed-in user will read their own, their organization's and their roles' notifications together.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>,
  ) {}

  private forRecipients(recipients: NotificationRecipient[]): SelectQueryBuilder<NotificationEntity> {
    return this.notifications.createQueryBuilder('notification').where(
      new Brackets((any) => {
        // No recipient matches nothing, rather than everything.
        if (recipients.length === 0) any.where('false');
        recipients.forEach((recipient, index) =>
          any.orWhere(
            `(notification.recipientKind = :kind${index} AND notification.recipientId = :id${index})`,
            { [`kind${index}`]: recipient.kind, [`id${index}`]: recipient.id },
          ),
        );
      }),
    );
  }

  /** A page of notifications, newest first (ids break ties between notifications of one transaction). */
  async list(
    recipients: NotificationRecipient[],
    options: NotificationListOptions,
  ): Promise<NotificationPage> {
    const page = this.forRecipients(recipients);
    if (options.unreadOnly) page.andWhere('notification.readAt IS NULL');
    const [[items, total], unreadCount] = await Promise.all([
      page
        .orderBy('notification.createdAt', 'DESC')
        .addOrderBy('notification.id', 'DESC')
        .offset((options.page - 1) * options.pageSize)
        .limit(options.pageSize)
        .getManyAndCount(),
      this.forRecipients(recipients).andWhere('notification.readAt IS NULL').getCount(),
    ]);
    return { items, total, unreadCount };
  }

  /**
   * Marks a notification read, idempotently: the first call sets `readAt`, later ones return it unchanged.
   * Another recipient's notification is reported as missing, so ids reveal nothing.
   */
  async markRead(id: string, recipients: NotificationRecipient[]): Promise<NotificationEntity> {
    const mine = () =>
      this.forRecipients(recipients).andWhere('notification.id = :notificationId', { notificationId: id });
    const notification = await mine().getOne();
    if (!notification) throw notFound({ zh: `通知 ${id} 不存在`, en: `Notification ${id} does not exist` });
    if (notification.readAt) return notification;
    // The guard keeps the first reading time when two requests race.
    await this.notifications
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ readAt: () => 'now()' })
      .where('id = :id AND read_at IS NULL', { id })
      .execute();
    return mine().getOneOrFail();
  }
}
