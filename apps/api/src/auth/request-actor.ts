import type { Request } from 'express';
import type { Actor } from '@grantflow/contracts';

/** A request once the guard has checked who sent it. */
export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

/** The actor of an anonymous request to a public route. */
export const ANONYMOUS: Actor = { userId: 'anonymous', roles: [] };
