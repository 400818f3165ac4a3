import type { LocalizedText } from '../cases';
import type { StageAction, TerminalState } from '../templates';

/** Who acts on a case; the same shape as the contracts' Actor, repeated so the domain imports no contracts. */
export interface CaseActor {
  userId: string;
  roles: readonly string[];
  organizationId?: string;
  /** A coordinator's street or community. */
  scope?: string;
}

/** A review in the current review stage, tied to the revision it scored. */
export interface CaseReview {
  reviewerId: string;
  revision: number;
  total: number;
  scores: Record<string, number>;
  comments: Record<string, string>;
}

/** One reviewer's assignment to the case in the current review stage, with its due date. */
export interface ReviewAssignment {
  reviewerId: string;
  assignedAt: string;
  dueAt: string;
  /** When the reviewer is reminded, a quarter of the time before the due date. */
  remindAt: string;
  status: 'assigned' | 'submitted' | 'recused' | 'expired';
  reminded: boolean;
}

/** Where a case stands on reviewers who disagree (see the rubric's disagreement rule). */
export interface CaseDisagreement {
  status: 'needs_consensus' | 'needs_extra_reviewer' | 'resolved';
  flags: { target: 'criterion' | 'total'; criterionId?: string; spread: number; threshold: number }[];
}

/** The score a chair recorded for the panel after reviewers disagreed, with the justification. */
export interface CaseConsensus {
  chairId: string;
  total: number;
  scores: Record<string, number>;
  justification: string;
  recordedAt: string;
}

/** An objection raised during the public notice (公示异议). */
export interface CaseObjection {
  id: string;
  raisedBy: string;
  reason: string;
  raisedAt: string;
  resolution: null | { upheld: boolean; reason: string; resolvedBy: string };
}

/** A milestone report of an implementation or closure stage. */
export interface CaseReport {
  key: string;
  dueAt: string;
  remindAt: string;
  overdueAt: string | null;
  status: 'due' | 'submitted' | 'accepted';
  reminded: boolean;
  overdueNotified: boolean;
}

/** One instalment of the award. */
export interface CaseTranche {
  key: string;
  releasedOn: string;
  amountFen: number;
  status: 'pending' | 'released' | 'stopped';
}

/** The award a case received in the decision stage. */
export interface CaseAward {
  tier: string;
  amountFen: number;
}

/** A performance evaluation result. */
export interface CaseEvaluation {
  stageKey: string;
  score: number;
  grade: string;
  passed: boolean;
}

/**
 * Everything the engine knows about one case. Plain JSON (workflow state, projection input), ids and small
 * facts only; documents stay in Postgres.
 */
export interface CaseState {
  /** Current stage key, or the terminal state once the case has ended. */
  stage: string;
  terminal: TerminalState | null;
  /** Where the case stands inside its stage, e.g. `revision_requested`, `under_review`. */
  phase: string;
  stageEnteredAt: string;
  /** When the current stage ends, as fixed when it opened (or moved by an extension). */
  stageDeadline: string | null;
  /** True once the program closed the current (program-wide) stage; outcomes then apply at once. */
  stageClosed: boolean;
  /** The stage's outcome, decided but waiting for the program to close the stage for everyone. */
  pendingOutcome: { outcome: string; reason?: string } | null;
  stageOverdueNotified: boolean;
  revision: number;
  sequence: number;
  revisionRequest: { deadline: string; reason: string; requestedBy: string } | null;
  revisionRounds: Record<string, number>;
  screeningChecks: Record<string, boolean> | null;
  /** Reviewers currently expected to review (assigned or done); see reviewAssignments for the history. */
  reviewers: string[];
  reviews: CaseReview[];
  reviewAssignments?: ReviewAssignment[];
  /** Reviewers the case still needs after a recusal, an expiry or a disagreement asking for one more. */
  replacementsNeeded?: number;
  disagreement?: CaseDisagreement | null;
  consensus?: CaseConsensus | null;
  award: CaseAward | null;
  objections: CaseObjection[];
  signatures: string[];
  reports: CaseReport[];
  tranches: CaseTranche[];
  evaluations: CaseEvaluation[];
}

/** A recorded change: who, when, from, to, why, and the facts of the action. */
export interface CaseTransitionRecord {
  sequence: number;
  action: string;
  fromStage: string;
  toStage: string;
  actorId: string;
  /** The roles the actor acted in (absent for the program and the clock); the audit trail records them. */
  actorRoles?: string[];
  reason?: string;
  occurredAt: string;
  revision: number;
  data?: Record<string, unknown>;
}

/** Someone to tell about a case. */
export type NoticeRecipient =
  { kind: 'organization'; id: string } | { kind: 'user'; id: string } | { kind: 'role'; id: string };

/** Something a person must learn about: a new stage, a revision request, a deadline, a decision. */
export interface CaseNotice {
  /** Stable within the case, so a replayed or retried notice is stored once. */
  key: string;
  kind: string;
  recipients: NoticeRecipient[];
  title: LocalizedText;
  body: LocalizedText;
  dueAt?: string;
}

/** The input of a human action on a case; the fields used depend on the action. */
export interface CaseActionInput {
  action: StageAction;
  actor: CaseActor;
  reason?: string;
  /** submit, resubmit: the document revision being submitted. */
  revision?: number;
  /** screen: the decision and the checklist results. */
  decision?: 'eligible' | 'ineligible';
  checks?: Record<string, boolean>;
  /** submit_review: the score sheet. */
  scores?: Record<string, unknown>;
  comments?: Record<string, unknown>;
  /** record_outcome: the stage outcome a coordinator records. */
  outcome?: string;
  /** object / resolve_objection. */
  objectionId?: string;
  upheld?: boolean;
  /** submit_report / accept_report. */
  reportKey?: string;
  /** record_evaluation: performance score out of 100. */
  score?: number;
  /** extend_deadline: the new deadline. */
  until?: string;
  /** assign_reviewers: the reviewers a coordinator assigns by hand. */
  reviewerIds?: string[];
  /** award: the tier and the amount. */
  tier?: string;
  amountFen?: number;
  /** release_tranche: which instalment. */
  trancheKey?: string;
}

/** What the program tells a case. */
export type ProgramNotice =
  /** The program closed a program-wide stage; the case moves on with its decided outcome. */
  | { type: 'stage_closed'; stageKey: string; nextStageDeadline?: string }
  /** The program decided this case's outcome of a stage (review ranking, award allocation). */
  | {
      type: 'stage_outcome';
      stageKey: string;
      outcome: string;
      reason?: string;
      award?: CaseAward;
      /** Facts behind the outcome (rank, score), recorded on the transition. */
      data?: Record<string, unknown>;
      nextStageDeadline?: string;
    }
  /** Reviewers were assigned to the case for a review stage. */
  | { type: 'reviewers_assigned'; stageKey: string; reviewerIds: string[]; replacement?: boolean }
  /** No alternate reviewer could be found; a coordinator has to assign one. */
  | { type: 'replacement_unavailable'; stageKey: string; reason: string }
  /** The deadline of a program-wide stage moved. */
  | { type: 'deadline_moved'; stageKey: string; deadline: string };

/** A command to the case engine. */
export type CaseCommand =
  | { type: 'action'; input: CaseActionInput }
  | { type: 'program'; notice: ProgramNotice }
  /** Time passed: deadlines and reminders due at or before now take effect. */
  | { type: 'clock' };
