import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { STAGE_KEY } from './stage-query.dto';

/** A reviewer's partial score sheet; it replaces the draft saved before. */
export class SaveReviewDraftDto {
  @ApiPropertyOptional({
    example: 'district-review',
    pattern: STAGE_KEY.source,
    description: 'The review stage the draft is for; must be the case’s current stage (the default)',
  })
  @IsOptional()
  @IsString()
  @Matches(STAGE_KEY)
  stageKey?: string;

  @ApiPropertyOptional({
    description: 'Criterion id → score; criteria not scored yet may be left out',
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { necessity: 17, feasibility: 25 },
  })
  @IsOptional()
  @IsObject()
  scores?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Criterion id → comment',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  comments?: Record<string, unknown>;
}
