import type { WorkingDayCalendar } from '../calendar';
import type { ProcessTemplate, StageDuration } from '../templates';
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
