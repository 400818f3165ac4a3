import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf } from '../case-step';
import { reviewReport, submitReport } from './reports';
import { releaseTrancheByHand, releaseTranchesOn } from './tranches';

const FINAL_ACCOUNTS = 'final-accounts';

/** Closure (结项): the final accounts (决算) are filed and accepted, then a coordinator closes the case. */
export const closureStage: StageBehaviour = {
  enter(step) {
    const stage = stageOf(step, 'closure');
    step.state.phase = stage.settings.requireFinalAccounts ? 'awaiting_final_accounts' : 'ready_to_close';
    const dueAt = step.state.stageDeadline ?? step.now;
    step.state.reports = stage.settings.requireFinalAccounts
      ? [
          {
            key: FINAL_ACCOUNTS,
            dueAt,
            remindAt: dueAt,
            overdueAt: null,
            status: 'due',
            reminded: true,
            overdueNotified: true,
          },
        ]
      : [];
  },
  act(step, _stage, input) {
    const stage = stageOf(step, 'closure');
    switch (input.action) {
      case 'submit_report':
        return submitReport(step, { ...input, reportKey: input.reportKey ?? FINAL_ACCOUNTS });
      case 'accept_report': {
        const refused = reviewReport(step, { ...input, reportKey: input.reportKey ?? FINAL_ACCOUNTS }, true);
        if (!refused) step.state.phase = 'ready_to_close';
        return refused;
      }
      case 'release_tranche':
        return releaseTrancheByHand(step, input.trancheKey)
          ? undefined
          : refusal(
              'conflict',
              'tranche_not_pending',
              '该笔款项不存在或已拨付/停止',
              'No such tranche pending',
            );
      case 'close': {
        const accounts = step.state.reports.find((report) => report.key === FINAL_ACCOUNTS);
        if (stage.settings.requireFinalAccounts && accounts?.status !== 'accepted') {
          return refusal(
            'conflict',
            'final_accounts_missing',
            '项目决算尚未提交并验收，不能结项',
            'The final accounts must be filed and accepted before closing',
          );
        }
        step.conclude('closed', input.reason);
        releaseTranchesOn(step, 'closed');
        return undefined;
      }
      default:
        return undefined;
    }
  },
};
