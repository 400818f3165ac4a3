import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import {
  MAX_RECIPIENT_ID_LENGTH,
  NOTIFICATION_RECIPIENT_KINDS,
  type NotificationRecipientKind,
} from '@grantflow/contracts';

/**
 * Whose notifications a request is about. Until sign-in lands the caller names the recipient in the query;
 * sign-in replaces this with the signed-in user's own recipients (user, organization, roles).
 */
export class NotificationRecipientDto {
  @ApiProperty({ enum: NOTIFICATION_RECIPIENT_KINDS, example: 'organization' })
  @IsIn(NOTIFICATION_RECIPIENT_KINDS)
  recipientKind: NotificationRecipientKind;

  @ApiProperty({
    maxLength: MAX_RECIPIENT_ID_LENGTH,
    description: 'Organization id, user id, or role with optional scope',
    example: 'coordinator:street:紫阳街道',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_RECIPIENT_ID_LENGTH)
  recipientId: string;
}
