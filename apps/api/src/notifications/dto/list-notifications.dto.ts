import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NotificationRecipientDto } from './notification-recipient.dto';

/** Largest page a client may ask for; an inbox shows a screenful at a time. */
export const MAX_PAGE_SIZE = 100;
// A million notifications for one recipient (10 000 pages of 100) is far past anything a person browses,
// and the cap keeps OFFSET within integer range.
const MAX_PAGE = 10_000;

// Query strings are text: only the words true and false are booleans, anything else fails validation.
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A page of one recipient's notifications, newest first. */
export class ListNotificationsDto extends NotificationRecipientDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Only notifications not yet read' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unreadOnly?: boolean;

  @ApiPropertyOptional({ type: Number, default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ type: Number, default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
