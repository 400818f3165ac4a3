import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

/** Process templates a program can be created from. */
export const TEMPLATE_KEYS = ['grant-competition'] as const;

// Budgets are integer fen; 10^13 fen (¥100 billion) is far beyond any district program.
const MAX_BUDGET_FEN = 10_000_000_000_000;

/** A new program (call for proposals) in draft. */
export class CreateProgramDto {
  @ApiProperty({ example: '2026年上城区社区公益创投', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: TEMPLATE_KEYS })
  @IsIn(TEMPLATE_KEYS)
  templateKey: (typeof TEMPLATE_KEYS)[number];

  @ApiProperty({ description: 'Budget in fen (1/100 yuan)', example: 300_000_000 })
  @IsInt()
  @Min(0)
  @Max(MAX_BUDGET_FEN)
  budgetFen: number;
}
