import type { LocalizedText } from '../cases';
import type { TieBreak } from '../review/scoring';
import type { Fen } from '../money';
import type { Role, StageAction } from './roles';

/** How long a stage or wait lasts: working days on the program's holiday calendar, or seconds when test-sized. */
export type StageDuration = { workingDays: number } | { seconds: number };

/** States a case never leaves. */
export const TERMINAL_STATES = [
  'withdrawn',
  'ineligible',
  'not_advanced',
  'declined',
  'terminated',
  'closed',
  'unsuccessful',
] as const;

/**
 * A state a case never leaves: withdrawn (by the applicant or by a missed deadline), ineligible, not advanced
 * by review, declined (not funded or award revoked), terminated (after award), closed (completed), unsuccessful
 * (the whole call failed through no fault of the case, e.g. a tender with too few valid bids, 流标).
 */
export type TerminalState = (typeof TERMINAL_STATES)[number];

/** Where an outcome leads: another stage of the same template, or a terminal state. */
export type OutcomeTransition = { stage: string } | { terminal: TerminalState };

/** The closed library of stage kinds; each is one stage function in the case workflow. */
export const STAGE_KINDS = [
  'submission',
  'screening',
  'review',
  'decision',
  'public_notice',
  'agreement',
  'implementation',
  'evaluation',
  'closure',
] as const;

/** One kind of stage from the library. */
export type StageKind = (typeof STAGE_KINDS)[number];

/** Every way a stage of each kind can end; a template maps each possible one to a stage or terminal state. */
export const STAGE_OUTCOMES = {
  submission: ['submitted', 'not_submitted', 'withdrawn', 'revision_missed'],
  screening: ['eligible', 'ineligible', 'withdrawn', 'revision_missed', 'too_few_eligible'],
  review: ['advanced', 'not_advanced', 'withdrawn'],
  decision: ['awarded', 'declined', 'withdrawn'],
  public_notice: ['confirmed', 'objection_upheld', 'withdrawn'],
  agreement: ['signed', 'not_signed', 'withdrawn'],
  implementation: ['completed', 'terminated'],
  evaluation: ['passed', 'failed'],
  closure: ['closed'],
} as const satisfies Record<StageKind, readonly string[]>;

/** An outcome of a stage of kind K. */
export type StageOutcome<K extends StageKind = StageKind> = (typeof STAGE_OUTCOMES)[K][number];

/** The actions that make sense in each kind of stage; a template grants a subset of them per role. */
export const STAGE_KIND_ACTIONS = {
  submission: ['submit', 'resubmit', 'withdraw', 'request_revision', 'extend_deadline'],
  screening: ['screen', 'request_revision', 'resubmit', 'withdraw', 'extend_deadline'],
  review: [
    'assign_reviewers',
    'declare_conflict',
    'submit_review',
    'resolve_disagreement',
    'record_outcome',
    'withdraw',
    'extend_deadline',
  ],
  decision: ['award', 'decline', 'withdraw', 'extend_deadline'],
  public_notice: ['object', 'resolve_objection', 'record_outcome', 'withdraw', 'extend_deadline'],
  agreement: ['sign_agreement', 'withdraw', 'extend_deadline'],
  implementation: [
    'submit_report',
    'accept_report',
    'request_revision',
    'release_tranche',
    'record_outcome',
    'extend_deadline',
  ],
  evaluation: ['submit_report', 'record_evaluation', 'release_tranche', 'extend_deadline'],
  closure: ['submit_report', 'accept_report', 'release_tranche', 'close'],
} as const satisfies Record<StageKind, readonly StageAction[]>;

/** What happens when a stage's time runs out before a case in it has reached an outcome. */
export type DeadlineRule<O extends string> =
  /** The case leaves the stage with this outcome (e.g. an unsigned agreement lapses). */
  | { recordOutcome: O }
  /** The case stays; these roles are told it is overdue (e.g. screening coordinators have not finished). */
  | { notify: Role[] };

/** The actions each role may take in a stage; roles not listed may take none. */
export type StagePermissions = Partial<Record<Role, StageAction[]>>;

interface StageBase<K extends StageKind, S> {
  /** Unique within the template; used in case state, search attributes and transitions. */
  key: string;
  kind: K;
  name: LocalizedText;
  /** How long the stage lasts from when it opens; the deadline is fixed as an instant at that moment. */
  duration: StageDuration;
  permissions: StagePermissions;
  onDeadline: DeadlineRule<StageOutcome<K>>;
  /** Where each outcome leads; every outcome the stage can produce must be mapped. */
  outcomes: Partial<Record<StageOutcome<K>, OutcomeTransition>>;
  settings: S;
}

/** Whether a returned case may be corrected (补正), how soon and how often; missing it is 'revision_missed'. */
export type RevisionRule = { allowed: false } | { allowed: true; deadline: StageDuration; maxRounds: number };

/** Settings of a submission (征集) stage. The stage's duration is the submission window. */
export interface SubmissionSettings {
  /** 'program_call': one window for all cases, set by the program's call; 'per_case': from each case's start. */
  window: 'program_call' | 'per_case';
  revision: RevisionRule;
  /**
   * Sealed submissions (密封投标): nobody but the submitting organization may read one before the window closes
   * (the opening), and a submitted one may be replaced by a new version until then.
   */
  sealed?: boolean;
}

/** One item of an eligibility checklist. */
export interface EligibilityCheck {
  key: string;
  label: LocalizedText;
  /** A failed correctable check sends the case back for revision (补正) instead of making it ineligible. */
  correctable: boolean;
}

/** Settings of an eligibility screening (资格审查) stage; whoever is granted `screen` decides. */
export interface ScreeningSettings {
  checklist: EligibilityCheck[];
  revision: RevisionRule;
  /**
   * Fewest eligible cases the call needs: with fewer when the stage closes, the whole call is unsuccessful (流标)
   * and every case still in the stage takes the outcome 'too_few_eligible'.
   */
  minEligible?: number;
}

/** How a review stage chooses who advances once scores are final. */
export type AdvancementRule =
  /** Everyone whose final score reaches the minimum, in the rubric's points. */
  | { rule: 'min_score'; minScore: number }
  /** The best `count` cases by ranking. */
  | { rule: 'top_n'; count: number }
  /** The best `percent` % of cases by ranking, rounded down. */
  | { rule: 'top_share'; percent: number }
  /** Everyone who passes the rubric's own per-criterion and overall thresholds (EU style). */
  | { rule: 'rubric_thresholds' };

/** Settings of a review stage. The stage's duration is the review period. */
export interface ReviewSettings {
  /** Street preliminary review (初评) or district final review by the expert committee (终评). */
  level: 'street' | 'district';
  /** Rubric by id; rubric definitions live with the scoring rules, not in templates. */
  rubricId: string;
  reviewersPerCase: number;
  /** Reviewers do not see who applied. */
  blind: boolean;
  /** What a spread of scores beyond the rubric's tolerance asks for: consensus, or one more reviewer. */
  disagreement: 'consensus' | 'extra_reviewer';
  advancement: AdvancementRule;
  /** Every panel has at least one district-level expert (e.g. in a street round). */
  requireDistrictExpert?: boolean;
  /** How ties in the ranking are broken, after the total; default: lower request, earlier submission, case id. */
  tieBreaks?: TieBreak[];
  /**
   * Comprehensive scoring (综合评分法): the ranking adds a price part (lowest amount ÷ case's amount × 100 ×
   * weight) to the rubric total scaled to (100 − weight); the case's requested amount is its price.
   */
  priceScoring?: { priceWeightPercent: number };
}

/** A funding tier of a decision, highest first (e.g. 重点资助 key funding above 入围 shortlist). */
export interface AwardTier {
  key: string;
  name: LocalizedText;
  /** Largest award one case may receive in this tier. */
  maxAwardFen?: Fen;
  /** Most cases this tier may fund. */
  maxAwards?: number;
  /** Cases scoring at least this may be funded in this tier (default 0: any score). */
  minScore?: number;
}

/** Limits on the cases funded per category (the application's `category`), for a balanced portfolio. */
export interface CategoryQuota {
  category: string;
  /** At least this many cases of the category are funded (the allocation fails if no allocation can). */
  minCount?: number;
  /** At most this many cases of the category are funded. */
  maxCount?: number;
  /** At most this much money goes to the category in total. */
  maxAmountFen?: Fen;
}

/** Settings of a decision stage: who is funded, in which tier, within the budget. */
export interface DecisionSettings {
  tiers: AwardTier[];
  /** The budget comes from the program (usual) or is fixed by the template. */
  budget: { source: 'program' } | { source: 'template'; totalFen: Fen };
  /** When the budget left cannot cover a request in full, at least `floorPercent` % of it may be awarded. */
  partialFunding: { allowed: false } | { allowed: true; floorPercent: number };
  /** Per-category minimum and maximum counts and maximum money; one entry per category. */
  categoryQuotas?: CategoryQuota[];
  /**
   * 'program' (default): the program allocates the budget across all cases when the stage closes and a
   * coordinator confirms the proposal. 'by_hand': each case is decided on its own, when a coordinator awards or
   * declines it (a claim confirmed, 认领确认; a funder's project placed); the stage runs on the case's clock.
   */
  allocation?: 'program' | 'by_hand';
}

/** Settings of a public notice (公示) stage. The stage's duration is the notice period. */
export interface PublicNoticeSettings {
  objectionsAllowed: boolean;
}

/** Settings of an agreement (协议) stage. The stage's duration is the time allowed to sign. */
export interface AgreementSettings {
  /** Every one of these roles must sign before the agreement holds. */
  signatories: Role[];
}

/** A milestone report the applicant files during implementation. */
export interface MilestoneReport {
  key: string;
  name: LocalizedText;
  /** Due this long after the stage opens. */
  dueAfter: StageDuration;
  /** The applicant is reminded this long before it is due. */
  remindBefore: StageDuration;
  /** A late report is still accepted this long after it was due, then coordinators are alerted; none if absent. */
  overdueGrace?: StageDuration;
}

/** Events that can make a payment tranche due. */
export const TRANCHE_EVENTS = [
  'agreement_signed',
  'report_accepted',
  'midterm_passed',
  'final_passed',
  'closed',
] as const;

/** The event that makes a payment tranche due. */
export type TrancheEvent = (typeof TRANCHE_EVENTS)[number];

/** One instalment of an award, as a whole percentage of it. */
export interface PaymentTranche {
  key: string;
  name: LocalizedText;
  percent: number;
  releasedOn: TrancheEvent;
  /** With 'report_accepted': the milestone report whose acceptance makes the tranche due (a delivery milestone). */
  reportKey?: string;
}

/**
 * Settings of an implementation (实施) stage. The stage's duration is the delivery period. Tranches of all
 * implementation stages of a template together make up one award's payment plan (100 %).
 */
export interface ImplementationSettings {
  reports: MilestoneReport[];
  tranches: PaymentTranche[];
}

/** A band of performance scores, [minScore, maxScore) except that the band reaching 100 includes 100. */
export interface EvaluationGradeBand {
  key: string;
  name: LocalizedText;
  minScore: number;
  maxScore: number;
  passing: boolean;
}

/** Settings of a performance evaluation (评估) stage. */
export interface EvaluationSettings {
  phase: 'midterm' | 'final';
  /** Evaluation sheet by id (budget execution, outputs, outcomes, satisfaction), scored out of 100. */
  rubricId: string;
  grades: EvaluationGradeBand[];
  /**
   * What a failing grade does: 'stop_tranches' releases no further tranche and the case goes where `failed` leads;
   * 'terminate' ends the agreement, so `failed` must lead to the terminal state 'terminated'.
   */
  failingGrade: 'stop_tranches' | 'terminate';
  /** A failing grade also marks the provider, barring it from the next year's purchases (政府购买服务). */
  barProviderOnFail?: boolean;
}

/** Settings of a closure (结项) stage. */
export interface ClosureSettings {
  /** The final financial statement (决算) must be accepted before the case closes. */
  requireFinalAccounts: boolean;
}

/** Collects applications or bids within a window. */
export type SubmissionStage = StageBase<'submission', SubmissionSettings>;
/** Checks eligibility against a checklist. */
export type ScreeningStage = StageBase<'screening', ScreeningSettings>;
/** Scores cases against a rubric and decides who advances. */
export type ReviewStage = StageBase<'review', ReviewSettings>;
/** Funds cases in tiers within a budget. */
export type DecisionStage = StageBase<'decision', DecisionSettings>;
/** Publishes results for a period in which objections may be raised. */
export type PublicNoticeStage = StageBase<'public_notice', PublicNoticeSettings>;
/** Waits for the agreement or contract to be signed. */
export type AgreementStage = StageBase<'agreement', AgreementSettings>;
/** Tracks delivery: milestone reports and payment tranches. */
export type ImplementationStage = StageBase<'implementation', ImplementationSettings>;
/** Grades performance at mid-term or at the end. */
export type EvaluationStage = StageBase<'evaluation', EvaluationSettings>;
/** Closes the case. */
export type ClosureStage = StageBase<'closure', ClosureSettings>;

/** Any stage of a process template. */
export type Stage =
  | SubmissionStage
  | ScreeningStage
  | ReviewStage
  | DecisionStage
  | PublicNoticeStage
  | AgreementStage
  | ImplementationStage
  | EvaluationStage
  | ClosureStage;

/** The stage type of one kind. */
export type StageOfKind<K extends StageKind> = Extract<Stage, { kind: K }>;
