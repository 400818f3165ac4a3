import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PROCESS_TEMPLATES } from '@grantflow/domain';

const TEMPLATE_KEYS = Object.keys(PROCESS_TEMPLATES);

/** Filters of the overview across programs; every one is optional and they combine. */
export class OverviewQueryDto {
  @ApiPropertyOptional({
    description: 'The programs’ year (opened in that year, Asia/Shanghai)',
    example: 2026,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: TEMPLATE_KEYS, description: 'The process type' })
  @IsOptional()
  @IsIn(TEMPLATE_KEYS)
  templateKey?: string;

  @ApiPropertyOptional({ description: 'Only the cases of this street' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  street?: string;
}
