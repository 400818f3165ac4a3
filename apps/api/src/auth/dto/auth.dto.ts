import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { ROLES } from '@grantflow/domain';

/** Signs in with e-mail and password. */
export class SignInDto {
  @ApiProperty({ example: 'district@demo.grantflow.cn' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Grantflow@2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

/** Opens an account; the new user then registers an organization or is given a role. */
export class RegisterDto extends SignInDto {
  @ApiProperty({ example: '王芳', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;
}

/** A refresh token to exchange, or to end its session with. */
export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

/** Changes the signed-in user's password. */
export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: 'At least 10 characters of three kinds (lower, upper, digit, symbol)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword: string;
}

/** Asks for a password-reset e-mail. */
export class PasswordResetRequestDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** Sets a new password with the token from a reset or invitation e-mail. */
export class PasswordResetConfirmDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword: string;
}

const GRANTABLE_ROLES = ROLES.filter((role) => role !== 'applicant' && role !== 'public');

/** An administrator creates a staff account; the person sets a password from the invitation e-mail. */
export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: GRANTABLE_ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(GRANTABLE_ROLES, { each: true })
  roles: string[];

  @ApiPropertyOptional({ description: 'Street or community of a coordinator or leader; none = the district' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  scope?: string;
}

/** Changes a staff account's roles, scope or whether it may sign in. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: GRANTABLE_ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(GRANTABLE_ROLES, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  scope?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

/** An organization the user acts for. */
export class MembershipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: 'admin' | 'member';
}

/** The signed-in user. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiPropertyOptional() scope?: string;
  @ApiProperty({ type: [MembershipView] }) organizations: MembershipView[];
  @ApiPropertyOptional() disabled?: boolean;
}

/** A session: a short-lived access token and the refresh token that renews it. */
export class SessionView {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}
