import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { NotificationEntity } from '@grantflow/db';
import { localize, type Language } from '../../common/language';

/** A notification in the language of the request. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'stage_opened' }) kind: string;
  @ApiProperty({ enum: ['organization', 'user', 'role'] }) recipientKind: string;
  @ApiProperty() recipientId: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) applicationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) programId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;

  static of(entity: NotificationEntity, language: Language): NotificationView {
    return Object.assign(new NotificationView(), {
      id: entity.id,
      kind: entity.kind,
      recipientKind: entity.recipientKind,
      recipientId: entity.recipientId,
      title: localize({ zh: entity.titleZh, en: entity.titleEn }, language),
      body: localize({ zh: entity.bodyZh, en: entity.bodyEn }, language),
      applicationId: entity.applicationId,
      programId: entity.programId,
      dueAt: entity.dueAt?.toISOString() ?? null,
      createdAt: entity.createdAt.toISOString(),
      readAt: entity.readAt?.toISOString() ?? null,
    });
  }
}

/** One page of a recipient's notifications, with the counts an inbox badge needs. */
export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'Notifications matching the filter, on every page' }) total: number;
  @ApiProperty({ description: 'Unread notifications of the recipient, whatever the filter' })
  unreadCount: number;
}
