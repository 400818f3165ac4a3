import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Largest page of cases the progress view returns at once. */
export const MAX_PROGRESS_PAGE_SIZE = 200;
// Far past the number of cases any program has; keeps OFFSET arithmetic small.
const MAX_PAGE = 10_000;

/** Paging of the per-case list of a review stage's progress. */
export class ReviewProgressQueryDto {
  @ApiPropertyOptional({ type: Number, default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ type: Number, default: 50, minimum: 1, maximum: MAX_PROGRESS_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PROGRESS_PAGE_SIZE)
  pageSize?: number;
}
