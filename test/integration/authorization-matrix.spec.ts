import request from 'supertest';
import { grantedRoles, ROUTE_ACCESS, routeAllows } from '../../apps/api/src/auth/route-access';
import { ROLES } from '@grantflow/domain';
import { actorHeaders } from '../support/auth';
import { startStack, type TestStack } from '../support/stack';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** One caller of every kind: anonymous, a new account, an organization, and each staff role. */
const CALLERS: { name: string; roles: string[]; headers: Record<string, string>; organizationId?: string }[] =
  [
    { name: 'anonymous', roles: [], headers: {} },
    { name: 'new account', roles: [], headers: actorHeaders({ userId: 'matrix-user' }) },
    {
      name: 'organization admin',
      roles: [],
      organizationId: '0c0c0c0c-0000-4000-8000-000000000001',
      headers: actorHeaders({ userId: 'matrix-org', organizationId: '0c0c0c0c-0000-4000-8000-000000000001' }),
    },
    // Every staff role a template knows; `applicant` comes from membership, `public` from no sign-in.
    ...ROLES.filter((role) => role !== 'applicant' && role !== 'public').map((role) => ({
      name: role,
      roles: [role],
      headers: actorHeaders({
        userId: `matrix-${role}`,
        roles: [role],
        scope: role.includes(':s') ? '紫阳街道' : undefined,
      }),
    })),
  ];

/** Values for path parameters: ids nobody has, so allowed calls end in 404 or 422 and change nothing. */
function concrete(path: string): string {
  return path
    .replace(/\{id\}/g, '0f0f0f0f-0000-4000-8000-00000000000f')
    .replace('{organizationId}', '0f0f0f0f-0000-4000-8000-00000000000f')
    .replace('{stageKey}', 'street-review')
    .replace('{action}', 'screen')
    .replace('{key}', 'grant-competition')
    .replace('{reviewerId}', 'matrix-reviewer');
}

describe('authorization matrix: every route of the OpenAPI document, as every role', () => {
  let stack: TestStack;
  let routes: { method: (typeof METHODS)[number]; path: string; key: string }[];

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    const { body } = await request(stack.server).get('/api/openapi.json').expect(200);
    routes = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) =>
        METHODS.filter((method) => operations[method]).map((method) => ({
          method,
          path,
          key: `${method.toUpperCase()} ${path}`,
        })),
    );
  });
  afterAll(() => stack?.close());

  it('has an access rule for every documented route, and no rule for a route that does not exist', () => {
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((route) => !(route.key in ROUTE_ACCESS)).map((route) => route.key);
    expect(missing).toEqual([]);
    const documented = new Set(routes.map((route) => route.key));
    const stale = Object.keys(ROUTE_ACCESS).filter((key) => key.includes(' /api/') && !documented.has(key));
    expect(stale).toEqual([]);
  });

  it('allows and refuses each role exactly as the table says', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const access = ROUTE_ACCESS[route.key];
      for (const caller of CALLERS) {
        const call = request(stack.server)[route.method](concrete(route.path)).set(caller.headers);
        const response = await (route.method === 'get' ? call : call.send({}));
        const refusedByRoute = response.status === 403 && response.body.code === 'route_not_allowed';
        let expected: 'allowed' | 'unauthenticated' | 'refused';
        if (access === 'public') expected = 'allowed';
        else if (caller.name === 'anonymous') expected = 'unauthenticated';
        else expected = routeAllows(access, grantedRoles(route.method, caller)) ? 'allowed' : 'refused';
        const actual = response.status === 401 ? 'unauthenticated' : refusedByRoute ? 'refused' : 'allowed';
        if (actual !== expected)
          mismatches.push(`${route.key} as ${caller.name}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps leadership read-only and anonymous callers out of everything but public routes', async () => {
    const leadership = CALLERS.find((caller) => caller.name === 'leadership')!;
    const ownAccount = ['POST /api/auth/password', 'POST /api/notifications/{id}/read'];
    for (const route of routes.filter((candidate) => candidate.method !== 'get')) {
      if (ROUTE_ACCESS[route.key] === 'public' || ownAccount.includes(route.key)) continue;
      const response = await request(stack.server)
        [route.method](concrete(route.path))
        .set(leadership.headers)
        .send({});
      expect([route.key, response.status, response.body.code]).toEqual([route.key, 403, 'route_not_allowed']);
    }
    const open = routes.filter((route) => ROUTE_ACCESS[route.key] === 'public').map((route) => route.key);
    expect(open.sort()).toEqual(
      [
        'GET /health',
        'GET /health/live',
        'GET /health/ready',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'POST /api/auth/password-reset',
        'POST /api/auth/password-reset/confirm',
        'POST /api/auth/refresh',
        'POST /api/auth/register',
        'POST /api/public/applications/{id}/objections',
        'GET /api/public/programs/{id}/360giving.json',
        'GET /api/public/programs/{id}/awards.csv',
        'GET /api/public/programs/{id}/awards.xlsx',
        // A purchase of services as OCDS open data, from its tender notice on.
        'GET /api/public/programs/{id}/ocds.json',
        // The published results page of the web app (公示) and its list of programs.
        'GET /api/public/programs',
        'GET /api/public/programs/{id}/results',
      ].sort(),
    );
  });

  it('answers a forged or expired token with 401 and a foreign organization header with 403', async () => {
    const district = CALLERS.find((caller) => caller.name === 'coordinator:district')!;
    const [scheme, token] = district.headers.Authorization.split(' ');
    const forged = `${token.slice(0, -4)}AAAA`;
    const refused = await request(stack.server)
      .get('/api/programs')
      .set('Authorization', `${scheme} ${forged}`)
      .expect(401);
    expect(refused.body).toMatchObject({ code: 'sign_in_required', title: '请先登录' });
    // A stale token does not stand in the way of signing in again.
    const signIn = await request(stack.server)
      .post('/api/auth/login')
      .set('Authorization', `${scheme} ${forged}`)
      .send({ email: 'nobody@example.org', password: 'whatever' });
    expect(signIn.status).toBe(401);
    expect(signIn.body.code).toBe('wrong_credentials');
    const organization = CALLERS.find((caller) => caller.name === 'organization admin')!;
    const foreign = await request(stack.server)
      .get('/api/programs')
      .set(organization.headers)
      .set('X-Organization-Id', '0c0c0c0c-0000-4000-8000-000000000999')
      .expect(403);
    expect(foreign.body.code).toBe('not_a_member');
  });
});
