import {
  createCaseProjectionActivities,
  type CaseProjectionDependencies,
} from './case-projection.activities';
import { createNotificationActivities, type NotificationDependencies } from './notification.activities';
import { createProgramActivities, type ProgramActivityDependencies } from './program.activities';
import { createReviewAssignmentActivities } from './review-assignment.activities';

export * from './case-projection.activities';
export * from './notification.activities';
export * from './program.activities';
export * from './review-assignment.activities';
export * from './signal-cases';

/** Everything activities need from the hosting process. */
export type ActivityDependencies = CaseProjectionDependencies &
  ProgramActivityDependencies &
  NotificationDependencies;

/** Builds every activity the worker registers. */
export function createActivities(dependencies: ActivityDependencies) {
  return {
    ...createCaseProjectionActivities(dependencies),
    ...createProgramActivities(dependencies),
    ...createNotificationActivities(dependencies),
    ...createReviewAssignmentActivities(dependencies),
  };
}

/** The activity interface workflows proxy (types only cross into workflow code). */
export type Activities = ReturnType<typeof createActivities>;
