import type { ActionRefusal } from '../../cases';
import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf, type CaseStep } from '../case-step';
import { expireRevision, requestRevision, resubmit } from './revision';

/**
 * Submission window (征集, 投标): submit, return for revision, resubmit; the program closes the window. A sealed
 * submission may be replaced by a new version until the window closes; an amended call returns submitted cases
 * to draft.
 */
export const submissionStage: StageBehaviour = {
  act(step, _stage, input) {
    const stage = stageOf(step, 'submission');
    const { state } = step;
    switch (input.action) {
      case 'submit': {
        if (stage.settings.sealed && state.phase === 'submitted' && !state.stageClosed) {
          return replaceSealed(step, input.revision);
        }
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
  onProgram(step, _stage, notice) {
    if (notice.type !== 'call_amended' || step.state.stageClosed) return;
    const { state } = step;
    const returned = state.phase === 'submitted';
    if (notice.deadline) state.stageDeadline = notice.deadline;
    if (returned) state.phase = 'draft';
    step.data = {
      amendmentId: notice.amendmentId,
      returnedToDraft: returned,
      ...(notice.deadline ? { deadline: notice.deadline } : {}),
    };
    step.notifyApplicant(
      `amended:${notice.amendmentId}`,
      'call_amended',
      { zh: '招标（征集）文件已修改', en: 'The call documents were amended' },
      returned
        ? {
            zh: `修改内容：${notice.summary}。您已提交的文件已退回草稿，请核对后在 ${state.stageDeadline ?? '截止时间'} 前重新提交`,
            en: `Amendment: ${notice.summary}. Your submission was returned to draft; check it and submit again by ${state.stageDeadline ?? 'the deadline'}`,
          }
        : {
            zh: `修改内容：${notice.summary}`,
            en: `Amendment: ${notice.summary}`,
          },
      state.stageDeadline ?? undefined,
    );
  },
  onClock(step) {
    expireRevision(step);
  },
};

// A sealed submission replaced before the window closes: the new version counts, the old one is never opened.
function replaceSealed(step: CaseStep, revision: number | undefined): ActionRefusal | undefined {
  const { state } = step;
  if (state.stageDeadline && step.now > state.stageDeadline) {
    return refusal(
      'deadline',
      'deadline_passed',
      `投标截止时间 ${state.stageDeadline} 已过，不能再替换`,
      `The window closed at ${state.stageDeadline}; the submission can no longer be replaced`,
    );
  }
  const next = revision ?? state.revision + 1;
  if (!Number.isSafeInteger(next) || next <= state.revision) {
    return {
      ...refusal(
        'invalid',
        'stale_revision',
        '替换的文件版本须新于已提交的版本',
        'A replacement must be a newer version than the one submitted',
      ),
      fields: [
        {
          field: 'revision',
          code: 'min',
          message: { zh: `须大于 ${state.revision}`, en: `must be above ${state.revision}` },
        },
      ],
    };
  }
  step.data = { revision: next, replaced: state.revision };
  state.revision = next;
  return undefined;
}
