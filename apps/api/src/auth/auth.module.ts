import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Environment } from '@grantflow/config';
import { AuditController } from '../audit/audit.controller';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuditService } from '../audit/audit.service';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import type { AuthenticatedRequest } from './request-actor';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

const isAuthRoute = (request: Request) => request.path.startsWith('/api/auth/');
const changes = (request: Request) => !['GET', 'HEAD', 'OPTIONS'].includes(request.method);

/**
 * Identity, authorization and the audit trail, for every route: the guards run in the order listed (who is
 * asking, then how often), the interceptor records what changed.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        // Counted per API instance (in memory); the per-account sign-in lock in the database holds across all.
        throttlers: [
          {
            name: 'auth',
            ttl: 60_000,
            limit: config.get('RATE_LIMIT_AUTH_PER_MINUTE', { infer: true }),
            skipIf: (context) => !isAuthRoute(context.switchToHttp().getRequest<Request>()),
          },
          {
            name: 'writes',
            ttl: 60_000,
            limit: config.get('RATE_LIMIT_WRITES_PER_MINUTE', { infer: true }),
            skipIf: (context) => {
              const request = context.switchToHttp().getRequest<Request>();
              return isAuthRoute(request) || !changes(request);
            },
          },
        ],
        getTracker: (request: Record<string, unknown>) => {
          const actor = (request as unknown as AuthenticatedRequest).actor;
          return actor && actor.userId !== 'anonymous'
            ? `user:${actor.userId}`
            : `ip:${(request as unknown as Request).ip ?? 'unknown'}`;
        },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, AuditController],
  providers: [
    AccessTokenService,
    AuditService,
    AuthService,
    UsersService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AccessTokenService, AuditService, AuthService, UsersService],
})
export class AuthModule {}
