import { instantAfter, instantBefore } from '../case-context';
import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf } from '../case-step';
import { chaseReports, reportWakeUps, reviewReport, submitReport } from './reports';
import { releaseTrancheByHand, stopTranches } from './tranches';

/** Implementation (实施): milestone reports with reminders and overdue alerts; the delivery period ends it. */
export const implementationStage: StageBehaviour = {
  enter(step) {
    const stage = stageOf(step, 'implementation');
    step.state.phase = 'in_progress';
    step.state.reports = stage.settings.reports.map((report) => {
      const dueAt = instantAfter(step.context, report.dueAfter, step.now);
      return {
        key: report.key,
        dueAt,
        remindAt: instantBefore(step.context, report.remindBefore, dueAt),
        overdueAt: report.overdueGrace ? instantAfter(step.context, report.overdueGrace, dueAt) : dueAt,
        status: 'due' as const,
        reminded: false,
        overdueNotified: false,
      };
    });
  },
  act(step, _stage, input) {
    switch (input.action) {
      case 'submit_report':
        return submitReport(step, input);
      case 'accept_report':
        return reviewReport(step, input, true);
      case 'request_revision':
        return reviewReport(step, input, false);
      case 'release_tranche':
        return releaseTrancheByHand(step, input.trancheKey)
          ? undefined
          : refusal(
              'conflict',
              'tranche_not_pending',
              '该笔款项不存在或已拨付/停止',
              'No such tranche pending',
            );
      case 'record_outcome': {
        if (input.outcome !== 'completed' && input.outcome !== 'terminated') {
          return refusal(
            'invalid',
            'unknown_outcome',
            '实施结果须为 completed 或 terminated',
            'The outcome must be completed or terminated',
          );
        }
        if (!input.reason?.trim())
          return refusal('invalid', 'reason_required', '须说明原因', 'A reason is needed');
        if (input.outcome === 'terminated') stopTranches(step, input.reason);
        step.conclude(input.outcome, input.reason);
        return undefined;
      }
      default:
        return undefined;
    }
  },
  onClock(step) {
    chaseReports(step);
  },
  wakeUps(state) {
    return reportWakeUps(state.reports);
  },
};
