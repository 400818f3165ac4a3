import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { OrganizationKind } from '@grantflow/db';

export const ORGANIZATION_KINDS: OrganizationKind[] = [
  'social_group',
  'private_non_enterprise',
  'foundation',
  'community_filed',
];

// 统一社会信用代码 (GB 32100-2015): 18 characters from digits and capitals without I, O, S, V, Z.
const CREDIT_CODE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

/** A social organization registering with the platform. */
export class CreateOrganizationDto {
  @ApiProperty({ example: '上城区阳光为老服务中心', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    example: '52330102MJ1234567X',
    description: '统一社会信用代码 (registered organizations)',
  })
  @IsOptional()
  @Matches(CREDIT_CODE)
  creditCode?: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @ApiProperty({ example: '紫阳街道', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  street: string;

  @ApiPropertyOptional({ example: '春江社区', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  community?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  contactName?: string;

  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @Matches(/^[+\d][\d -]{5,31}$/)
  contactPhone?: string;
}
