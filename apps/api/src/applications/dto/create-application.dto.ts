import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SERVICE_CATEGORY_KEYS, type ServiceCategory } from '@grantflow/domain';

// A single community project never asks for more than ¥10 million (10^9 fen); larger is a typing error.
export const MAX_REQUEST_FEN = 1_000_000_000;

/** A new application in draft. */
export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  programId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  organizationId: string;

  @ApiProperty({ example: '独居老人助餐服务', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: SERVICE_CATEGORY_KEYS })
  @IsIn(SERVICE_CATEGORY_KEYS)
  category: ServiceCategory;

  @ApiProperty({ example: '紫阳街道', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  street: string;

  @ApiProperty({ description: 'Requested amount in fen (1/100 yuan)', example: 5_000_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_REQUEST_FEN)
  requestedAmountFen: number;

  @ApiPropertyOptional({
    description: "Answers to the program's application form",
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  form?: Record<string, unknown>;
}
