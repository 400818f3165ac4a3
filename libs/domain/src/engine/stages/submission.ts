import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf } from '../case-step';
import { expireRevision, requestRevision, resubmit } from './revision';

/** Submission window (征集): submit, return for revision, resubmit; the program closes the window. */
export const submissionStage: StageBehaviour = {
  act(step, _stage, input) {
    const stage = stageOf(step, 'submission');
    const { state } = step;
    switch (input.action) {
      case 'submit': {
        if (state.phase !== 'draft') {
          return refusal(
            'conflict',
            'already_submitted',
            `申请已提交，当前阶段为「${stage.name.zh}」，不能再次提交`,
            `The application was already submitted and is now in stage "${stage.name.en}"; it cannot be submitted again`,
          );
        }
        if (state.stageDeadline && step.now > state.stageDeadline) {
          return refusal(
            'deadline',
            'deadline_passed',
            `申报截止时间 ${state.stageDeadline} 已过`,
            `The submission window closed at ${state.stageDeadline}`,
          );
        }
        state.revision = input.revision ?? 1;
        state.phase = 'submitted';
        step.data = { revision: state.revision };
        return undefined;
      }
      case 'request_revision':
        if (state.phase === 'draft')
          return refusal('conflict', 'not_submitted', '草稿尚未提交', 'The draft was never submitted');
        return requestRevision(step, stage.settings.revision, input);
      case 'resubmit': {
        const refused = resubmit(step, input, 'submitted');
        // Once the window has closed, a corrected application moves on at once.
        if (!refused && state.stageClosed) step.conclude('submitted');
        return refused;
      }
      default:
        return undefined;
    }
  },
  outcomeOnClose(state) {
    if (state.phase === 'submitted') return 'submitted';
    if (state.phase === 'draft') return 'not_submitted';
    return undefined;
  },
  onClock(step) {
    expireRevision(step);
  },
};
