import type { Actor } from '@grantflow/contracts';

/** Roles that read every case of the district (leadership and coordinators with a scope are limited to it). */
const DISTRICT_READERS = ['admin', 'coordinator:district', 'purchaser', 'evaluator'];
const SCOPED_READERS = ['leadership', 'coordinator:street', 'coordinator:community'];

/** How much of a case an actor may see: all of it, the proposal without who applied, or nothing (a 404). */
export type CaseVisibility = 'full' | 'blind' | 'none';

/** What decides who sees a case. */
export interface CaseAccessFacts {
  organizationId: string;
  street: string;
  community?: string | null;
  /** Everyone ever assigned to review the case. */
  reviewerIds: readonly string[];
  /** True when the program reviews without showing the applicant. */
  blindReview: boolean;
  /** The company paying for the program's projects (企业出资), if any. */
  funderOrganizationId?: string | null;
}

/**
 * Organizations see their own applications, a funder the cases of the program it funds; coordinators and leaders those of their street or community (all
 * of them without a scope); reviewers the cases assigned to them, blind where the program says; program staff
 * all of them. Anyone else is told the case does not exist.
 */
export function caseVisibility(actor: Actor, facts: CaseAccessFacts): CaseVisibility {
  if (actor.roles.some((role) => DISTRICT_READERS.includes(role))) return 'full';
  if (actor.roles.some((role) => SCOPED_READERS.includes(role)) && inScope(actor, facts)) return 'full';
  if (actor.organizationId && actor.organizationId === facts.organizationId) return 'full';
  // The funder signs and confirms the reports of the projects it pays for, so it reads them.
  if (
    actor.roles.includes('funder') &&
    !!actor.organizationId &&
    actor.organizationId === facts.funderOrganizationId
  )
    return 'full';
  if (actor.roles.includes('reviewer') && facts.reviewerIds.includes(actor.userId))
    return facts.blindReview ? 'blind' : 'full';
  return 'none';
}

function inScope(actor: Actor, facts: CaseAccessFacts): boolean {
  if (!actor.scope)
    return !actor.roles.includes('coordinator:community') && !actor.roles.includes('coordinator:street');
  return actor.scope === facts.street || (!!facts.community && actor.scope === facts.community);
}

/**
 * The street a list of cases is limited to for this actor, or undefined for the whole district. Staff with
 * a district-wide role see everything; street and community coordinators and scoped leaders see their street.
 */
export function streetRestriction(actor: Actor): string | undefined {
  if (actor.roles.some((role) => DISTRICT_READERS.includes(role))) return undefined;
  if (actor.roles.some((role) => SCOPED_READERS.includes(role))) return actor.scope ?? undefined;
  // Nobody else reaches case lists (the route table keeps them out); an empty street matches nothing.
  return '';
}

/** True when a notification recipient is the actor: the user, the organization it acts for, or one of its roles. */
export function ownsRecipient(actor: Actor, recipient: { kind: string; id: string }): boolean {
  if (actor.userId === 'anonymous') return false;
  switch (recipient.kind) {
    case 'user':
      return recipient.id === actor.userId;
    case 'organization':
      return !!actor.organizationId && recipient.id === actor.organizationId;
    case 'role':
      return actor.roles.some(
        (role) => recipient.id === role || (!!actor.scope && recipient.id === `${role}:${actor.scope}`),
      );
    default:
      return false;
  }
}

/** True when the actor may read an organization's profile and members: its own members, staff and admins. */
export function canSeeOrganization(actor: Actor, organizationId: string): boolean {
  if (actor.organizationId === organizationId) return true;
  return actor.roles.some((role) => [...DISTRICT_READERS, ...SCOPED_READERS].includes(role));
}

/**
 * True when the actor may list the projects a company funds (企业出资): members of that company acting for it in
 * the `funder` role, and the district's coordinators and administrators (street staff within their street, see
 * `streetRestriction`). Another company's funder, or the funder's colleagues without the role, may not.
 */
export function canSeeFundedProjects(actor: Actor, funderOrganizationId: string): boolean {
  if (actor.roles.includes('funder') && actor.organizationId === funderOrganizationId) return true;
  return actor.roles.some((role) => role === 'admin' || role.startsWith('coordinator:'));
}

/** True when the actor may change an organization: its admins and the platform's administrators. */
export function canManageOrganization(actor: Actor, organizationId: string): boolean {
  if (actor.roles.includes('admin')) return true;
  return actor.organizationId === organizationId && actor.organizationRole === 'admin';
}
