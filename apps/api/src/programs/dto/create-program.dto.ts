import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { PROCESS_TEMPLATES } from '@grantflow/domain';
import { ProcurementSettingsDto } from './procurement-settings.dto';
import { ClaimingSettingsDto, CompanyFundingSettingsDto } from './variant-settings.dto';

/** Process templates a program can be created from. */
export const TEMPLATE_KEYS = Object.keys(PROCESS_TEMPLATES);

// Budgets are integer fen; 10^13 fen (¥100 billion) is far beyond any district program.
export const MAX_BUDGET_FEN = 10_000_000_000_000;

/** A new program (call for proposals) in draft. */
export class CreateProgramDto {
  @ApiProperty({ example: '2026年上城区社区公益创投', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: TEMPLATE_KEYS })
  @IsIn(TEMPLATE_KEYS)
  templateKey: string;

  @ApiProperty({ description: 'Budget in fen (1/100 yuan)', example: 300_000_000 })
  @IsInt()
  @Min(0)
  @Max(MAX_BUDGET_FEN)
  budgetFen: number;

  @ApiPropertyOptional({
    description: 'When the submission window closes (ISO 8601 instant)',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  submissionClosesAt?: string;

  @ApiPropertyOptional({
    description: 'Run every stage in seconds (only where the server allows it: tests, demos)',
  })
  @IsOptional()
  @IsBoolean()
  testSized?: boolean;

  @ApiPropertyOptional({
    type: ProcurementSettingsDto,
    description: 'Required for the government-procurement template: the project’s method, price weight, …',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProcurementSettingsDto)
  procurement?: ProcurementSettingsDto;

  @ApiPropertyOptional({
    type: ClaimingSettingsDto,
    description:
      'Required for the public-claiming template: the published list of projects and the claim mode',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClaimingSettingsDto)
  claiming?: ClaimingSettingsDto;

  @ApiPropertyOptional({
    type: CompanyFundingSettingsDto,
    description: 'Required for the company-funded template: the funder and the beneficiary group',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CompanyFundingSettingsDto)
  companyFunding?: CompanyFundingSettingsDto;
}
