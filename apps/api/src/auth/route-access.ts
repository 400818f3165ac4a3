/**
 * Who may call each route: the one table the guard enforces and the authorization matrix test checks against
 * the OpenAPI document. A route missing here is refused to everyone (deny by default) and fails that test.
 *
 * Roles are those an actor carries (`reviewer`, `coordinator:street`…), plus:
 * - `applicant`: acting for an organization the user is a member of;
 * - `user`: anyone signed in (a new account has no role yet, and creates its organization);
 * Leadership reads and never changes anything: on a non-GET route its `user` grant does not count.
 * Object-level rules (own organization, assigned case, coordinator's street) are applied by the services,
 * answering 404 so that others' data is not revealed.
 */
export type RouteAccess = 'public' | readonly string[];

const COORDINATORS = ['coordinator:community', 'coordinator:street', 'coordinator:district'] as const;
const PROGRAM_OWNERS = ['coordinator:district', 'purchaser', 'admin'] as const;
/** Staff who read a program's cases, progress and figures. */
const PROGRAM_READERS = [...COORDINATORS, 'purchaser', 'leadership', 'admin'] as const;
/** Everyone who may read a case, each within their own object-level limits. */
const CASE_READERS = ['applicant', 'reviewer', 'evaluator', ...PROGRAM_READERS] as const;

export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'GET /health/live': 'public',

  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/register': 'public',
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/confirm': 'public',
  'GET /api/auth/me': ['user'],
  // Leadership changes no case, but its own password and read marks are its own.
  'POST /api/auth/password': ['user', 'leadership'],

  'GET /api/templates': ['user'],
  'GET /api/templates/{key}': ['user'],

  'POST /api/organizations': ['user', 'admin'],
  'GET /api/organizations/{id}': ['applicant', ...PROGRAM_READERS, 'evaluator'],
  'PATCH /api/organizations/{id}': ['applicant', 'admin'],
  'POST /api/organizations/{id}/members': ['applicant', 'admin'],
  'POST /api/organizations/{id}/documents': ['applicant'],
  'GET /api/organizations/{id}/members': ['applicant', ...COORDINATORS, 'admin'],

  'POST /api/programs': PROGRAM_OWNERS,
  'GET /api/programs': ['user'],
  'GET /api/programs/{id}': ['user'],
  'PATCH /api/programs/{id}': PROGRAM_OWNERS,
  'POST /api/programs/{id}/publish': PROGRAM_OWNERS,
  'GET /api/programs/{id}/calendar': ['user'],
  'POST /api/programs/{id}/stages/{stageKey}/extend': PROGRAM_OWNERS,
  'POST /api/programs/{id}/stages/{stageKey}/close': PROGRAM_OWNERS,
  'GET /api/programs/{id}/stages/{stageKey}/award-proposal': [
    'coordinator:district',
    'purchaser',
    'leadership',
    'admin',
  ],
  'POST /api/programs/{id}/stages/{stageKey}/confirm-awards': PROGRAM_OWNERS,
  'POST /api/programs/{id}/stages/{stageKey}/award-proposal/pick-next': PROGRAM_OWNERS,
  'POST /api/programs/{id}/stages/{stageKey}/amend': PROGRAM_OWNERS,
  'GET /api/programs/{id}/stats': PROGRAM_READERS,
  'GET /api/programs/{id}/timeline': PROGRAM_READERS,
  // Figures across every program of the district: its leaders, its coordinators and administrators.
  'GET /api/stats/overview': ['leadership', 'coordinator:district', 'admin'],
  'GET /api/programs/{id}/applications': [...PROGRAM_READERS, 'evaluator'],
  'GET /api/programs/{id}/stages/{stageKey}/review-progress': PROGRAM_READERS,
  'GET /api/programs/{id}/stages/{stageKey}/ranking': PROGRAM_READERS,
  'GET /api/programs/{id}/stages/{stageKey}/ranking.csv': PROGRAM_READERS,
  'GET /api/programs/{id}/stages/{stageKey}/ranking.xlsx': PROGRAM_READERS,
  // Open data and notice-board lists: only what the award notice published (the service answers 404 before).
  'GET /api/public/programs/{id}/360giving.json': 'public',
  'GET /api/public/programs/{id}/awards.csv': 'public',
  'GET /api/public/programs/{id}/awards.xlsx': 'public',
  'GET /api/public/programs/{id}/ocds.json': 'public',

  'POST /api/applications': ['applicant'],
  'GET /api/applications/{id}': CASE_READERS,
  'PATCH /api/applications/{id}': ['applicant'],
  'GET /api/applications/{id}/timeline': CASE_READERS,
  'GET /api/applications/{id}/documents/{documentId}': CASE_READERS,
  'GET /api/applications/{id}/delivery': CASE_READERS,
  'POST /api/applications/{id}/submit': ['applicant'],
  'POST /api/applications/{id}/withdraw': ['applicant'],
  // A bidder replaces its sealed bid with a new version before the opening.
  'POST /api/applications/{id}/replace': ['applicant'],
  // The case workflow decides which role may take which action in the current stage.
  'POST /api/applications/{id}/actions/{action}': [
    'applicant',
    'reviewer',
    'evaluator',
    ...COORDINATORS,
    'purchaser',
    'admin',
  ],
  'GET /api/applications/{id}/score-sheets': ['reviewer', ...PROGRAM_READERS],
  'PUT /api/applications/{id}/review-draft': ['reviewer'],
  'GET /api/applications/{id}/review-draft': ['reviewer'],
  'GET /api/reviewers/{reviewerId}/queue': ['reviewer', ...COORDINATORS, 'admin'],
  'GET /api/reviewers/{reviewerId}/reviews': ['reviewer', ...COORDINATORS, 'admin'],
  'POST /api/public/applications/{id}/objections': 'public',
  'GET /api/public/programs': 'public',
  'GET /api/public/programs/{id}/results': 'public',
  'GET /api/organizations/{id}/applications': ['applicant', ...PROGRAM_READERS],
  // The projects a company funds: its funder members (the service checks which company) and the district's staff.
  'GET /api/funders/{organizationId}/applications': ['funder', ...COORDINATORS, 'admin'],

  'GET /api/notifications': ['user'],
  'POST /api/notifications/{id}/read': ['user', 'leadership'],

  'POST /api/experts': ['coordinator:district', 'admin'],
  'GET /api/experts': [...COORDINATORS, 'admin'],
  'GET /api/experts/{id}': ['reviewer', ...COORDINATORS, 'admin'],
  'PATCH /api/experts/{id}': ['coordinator:district', 'admin'],
  'POST /api/experts/{id}/conflicts': ['reviewer', 'coordinator:district', 'admin'],
  'GET /api/experts/{id}/conflicts': ['reviewer', ...COORDINATORS, 'admin'],

  'GET /api/admin/users': ['admin'],
  'POST /api/admin/users': ['admin'],
  'PATCH /api/admin/users/{id}': ['admin'],
  'GET /api/admin/audit': ['admin'],
  'GET /api/admin/audit/verify': ['admin'],
};

/** `GET /api/programs/:id` (Express) → `GET /api/programs/{id}` (OpenAPI), the table's spelling. */
export function routeKey(method: string, expressPath: string): string {
  return `${method.toUpperCase()} ${expressPath.replace(/:(\w+)/g, '{$1}')}`;
}

/** The roles a request counts as holding for the table: its own, `applicant` when acting for one, `user`. */
export function grantedRoles(
  method: string,
  actor: { roles: readonly string[]; organizationId?: string },
): Set<string> {
  const roles = new Set(actor.roles);
  if (actor.organizationId) roles.add('applicant');
  // Leadership is read-only: signed in, it may read what any user may, but it changes nothing.
  if (method.toUpperCase() === 'GET' || !roles.has('leadership')) roles.add('user');
  return roles;
}

/** True when the table lets an actor with these roles call the route. */
export function routeAllows(access: RouteAccess, roles: Set<string>): boolean {
  return access === 'public' || access.some((role) => roles.has(role));
}
