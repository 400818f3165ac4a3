import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SERVICE_CATEGORY_KEYS } from '@grantflow/domain';
import { MAX_BUDGET_FEN } from './create-program.dto';

/** A program's limits for one service category in its award decision (portfolio balance). */
export class CategoryQuotaDto {
  @ApiProperty({ enum: SERVICE_CATEGORY_KEYS })
  @IsIn(SERVICE_CATEGORY_KEYS)
  category: string;

  @ApiPropertyOptional({ description: 'At least this many cases of the category are funded', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  minCount?: number;

  @ApiPropertyOptional({ description: 'At most this many cases of the category are funded', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  maxCount?: number;

  @ApiPropertyOptional({ description: 'At most this much money (fen) goes to the category', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BUDGET_FEN)
  maxAmountFen?: number;
}
