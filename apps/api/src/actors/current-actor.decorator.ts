import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@grantflow/contracts';

const HEADER_ID = /^[\w.:@-]{1,128}$/;

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && HEADER_ID.test(value) ? value : undefined;
}

/**
 * The acting party of a request. Until sign-in lands, an applicant identifies itself with the
 * `X-User-Id` and `X-Organization-Id` headers; this decorator is the one seam that identity replaces,
 * and the workflow still checks the actor against the case on every action.
 */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request>();
  const organizationId = header(request, 'x-organization-id');
  return {
    userId: header(request, 'x-user-id') ?? 'anonymous',
    roles: organizationId ? ['applicant'] : [],
    organizationId,
  };
});
