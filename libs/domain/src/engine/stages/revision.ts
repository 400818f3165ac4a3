import type { ActionRefusal } from '../../cases';
import type { RevisionRule } from '../../templates';
import { instantAfter } from '../case-context';
import type { CaseActionInput } from '../case-state';
import { refusal, type CaseStep } from '../case-step';

// Returning a case for correction (补正) and taking it back: shared by submission and screening stages.

/** A coordinator returns the case for revision with a deadline from the stage's rule. */
export function requestRevision(
  step: CaseStep,
  rule: RevisionRule,
  input: CaseActionInput,
): ActionRefusal | undefined {
  const { state } = step;
  if (!rule.allowed)
    return refusal(
      'conflict',
      'revision_not_allowed',
      '本阶段不允许退回补正',
      'This stage does not return cases for revision',
    );
  if (state.revisionRequest)
    return refusal(
      'conflict',
      'revision_pending',
      '已退回补正，等待申报单位重新提交',
      'A revision is already requested and pending',
    );
  if (state.pendingOutcome)
    return refusal(
      'conflict',
      'already_decided',
      '本阶段结果已确定',
      'The outcome of this stage is already decided',
    );
  if (!input.reason?.trim()) {
    return {
      ...refusal('invalid', 'reason_required', '退回补正须说明原因', 'A revision request needs a reason'),
      fields: [],
    };
  }
  const rounds = state.revisionRounds[state.stage] ?? 0;
  if (rounds >= rule.maxRounds) {
    return refusal(
      'conflict',
      'revision_rounds_used',
      `补正次数已达上限（${rule.maxRounds} 次）`,
      `The ${rule.maxRounds} allowed revision rounds are used`,
    );
  }
  const deadline = instantAfter(step.context, rule.deadline, step.now);
  state.revisionRounds[state.stage] = rounds + 1;
  state.revisionRequest = { deadline, reason: input.reason.trim(), requestedBy: input.actor.userId };
  state.phase = 'revision_requested';
  step.data = { deadline, round: rounds + 1 };
  step.notifyApplicant(
    `revision:${rounds + 1}`,
    'revision_requested',
    { zh: '申请被退回补正', en: 'Your application was returned for revision' },
    {
      zh: `原因：${input.reason.trim()}；请于 ${deadline} 前重新提交`,
      en: `Reason: ${input.reason.trim()}. Resubmit by ${deadline}`,
    },
    deadline,
  );
  return undefined;
}

/** The applicant resubmits a returned case as a new revision of the document, before the deadline. */
export function resubmit(
  step: CaseStep,
  input: CaseActionInput,
  phaseAfter: string,
): ActionRefusal | undefined {
  const { state } = step;
  if (!state.revisionRequest)
    return refusal(
      'conflict',
      'no_revision_requested',
      '申请未被退回补正，无需重新提交',
      'No revision was requested',
    );
  if (step.now > state.revisionRequest.deadline) {
    return refusal(
      'deadline',
      'deadline_passed',
      `补正期限 ${state.revisionRequest.deadline} 已过`,
      `The revision deadline ${state.revisionRequest.deadline} has passed`,
    );
  }
  const revision = input.revision ?? state.revision + 1;
  if (revision <= state.revision) {
    return refusal(
      'conflict',
      'stale_revision',
      `须提交新的修订版本（当前为第 ${state.revision} 版）`,
      `Submit a new revision (the current one is ${state.revision})`,
    );
  }
  state.revision = revision;
  state.revisionRequest = null;
  state.phase = phaseAfter;
  step.data = { revision };
  return undefined;
}

/** A missed revision deadline ends the stage with `revision_missed`, where the template says. */
export function expireRevision(step: CaseStep): boolean {
  const request = step.state.revisionRequest;
  if (!request || step.now <= request.deadline) return false;
  step.reason = `补正期限 ${request.deadline} 已过 / revision deadline passed`;
  step.conclude('revision_missed');
  return true;
}
