import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import type { ExpertConflictScope } from '@grantflow/db';

/** What a conflict can cover. */
export const CONFLICT_SCOPES: ExpertConflictScope[] = ['program', 'case', 'organization'];

/** The body field naming the target of each scope. */
export const CONFLICT_TARGET_FIELD = {
  program: 'programId',
  case: 'applicationId',
  organization: 'organizationId',
} as const satisfies Record<ExpertConflictScope, string>;

/** A conflict of interest an expert declares (回避申报): a whole program, one case or one organization. */
export class DeclareConflictDto {
  @ApiProperty({ enum: CONFLICT_SCOPES })
  @IsIn(CONFLICT_SCOPES)
  scope: ExpertConflictScope;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when scope is program' })
  @ValidateIf((dto: DeclareConflictDto) => dto.scope === 'program' || dto.programId !== undefined)
  @IsDefined()
  @IsUUID('4')
  programId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when scope is case' })
  @ValidateIf((dto: DeclareConflictDto) => dto.scope === 'case' || dto.applicationId !== undefined)
  @IsDefined()
  @IsUUID('4')
  applicationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when scope is organization' })
  @ValidateIf((dto: DeclareConflictDto) => dto.scope === 'organization' || dto.organizationId !== undefined)
  @IsDefined()
  @IsUUID('4')
  organizationId?: string;

  @ApiProperty({ example: '曾担任该组织顾问', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
