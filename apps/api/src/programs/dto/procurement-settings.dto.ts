import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PROCUREMENT_METHODS } from '@grantflow/domain';

// Budgets are integer fen; 10^13 fen (¥100 billion) is far beyond any district purchase.
const MAX_CEILING_FEN = 10_000_000_000_000;

/** A name in Chinese and English. */
export class LocalizedNameDto {
  @ApiProperty({ example: '首期交付验收' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  zh: string;

  @ApiProperty({ example: 'First delivery accepted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  en: string;
}

/** What makes a payment milestone due. */
export class MilestoneEventDto {
  @ApiProperty({ enum: ['delivery', 'evaluation'] })
  @IsIn(['delivery', 'evaluation'])
  event: 'delivery' | 'evaluation';

  @ApiProperty({ required: false, description: 'With delivery: the report whose acceptance pays it' })
  @ValidateIf((event: MilestoneEventDto) => event.event === 'delivery')
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  reportKey?: string;

  @ApiProperty({ required: false, enum: ['midterm', 'final'], description: 'With evaluation: which one' })
  @ValidateIf((event: MilestoneEventDto) => event.event === 'evaluation')
  @IsIn(['midterm', 'final'])
  phase?: 'midterm' | 'final';
}

/** One instalment of the contract price. */
export class PaymentMilestoneDto {
  @ApiProperty({ example: 'first-delivery' })
  @IsString()
  @Matches(/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/)
  @MaxLength(64)
  key: string;

  @ApiProperty({ type: LocalizedNameDto })
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name: LocalizedNameDto;

  @ApiProperty({ description: 'Whole percent of the contract price', example: 30 })
  @IsInt()
  @Min(1)
  @Max(100)
  percent: number;

  @ApiProperty({ type: MilestoneEventDto })
  @ValidateNested()
  @Type(() => MilestoneEventDto)
  on: MilestoneEventDto;
}

/** The planned evaluation committee. */
export class CommitteePlanDto {
  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(1)
  @Max(99)
  size: number;

  @ApiProperty({ example: 4, description: 'Experts among the members (at least two thirds)' })
  @IsInt()
  @Min(0)
  @Max(99)
  experts: number;
}

/**
 * A purchase of services' own settings (政府购买服务). The shape is checked here; the rules (price weight for the
 * method, committee size, milestones adding up to 100 …) by the domain when the program is created.
 */
export class ProcurementSettingsDto {
  @ApiProperty({ enum: PROCUREMENT_METHODS })
  @IsIn([...PROCUREMENT_METHODS])
  method: (typeof PROCUREMENT_METHODS)[number];

  @ApiProperty({ description: 'Budget ceiling (最高限价) in fen', example: 120_000_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_CEILING_FEN)
  budgetCeilingFen: number;

  @ApiProperty({ description: 'Price weight in percent, at most 2 decimals', example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  priceWeightPercent: number;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(100)
  minValidBids: number;

  @ApiProperty({ example: 20 })
  @IsInt()
  @Min(1)
  @Max(365)
  tenderPeriodWorkingDays: number;

  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(1)
  @Max(60)
  confirmationWorkingDays: number;

  @ApiProperty({ type: CommitteePlanDto })
  @ValidateNested()
  @Type(() => CommitteePlanDto)
  committee: CommitteePlanDto;

  @ApiProperty({ type: [PaymentMilestoneDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PaymentMilestoneDto)
  paymentMilestones: PaymentMilestoneDto[];
}
