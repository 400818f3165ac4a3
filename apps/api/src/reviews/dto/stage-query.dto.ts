import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

/** A stage key as templates write them: lower-case words joined by hyphens, e.g. `district-review`. */
export const STAGE_KEY = /^[a-z][a-z0-9-]{0,63}$/;

/** Which review stage of the case a request is about. */
export class StageQueryDto {
  @ApiPropertyOptional({
    example: 'district-review',
    pattern: STAGE_KEY.source,
    description:
      'Review stage; the case’s current one by default (score sheets: else its latest reviewed one)',
  })
  @IsOptional()
  @IsString()
  @Matches(STAGE_KEY)
  stageKey?: string;
}
