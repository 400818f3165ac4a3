import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf } from '../case-step';
import { planTranches } from './tranches';

/** Decision (入围/重点资助): the program allocates the budget; a coordinator may award or decline by hand. */
export const decisionStage: StageBehaviour = {
  enter(step) {
    step.state.phase = 'awaiting_decision';
  },
  act(step, _stage, input) {
    const stage = stageOf(step, 'decision');
    const { state } = step;
    if (state.pendingOutcome)
      return refusal(
        'conflict',
        'already_decided',
        '资助决定已作出',
        'The funding decision was already made',
      );
    switch (input.action) {
      case 'award': {
        const tier = stage.settings.tiers.find((candidate) => candidate.key === input.tier);
        if (!tier) {
          return {
            ...refusal('invalid', 'unknown_tier', '资助档次不存在', 'No such award tier'),
            fields: [
              {
                field: 'tier',
                code: 'isIn',
                message: {
                  zh: `须为 ${stage.settings.tiers.map((t) => t.key).join('、')} 之一`,
                  en: `must be one of ${stage.settings.tiers.map((t) => t.key).join(', ')}`,
                },
              },
            ],
          };
        }
        const amount = input.amountFen ?? 0;
        const cap = Math.min(step.context.requestedAmountFen, tier.maxAwardFen ?? Number.MAX_SAFE_INTEGER);
        if (!Number.isSafeInteger(amount) || amount <= 0 || amount > cap) {
          return {
            ...refusal(
              'invalid',
              'amount_out_of_range',
              `资助金额须在 1 至 ${cap} 分之间`,
              `The award must be between 1 and ${cap} fen`,
            ),
            fields: [
              {
                field: 'amountFen',
                code: 'max',
                message: {
                  zh: `不能超过 ${cap} 分（申请额与档次上限中较小者）`,
                  en: `must not exceed ${cap} fen (the request or the tier cap)`,
                },
              },
            ],
          };
        }
        state.award = { tier: tier.key, amountFen: amount };
        state.tranches = planTranches(step.context.template, state.award);
        step.data = { ...state.award };
        step.conclude('awarded', input.reason);
        return undefined;
      }
      case 'decline':
        if (!input.reason?.trim())
          return refusal('invalid', 'reason_required', '不予资助须说明原因', 'Declining needs a reason');
        step.conclude('declined', input.reason);
        return undefined;
      default:
        return undefined;
    }
  },
  onProgram(step, _stage, notice) {
    if (notice.type !== 'stage_outcome') return;
    step.state.stageClosed = true;
    if (notice.outcome === 'awarded' && notice.award) {
      step.state.award = notice.award;
      step.state.tranches = planTranches(step.context.template, notice.award);
    }
    step.data = { ...notice.data, ...(notice.award ?? {}) };
    step.leave(notice.outcome, notice.reason, notice.nextStageDeadline);
  },
};
