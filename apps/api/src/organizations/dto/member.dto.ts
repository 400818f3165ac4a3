import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { MembershipRole, OrganizationMemberEntity } from '@grantflow/db';

/** A person added to an organization. */
export class AddMemberDto {
  @ApiProperty({ example: '王芳', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'wangfang@example.org' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ['admin', 'member'] })
  @IsIn(['admin', 'member'])
  role: MembershipRole;
}

/** A member as listed. */
export class MemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: MembershipRole;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(entity: OrganizationMemberEntity): MemberView {
    return Object.assign(new MemberView(), {
      id: entity.id,
      name: entity.name,
      email: entity.email,
      role: entity.role,
      createdAt: entity.createdAt.toISOString(),
    });
  }
}
