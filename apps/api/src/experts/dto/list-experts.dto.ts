import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ExpertLevel } from '@grantflow/db';
import { SERVICE_CATEGORY_KEYS } from '@grantflow/domain';
import { EXPERT_LEVELS } from './create-expert.dto';

/** Filters and paging of the expert registry. */
export class ListExpertsQueryDto {
  @ApiPropertyOptional({ enum: EXPERT_LEVELS })
  @IsOptional()
  @IsIn(EXPERT_LEVELS)
  level?: ExpertLevel;

  @ApiPropertyOptional({ enum: SERVICE_CATEGORY_KEYS, description: 'Experts listing this category' })
  @IsOptional()
  @IsIn(SERVICE_CATEGORY_KEYS)
  category?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  // Query strings carry text; anything but true/false stays text and is refused.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
