import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@grantflow/contracts';
import { ANONYMOUS, type AuthenticatedRequest } from '../auth/request-actor';

/**
 * The acting party of a request, as the global `AuthGuard` resolved it from the bearer token (anonymous on
 * public routes without one). Workflows check the same actor again against the case on every action.
 */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().actor ?? ANONYMOUS,
);
