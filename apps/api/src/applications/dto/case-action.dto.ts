import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** The input of an action on a case; which fields matter depends on the action (see each field). */
export class CaseActionDto {
  @ApiPropertyOptional({
    description: 'Why (required for revision requests, ineligibility, declines …)',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'screen: eligible or ineligible', enum: ['eligible', 'ineligible'] })
  @IsOptional()
  @IsIn(['eligible', 'ineligible'])
  decision?: 'eligible' | 'ineligible';

  @ApiPropertyOptional({
    description: 'screen: checklist item → passed',
    type: 'object',
    additionalProperties: { type: 'boolean' },
  })
  @IsOptional()
  @IsObject()
  checks?: Record<string, boolean>;

  @ApiPropertyOptional({
    description: 'submit_review: criterion → score',
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  @IsOptional()
  @IsObject()
  scores?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'submit_review: criterion → comment',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  comments?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'record_outcome: the stage outcome' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  outcome?: string;

  @ApiPropertyOptional({ description: 'resolve_objection: which objection' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  objectionId?: string;

  @ApiPropertyOptional({ description: 'resolve_objection: whether it is upheld' })
  @IsOptional()
  @IsBoolean()
  upheld?: boolean;

  @ApiPropertyOptional({ description: 'submit_report / accept_report: which report' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reportKey?: string;

  @ApiPropertyOptional({ description: 'record_evaluation: score out of 100', minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  score?: number;

  @ApiPropertyOptional({ description: 'extend_deadline: the new deadline', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @ApiPropertyOptional({ description: 'assign_reviewers: reviewer ids', type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  reviewerIds?: string[];

  @ApiPropertyOptional({ description: 'award: the tier' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  tier?: string;

  @ApiPropertyOptional({ description: 'award: the amount in fen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  amountFen?: number;

  @ApiPropertyOptional({ description: 'release_tranche: which tranche' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  trancheKey?: string;
}

/** An objection to a published result, from anyone (公示异议). */
export class ObjectionDto {
  @ApiPropertyOptional({ description: 'The facts and reasons of the objection', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  reason: string;
}
