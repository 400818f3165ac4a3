import type { Server } from 'node:http';
import request from 'supertest';
import type { ConfigService } from '@nestjs/config';
import type { Environment } from '@grantflow/config';
import { AccessTokenService } from '../../apps/api/src/auth/access-token.service';
import { TEST_TOKEN_SECRET } from './test-secret';

// Long enough for the slowest suite; production tokens live AUTH_ACCESS_TOKEN_SECONDS (15 minutes).
const TEST_TOKEN_SECONDS = 4 * 3600;

const settings: Partial<Environment> = {
  AUTH_TOKEN_SECRET: TEST_TOKEN_SECRET,
  AUTH_ACCESS_TOKEN_SECONDS: TEST_TOKEN_SECONDS,
};
const tokens = new AccessTokenService({
  get: (key: keyof Environment) => settings[key],
} as unknown as ConfigService<Environment, true>);

/** Someone a test acts as: staff roles, or a member of one organization. */
export interface TestActor {
  userId: string;
  roles?: string[];
  scope?: string;
  organizationId?: string;
  organizationRole?: 'admin' | 'member';
}

/**
 * Request headers of a signed-in actor: a bearer token signed by the production token service with the test
 * secret, so the API's guard checks it exactly as it checks real sign-ins.
 */
export function actorHeaders(actor: TestActor): Record<string, string> {
  const token = tokens.sign({
    sub: actor.userId,
    roles: actor.roles ?? [],
    scope: actor.scope,
    orgs: actor.organizationId ? [{ id: actor.organizationId, role: actor.organizationRole ?? 'admin' }] : [],
  });
  return { Authorization: `Bearer ${token}` };
}

/** The district coordinator most fixtures act as. */
export const DISTRICT_COORDINATOR = actorHeaders({ userId: 'district-1', roles: ['coordinator:district'] });

/** A platform administrator. */
export const ADMINISTRATOR = actorHeaders({ userId: 'admin-1', roles: ['admin'] });

/**
 * supertest signed in as the district coordinator; a request that sets its own `Authorization` (through
 * `actorHeaders`) acts as that actor instead.
 */
export function signedIn(server: Server, headers: Record<string, string> = DISTRICT_COORDINATOR) {
  return request.agent(server).set(headers);
}
