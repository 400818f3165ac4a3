/** Every role a template can grant actions to; scopes of coordinators nest district → street → community. */
export const ROLES = [
  'applicant',
  'reviewer',
  'coordinator:community',
  'coordinator:street',
  'coordinator:district',
  'purchaser',
  'evaluator',
  // A company paying for a project (企业出资): signs the agreement and confirms the milestone reports that pay
  // its tranches, only on cases of the program it funds (its organization is the program's funder).
  'funder',
  'leadership',
  'admin',
  // Anyone acting on a published result: DOMAIN lists the public as the ones who raise objections (公示异议).
  'public',
] as const;

/** A role a template grants actions to, as it appears in an actor's roles. */
export type Role = (typeof ROLES)[number];

/** True when the text names a known role (actors carry roles as plain strings). */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Every named human action a stage can permit; update validators check them against the current stage. */
export const STAGE_ACTIONS = [
  'submit',
  'withdraw',
  'request_revision',
  'resubmit',
  'extend_deadline',
  'screen',
  'assign_reviewers',
  'declare_conflict',
  'submit_review',
  'resolve_disagreement',
  'record_outcome',
  'award',
  'decline',
  'object',
  'resolve_objection',
  'sign_agreement',
  'submit_report',
  'accept_report',
  'record_evaluation',
  'release_tranche',
  'close',
] as const;

/** A named human action in a stage. */
export type StageAction = (typeof STAGE_ACTIONS)[number];
