import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@grantflow/contracts';

const HEADER_VALUE = /^[\w.:@/-]{1,128}$/u;

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  if (typeof value !== 'string') return undefined;
  const decoded = decodeURIComponent(value);
  return HEADER_VALUE.test(decoded) || /^[\p{L}\p{N}/ ._-]{1,128}$/u.test(decoded) ? decoded : undefined;
}

/**
 * The acting party of a request. Until sign-in lands (issue 5), callers say who they are in headers:
 * `X-User-Id`, `X-Roles` (comma-separated, e.g. `coordinator:street`), `X-Scope` (a coordinator's street, URL-
 * encoded), and `X-Organization-Id` (an applicant's organization, which implies the `applicant` role). This
 * decorator is the one seam sign-in replaces; the workflows check the actor against the case on every action.
 */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Request>();
  const organizationId = header(request, 'x-organization-id');
  const rawRoles = request.headers['x-roles'];
  const roles = (typeof rawRoles === 'string' ? rawRoles : '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => /^[a-z]+(:[a-z]+)?$/.test(role));
  if (organizationId && !roles.includes('applicant')) roles.push('applicant');
  return {
    userId: header(request, 'x-user-id') ?? 'anonymous',
    roles,
    organizationId,
    scope: header(request, 'x-scope'),
  };
});
