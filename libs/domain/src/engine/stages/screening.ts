import type { ScreeningStage } from '../../templates';
import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf } from '../case-step';
import { expireRevision, requestRevision, resubmit } from './revision';

/** Eligibility screening (资格审查) against the template's checklist. */
export const screeningStage: StageBehaviour = {
  enter(step) {
    step.state.phase = 'awaiting_screening';
    step.state.screeningChecks = null;
  },
  act(step, _stage, input) {
    const stage = stageOf(step, 'screening');
    const { state } = step;
    switch (input.action) {
      case 'screen': {
        if (state.pendingOutcome)
          return refusal(
            'conflict',
            'already_decided',
            '资格审查结论已作出',
            'The screening decision was already made',
          );
        if (state.revisionRequest)
          return refusal(
            'conflict',
            'revision_pending',
            '申请已退回补正，须等待重新提交',
            'The case is out for revision; wait for the resubmission',
          );
        if (input.decision !== 'eligible' && input.decision !== 'ineligible') {
          return {
            ...refusal(
              'invalid',
              'decision_required',
              '须选择“符合”或“不符合”',
              'Choose eligible or ineligible',
            ),
            fields: [
              {
                field: 'decision',
                code: 'required',
                message: { zh: '须为 eligible 或 ineligible', en: 'must be eligible or ineligible' },
              },
            ],
          };
        }
        const known = new Set(stage.settings.checklist.map((check) => check.key));
        const unknown = Object.keys(input.checks ?? {}).filter((key) => !known.has(key));
        if (unknown.length > 0) {
          return {
            ...refusal(
              'invalid',
              'unknown_check',
              '审查清单中没有这些项目',
              'These items are not on the checklist',
            ),
            fields: unknown.map((key) => ({
              field: `checks.${key}`,
              code: 'unknown',
              message: { zh: '不是审查清单项目', en: 'is not a checklist item' },
            })),
          };
        }
        const failed = Object.entries(input.checks ?? {})
          .filter(([, passed]) => !passed)
          .map(([key]) => key);
        if (input.decision === 'eligible' && failed.length > 0) {
          return refusal(
            'invalid',
            'failed_checks',
            `有未通过的审查项目（${failed.join('、')}），不能认定为符合`,
            `Items failed (${failed.join(', ')}); the case cannot be eligible`,
          );
        }
        if (input.decision === 'ineligible' && !input.reason?.trim()) {
          return refusal(
            'invalid',
            'reason_required',
            '认定不符合须说明原因',
            'An ineligible decision needs a reason',
          );
        }
        state.screeningChecks = { ...(input.checks ?? {}) };
        step.data = { decision: input.decision, checks: state.screeningChecks };
        step.conclude(input.decision, input.reason);
        return undefined;
      }
      case 'request_revision':
        return requestRevision(step, stage.settings.revision, input);
      case 'resubmit':
        return resubmit(step, input, 'awaiting_screening');
      default:
        return undefined;
    }
  },
  onProgram(step, stage, notice) {
    // The program found too few eligible cases when the stage closed: the whole call is unsuccessful (流标).
    if (notice.type !== 'stage_outcome' || notice.outcome !== 'too_few_eligible') return;
    if (stage.kind !== 'screening' || stage.settings.minEligible === undefined) return;
    step.state.stageClosed = true;
    step.data = { ...notice.data };
    step.leave('too_few_eligible', notice.reason, notice.nextStageDeadline);
  },
  onClock(step) {
    expireRevision(step);
  },
};

/**
 * True when a screening stage with a minimum closes with fewer eligible cases than it (流标): the program then
 * tells every case still in the stage 'too_few_eligible' instead of closing the stage.
 */
export function callUnsuccessful(stage: ScreeningStage, eligibleCount: number): boolean {
  return stage.settings.minEligible !== undefined && eligibleCount < stage.settings.minEligible;
}
