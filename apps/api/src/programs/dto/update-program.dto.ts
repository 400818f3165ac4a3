import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CategoryQuotaDto } from './category-quota.dto';
import { MAX_BUDGET_FEN } from './create-program.dto';

/** Changes to a program before it is published. */
export class UpdateProgramDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Budget in fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_BUDGET_FEN)
  budgetFen?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  submissionClosesAt?: string;

  @ApiPropertyOptional({
    description: 'Reviewer user ids per review stage key',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
  })
  @IsOptional()
  @IsObject()
  reviewerPools?: Record<string, string[]>;

  @ApiPropertyOptional({
    description:
      'Category quotas of the award decision, one per category; they replace the template’s. When no ' +
      'allocation can meet the minimums, the awards are proposed without them and the figures recorded.',
    type: [CategoryQuotaDto],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CategoryQuotaDto)
  categoryQuotas?: CategoryQuotaDto[];
}

/** A coordinator's change to the open stage of a published program. */
export class StageActionDto {
  @ApiPropertyOptional({ description: 'extend: the new deadline', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** Paging of lists. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  stage?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  street?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;
}
