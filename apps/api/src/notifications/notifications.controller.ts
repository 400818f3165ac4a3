import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import { ownsRecipient } from '../auth/access-rules';
import { Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { preferredLanguage, type Language } from '../common/language';
import { actionRefused, uuidParam } from '../common/problem';
import { ListNotificationsDto } from './dto/list-notifications.dto';
import { NotificationRecipientDto } from './dto/notification-recipient.dto';
import { NotificationPageView, NotificationView } from './dto/notification.view';
import { NotificationsService } from './notifications.service';

const DEFAULT_PAGE_SIZE = 20;

// Responses differ by Accept-Language; caches must keep the languages apart.
function negotiated(response: Response, acceptLanguage: string | undefined): Language {
  const language = preferredLanguage(acceptLanguage);
  response.header('Content-Language', language).vary('Accept-Language');
  return language;
}

/** Only the actor's own inboxes (as user, as its organization, as its roles) can be read or marked. */
function ownInboxOnly(actor: Actor, recipient: NotificationRecipientDto): void {
  if (!ownsRecipient(actor, { kind: recipient.recipientKind, id: recipient.recipientId })) {
    throw actionRefused(
      HttpStatus.FORBIDDEN,
      'not_own_inbox',
      '只能查看发给您本人、您的组织或您的角色的通知',
      'Only notifications for you, your organization or your roles can be read',
    );
  }
}

/** Notifications (通知): what needs the recipient, in the request's language. */
@ApiTags('notifications')
@ApiHeader({ name: 'Accept-Language', required: false, description: 'zh-CN (default) or en' })
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "A page of a recipient's notifications, newest first" })
  @ApiOkResponse({ type: NotificationPageView })
  async list(
    @Query() query: ListNotificationsDto,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NotificationPageView> {
    ownInboxOnly(actor, query);
    const language = negotiated(response, acceptLanguage);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const result = await this.notifications.list([{ kind: query.recipientKind, id: query.recipientId }], {
      unreadOnly: query.unreadOnly ?? false,
      page,
      pageSize,
    });
    return Object.assign(new NotificationPageView(), {
      items: result.items.map((notification) => NotificationView.of(notification, language)),
      page,
      pageSize,
      total: result.total,
      unreadCount: result.unreadCount,
    });
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark a notification read (repeating it changes nothing)' })
  @ApiOkResponse({ type: NotificationView })
  async markRead(
    @Param('id', uuidParam) id: string,
    @Query() recipient: NotificationRecipientDto,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NotificationView> {
    ownInboxOnly(actor, recipient);
    const language = negotiated(response, acceptLanguage);
    const notification = await this.notifications.markRead(id, [
      { kind: recipient.recipientKind, id: recipient.recipientId },
    ]);
    return NotificationView.of(notification, language);
  }
}
