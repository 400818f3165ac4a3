import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SERVICE_CATEGORY_KEYS, type ServiceCategory } from '@grantflow/domain';
import { MAX_REQUEST_FEN } from './create-application.dto';

/** Changes to a draft, or to an application returned for revision. */
export class UpdateApplicationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: SERVICE_CATEGORY_KEYS })
  @IsOptional()
  @IsIn(SERVICE_CATEGORY_KEYS)
  category?: ServiceCategory;

  @ApiPropertyOptional({ description: 'Requested amount in fen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REQUEST_FEN)
  requestedAmountFen?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  form?: Record<string, unknown>;
}
