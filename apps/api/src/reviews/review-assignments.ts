import type { CaseState, ReviewAssignment } from '@grantflow/domain';

/** One reviewer's part in a case's current review stage, as the progress views show it. */
export interface AssignmentLine {
  reviewerId: string;
  status: ReviewAssignment['status'];
  assignedAt: string | null;
  dueAt: string | null;
}

/**
 * The reviewers of the case's current review stage. Cases started since review due dates exist carry
 * `reviewAssignments`; older ones only list their reviewers and reviews, so each reviewer there is `submitted`
 * or `assigned`, due when the stage ends (recusals of those cases left no trace in the state).
 */
export function assignmentsOf(state: CaseState): AssignmentLine[] {
  if (state.reviewAssignments) {
    return state.reviewAssignments.map(({ reviewerId, status, assignedAt, dueAt }) => ({
      reviewerId,
      status,
      assignedAt,
      dueAt,
    }));
  }
  const reviewed = new Set(state.reviews.map((review) => review.reviewerId));
  return [...new Set([...state.reviewers, ...reviewed])].map((reviewerId) => ({
    reviewerId,
    status: reviewed.has(reviewerId) ? 'submitted' : 'assigned',
    assignedAt: null,
    dueAt: state.stageDeadline,
  }));
}

/**
 * Overdue: the due date has passed and the reviewer did not submit. An expired assignment stays overdue after
 * an alternate took over (it is the record of a missed due date); a recused reviewer owes nothing.
 */
export function isOverdue(line: AssignmentLine, now: number): boolean {
  if (line.status !== 'assigned' && line.status !== 'expired') return false;
  return line.dueAt !== null && Date.parse(line.dueAt) < now;
}

/** The reviewer's open assignment (status `assigned`) on the case, if any. */
export function openAssignmentOf(state: CaseState, reviewerId: string): AssignmentLine | undefined {
  return assignmentsOf(state).find((line) => line.reviewerId === reviewerId && line.status === 'assigned');
}
