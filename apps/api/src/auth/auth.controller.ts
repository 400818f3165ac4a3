import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import { AuditedByHandler } from '../audit/audit.interceptor';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  SessionView,
  SignInDto,
  UserView,
} from './dto/auth.dto';
import type { AuthenticatedRequest } from './request-actor';

/** Sign-in (登录), sessions and passwords. Every handler writes its own audit record. */
@ApiTags('auth')
@AuditedByHandler()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns an access token and a refresh token' })
  @ApiOkResponse({ type: SessionView })
  signIn(@Req() request: AuthenticatedRequest, @Body() body: SignInDto): Promise<SessionView> {
    return this.auth.signIn(request, body.email, body.password);
  }

  @Post('register')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Open an account (an applicant then registers its organization) and sign in' })
  @ApiOkResponse({ type: SessionView })
  register(@Req() request: AuthenticatedRequest, @Body() body: RegisterDto): Promise<SessionView> {
    return this.auth.register(request, body.email, body.password, body.displayName);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; a reused token ends its whole session' })
  @ApiOkResponse({ type: SessionView })
  refresh(@Req() request: AuthenticatedRequest, @Body() body: RefreshDto): Promise<SessionView> {
    return this.auth.refresh(request, body.refreshToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the session of a refresh token' })
  @ApiNoContentResponse()
  async signOut(@Req() request: AuthenticatedRequest, @Body() body: RefreshDto): Promise<void> {
    await this.auth.signOut(request, body.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, roles and organizations' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.auth.me(actor);
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; other sessions end' })
  @ApiNoContentResponse()
  async changePassword(
    @Req() request: AuthenticatedRequest,
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.auth.changePassword(request, actor, body.currentPassword, body.newPassword);
  }

  @Post('password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'E-mail a one-time link to set a new password (same answer for unknown addresses)',
  })
  async requestReset(
    @Req() request: AuthenticatedRequest,
    @Body() body: PasswordResetRequestDto,
  ): Promise<void> {
    await this.auth.requestPasswordReset(request, body.email);
  }

  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password with the token of a reset or invitation e-mail' })
  @ApiNoContentResponse()
  async confirmReset(
    @Req() request: AuthenticatedRequest,
    @Body() body: PasswordResetConfirmDto,
  ): Promise<void> {
    await this.auth.confirmPasswordReset(request, body.token, body.newPassword);
  }
}
