import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
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
  ValidateIf,
} from 'class-validator';
import type { ExpertLevel } from '@grantflow/db';
import { SERVICE_CATEGORY_KEYS } from '@grantflow/domain';

/** Levels of the expert pool. */
export const EXPERT_LEVELS: ExpertLevel[] = ['street', 'district'];

/** An expert id: the user id reviews are signed with, e.g. `expert-district-01`. */
export const EXPERT_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** Highest load accepted: generous, as a committee member rarely reviews more than a few dozen cases. */
export const MAX_LOAD_PER_PROGRAM = 500;

/** An expert joining the registry (专家库). */
export class CreateExpertDto {
  @ApiProperty({ example: 'expert-district-01', maxLength: 128, pattern: EXPERT_ID.source })
  @IsString()
  @Matches(EXPERT_ID)
  id: string;

  @ApiProperty({ example: '陈立', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({
    description: 'Service category keys the expert knows, strongest first',
    enum: SERVICE_CATEGORY_KEYS,
    isArray: true,
    example: ['elderly', 'disability_hardship'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICE_CATEGORY_KEYS.length)
  @ArrayUnique()
  @IsIn(SERVICE_CATEGORY_KEYS, { each: true })
  expertise: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'The organization the expert works for; its cases are a conflict of interest',
  })
  @IsOptional()
  @IsUUID('4')
  affiliationOrganizationId?: string | null;

  @ApiProperty({ enum: EXPERT_LEVELS })
  @IsIn(EXPERT_LEVELS)
  level: ExpertLevel;

  @ApiPropertyOptional({
    example: '紫阳街道',
    maxLength: 100,
    description: 'Required for street-level experts',
  })
  // A street-level expert belongs to a street; a district one may name one too.
  @ValidateIf(
    (dto: CreateExpertDto) => dto.level === 'street' || (dto.street !== undefined && dto.street !== null),
  )
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  street?: string | null;

  @ApiProperty({ example: 20, minimum: 0, maximum: MAX_LOAD_PER_PROGRAM })
  @IsInt()
  @Min(0)
  @Max(MAX_LOAD_PER_PROGRAM)
  maxLoadPerProgram: number;

  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    maximum: MAX_LOAD_PER_PROGRAM,
    description: 'Fewest cases the expert must be given per program; at most maxLoadPerProgram',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_LOAD_PER_PROGRAM)
  minLoadPerProgram?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  available?: boolean;
}
