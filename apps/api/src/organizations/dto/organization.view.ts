import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OrganizationEntity, OrganizationKind } from '@grantflow/db';

/** An organization's public profile. */
export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) creditCode: string | null;
  @ApiProperty() kind: OrganizationKind;
  @ApiProperty() street: string;
  @ApiPropertyOptional({ nullable: true, type: String }) community: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      'The year the organization may not take part in government purchases of services (the year after a 不合格 performance evaluation), or null',
  })
  barredForYear: number | null;

  static of(entity: OrganizationEntity, barredForYear: number | null = null): OrganizationView {
    return Object.assign(new OrganizationView(), {
      id: entity.id,
      name: entity.name,
      creditCode: entity.creditCode,
      kind: entity.kind,
      street: entity.street,
      community: entity.community,
      createdAt: entity.createdAt.toISOString(),
      barredForYear,
    });
  }
}
