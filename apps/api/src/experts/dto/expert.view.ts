import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ExpertConflictEntity, ExpertConflictScope, ExpertEntity, ExpertLevel } from '@grantflow/db';

/** An expert's profile in the registry. */
export class ExpertView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: 'Category keys, strongest first' }) expertise: string[];
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) affiliationOrganizationId:
    string | null;
  @ApiProperty({ enum: ['street', 'district'] }) level: ExpertLevel;
  @ApiPropertyOptional({ nullable: true, type: String }) street: string | null;
  @ApiProperty() maxLoadPerProgram: number;
  @ApiProperty() minLoadPerProgram: number;
  @ApiProperty() available: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(entity: ExpertEntity): ExpertView {
    return Object.assign(new ExpertView(), {
      id: entity.id,
      name: entity.name,
      expertise: entity.expertise,
      affiliationOrganizationId: entity.affiliationOrganizationId,
      level: entity.level,
      street: entity.street,
      maxLoadPerProgram: entity.maxLoadPerProgram,
      minLoadPerProgram: entity.minLoadPerProgram,
      available: entity.available,
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
    });
  }
}

/** A conflict of interest that assignment applies: declared by the expert, or derived from the profile. */
export class ConflictView {
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'null when derived' })
  id: string | null;
  @ApiProperty({ enum: ['program', 'case', 'organization'] }) scope: ExpertConflictScope;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) programId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) applicationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) organizationId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'True for the expert’s own organization, which needs no declaration' })
  derived: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) declaredAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'The review stage in which the expert recused from the case; null when declared in the registry',
  })
  declaredInStage: string | null;

  static of(entity: ExpertConflictEntity): ConflictView {
    return Object.assign(new ConflictView(), {
      id: entity.id,
      scope: entity.scope,
      programId: entity.programId,
      applicationId: entity.applicationId,
      organizationId: entity.organizationId,
      reason: entity.reason,
      derived: false,
      declaredAt: entity.declaredAt.toISOString(),
      declaredInStage: entity.declaredInStage,
    });
  }

  /** The conflict with the expert's own organization, which assignment derives from the profile. */
  static affiliation(organizationId: string): ConflictView {
    return Object.assign(new ConflictView(), {
      id: null,
      scope: 'organization',
      programId: null,
      applicationId: null,
      organizationId,
      reason: '专家所属组织 / the expert’s own organization',
      derived: true,
      declaredAt: null,
      declaredInStage: null,
    });
  }
}
