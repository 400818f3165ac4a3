import type { ActionRefusal } from '../cases';
import { findStage, type ProcessTemplate } from '../templates';
import type { CaseActor, CaseState } from './case-state';
import { refusal } from './case-step';

/** What sealing depends on: where the case stands and when its window closes (the projection has all of it). */
export type SealingState = Pick<CaseState, 'terminal' | 'stage' | 'stageClosed' | 'stageDeadline'>;

/** Whether a case's submitted documents may be read by others yet, and from when. */
export type SubmissionAccess = { sealed: false } | { sealed: true; opensAt: string | null };

/**
 * A case in a sealed submission stage (密封投标) stays sealed until its window closes, by the program or by its
 * deadline (the opening, 开标); afterwards, and in every other stage, it is open to those the API lets read it.
 */
export function submissionAccess(
  template: ProcessTemplate,
  state: SealingState,
  now: string,
): SubmissionAccess {
  if (state.terminal) return { sealed: false };
  const stage = findStage(template, state.stage);
  if (!stage || stage.kind !== 'submission' || !stage.settings.sealed) return { sealed: false };
  if (state.stageClosed || (state.stageDeadline !== null && now > state.stageDeadline))
    return { sealed: false };
  return { sealed: true, opensAt: state.stageDeadline };
}

/**
 * Refuses a read of a sealed submission by anyone but the submitting organization, coordinators, purchasers and
 * administrators included; undefined when the read may go ahead.
 */
export function sealedReadRefusal(
  template: ProcessTemplate,
  organizationId: string,
  state: SealingState,
  actor: CaseActor,
  now: string,
): ActionRefusal | undefined {
  const access = submissionAccess(template, state, now);
  if (!access.sealed) return undefined;
  if (actor.roles.includes('applicant') && actor.organizationId === organizationId) return undefined;
  const when = access.opensAt ?? '开标';
  return refusal(
    'forbidden',
    'sealed_until_opening',
    `投标文件密封至开标时间（${when}），开标前任何人均不得查阅`,
    `Submissions are sealed until the opening (${access.opensAt ?? 'not yet set'}); nobody may read one before it`,
  );
}
