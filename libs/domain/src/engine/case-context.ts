import type { WorkingDayCalendar } from '../calendar';
import type { ProcessTemplate, Role, StageDuration } from '../templates';
import type { CaseActor } from './case-state';
import { durationBefore, durationEnd } from '../templates';

/** What a case is and what it runs on: its program's template snapshot and holiday calendar. */
export interface CaseContext {
  applicationId: string;
  programId: string;
  organizationId: string;
  street: string;
  /** The amount applied for; awards never exceed it. */
  requestedAmountFen: number;
  template: ProcessTemplate;
  /** The company paying for the program's projects (企业出资), whose members act in the `funder` role. */
  funderOrganizationId?: string;
  calendar: WorkingDayCalendar;
  /**
   * Behaviours added while cases were running, switched on per case by the workflow's patched() markers so
   * that older histories replay as they ran.
   */
  features?: { reviewDeadlines?: boolean };
}

/** The instant a duration after `from` ends (working days on the calendar, or seconds when test-sized). */
export function instantAfter(context: CaseContext, duration: StageDuration, from: string): string {
  return durationEnd(duration, new Date(from), context.calendar).instant.toISOString();
}

/** The instant a duration before `deadline`, for reminders. */
export function instantBefore(context: CaseContext, duration: StageDuration, deadline: string): string {
  return durationBefore(duration, new Date(deadline), context.calendar).instant.toISOString();
}

/**
 * True when the actor holds the role for this case, by its scope: an applicant only for its own organization, a
 * street coordinator only in its street, a community coordinator only in its street's communities, a funder only
 * on the program it funds. (Anyone acting for an organization carries `applicant`, a funder's members included.)
 */
export function holdsRoleFor(context: CaseContext, actor: CaseActor, role: Role): boolean {
  if (!actor.roles.includes(role)) return false;
  switch (role) {
    case 'applicant':
      return actor.organizationId === context.organizationId;
    case 'coordinator:street':
      return actor.scope === undefined || actor.scope === context.street;
    case 'coordinator:community':
      return actor.scope === undefined || actor.scope.startsWith(`${context.street}/`);
    case 'funder':
      // Only the program's own funder; a program without one has no funder to act.
      return !!context.funderOrganizationId && actor.organizationId === context.funderOrganizationId;
    default:
      return true;
  }
}
