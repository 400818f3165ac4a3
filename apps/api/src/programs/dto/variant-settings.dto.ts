import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CLAIM_MODES, type ClaimMode } from '@grantflow/domain';
import { LocalizedNameDto } from './procurement-settings.dto';

// Budgets are integer fen; 10^13 fen (¥100 billion) is far beyond any district program.
const MAX_FEN = 10_000_000_000_000;

/** One small livelihood project on a public claiming list (民生实事项目清单). */
export class ListedProjectDto {
  @ApiProperty({ example: 'smoke-alarms', description: 'Stable key the claims name' })
  @IsString()
  @Matches(/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/)
  @MaxLength(64)
  key: string;

  @ApiProperty({ type: LocalizedNameDto })
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name: LocalizedNameDto;

  @ApiProperty({ description: 'Budget of the project in fen', example: 2_760_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  budgetFen: number;

  @ApiPropertyOptional({ example: '望江街道', description: 'Where it is delivered' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  area?: string;
}

/** A public claiming program's list and how claims on one project are settled. */
export class ClaimingSettingsDto {
  @ApiProperty({
    enum: CLAIM_MODES,
    description:
      'first_come: the first submitted claim holds the project; coordinator_choice: a coordinator confirms one of several',
  })
  @IsIn([...CLAIM_MODES])
  mode: ClaimMode;

  @ApiProperty({ type: [ListedProjectDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ListedProjectDto)
  projects: ListedProjectDto[];
}

/** Who a company-funded project serves: a group and its size, never a list of people. */
export class BeneficiaryGroupDto {
  @ApiProperty({ example: '辖区独居老人、残疾人等特殊家庭' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  description: string;

  @ApiProperty({ example: 1000 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  count: number;
}

/** A company-funded program's funder and beneficiaries. */
export class CompanyFundingSettingsDto {
  @ApiProperty({ format: 'uuid', description: 'The paying company, an organization of the registry' })
  @IsUUID()
  funderOrganizationId: string;

  @ApiProperty({ type: BeneficiaryGroupDto })
  @ValidateNested()
  @Type(() => BeneficiaryGroupDto)
  beneficiaries: BeneficiaryGroupDto;
}
