import { localizeFieldError, parseScoreSheet, RUBRIC_PRESETS } from '../../review/scoring';
import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf } from '../case-step';

/** Review (初评/终评): reviewers assigned by the program score the current revision; the program ranks. */
export const reviewStage: StageBehaviour = {
  enter(step) {
    Object.assign(step.state, { phase: 'awaiting_reviewers', reviewers: [], reviews: [] });
  },
  act(step, _stage, input) {
    const stage = stageOf(step, 'review');
    const { state } = step;
    switch (input.action) {
      case 'submit_review': {
        if (!state.reviewers.includes(input.actor.userId)) {
          return refusal(
            'forbidden',
            'not_assigned',
            '您未被分配评审此申请',
            'You are not assigned to review this application',
          );
        }
        if (state.pendingOutcome || state.stageClosed)
          return refusal(
            'conflict',
            'review_closed',
            '本阶段评审已结束',
            'Reviewing in this stage has ended',
          );
        if (state.reviews.some((review) => review.reviewerId === input.actor.userId)) {
          return refusal(
            'conflict',
            'already_reviewed',
            '您已提交过对此申请的评审',
            'You already submitted your review of this application',
          );
        }
        const rubric = RUBRIC_PRESETS[stage.settings.rubricId];
        const sheet = parseScoreSheet(rubric, { scores: input.scores, comments: input.comments });
        if (!sheet.ok) {
          return {
            ...refusal(
              'invalid',
              'invalid_score_sheet',
              '评分表有误，请更正所列字段',
              'The score sheet has errors in the fields listed',
            ),
            fields: sheet.errors.map(localizeFieldError),
          };
        }
        const review = {
          reviewerId: input.actor.userId,
          revision: state.revision,
          total: sheet.total,
          scores: { ...sheet.sheet.scores },
          comments: { ...sheet.sheet.comments },
        };
        state.reviews.push(review);
        if (state.reviews.length >= state.reviewers.length) state.phase = 'reviews_complete';
        step.data = { ...review, rubricId: rubric.id };
        return undefined;
      }
      case 'declare_conflict': {
        if (!state.reviewers.includes(input.actor.userId)) {
          return refusal(
            'forbidden',
            'not_assigned',
            '您未被分配评审此申请',
            'You are not assigned to review this application',
          );
        }
        if (state.reviews.some((review) => review.reviewerId === input.actor.userId)) {
          return refusal(
            'conflict',
            'already_reviewed',
            '已提交评审，不能再申报回避',
            'A submitted review cannot be withdrawn by declaring a conflict',
          );
        }
        state.reviewers = state.reviewers.filter((reviewer) => reviewer !== input.actor.userId);
        step.data = { reviewerId: input.actor.userId };
        const coordinator =
          stage.settings.level === 'district' ? 'coordinator:district' : 'coordinator:street';
        step.notify(
          `recused:${input.actor.userId}`,
          'reviewer_recused',
          [{ kind: 'role', id: coordinator }],
          { zh: '评审专家申报回避', en: 'A reviewer declared a conflict of interest' },
          { zh: '请为该申请补充评审专家', en: 'Assign another reviewer to this application' },
        );
        return undefined;
      }
      case 'assign_reviewers':
        return assign(step, input.reviewerIds ?? [], input.actor.userId);
      case 'record_outcome': {
        if (input.outcome !== 'advanced' && input.outcome !== 'not_advanced') {
          return refusal(
            'invalid',
            'unknown_outcome',
            '评审结果须为 advanced 或 not_advanced',
            'The outcome must be advanced or not_advanced',
          );
        }
        step.conclude(input.outcome, input.reason);
        return undefined;
      }
      default:
        return refusal(
          'conflict',
          'not_available',
          '该操作在评审阶段尚不可用',
          'This action is not available in review yet',
        );
    }
  },
  onProgram(step, _stage, notice) {
    if (notice.type === 'reviewers_assigned') assign(step, notice.reviewerIds, 'program');
    if (notice.type === 'stage_outcome') {
      step.state.stageClosed = true;
      step.data = { ...notice.data };
      step.leave(notice.outcome, notice.reason, notice.nextStageDeadline);
    }
  },
};

function assign(
  step: Parameters<NonNullable<StageBehaviour['enter']>>[0],
  reviewerIds: string[],
  by: string,
) {
  const added = reviewerIds.filter((id) => !step.state.reviewers.includes(id));
  if (added.length === 0)
    return refusal('conflict', 'no_new_reviewers', '没有新增的评审专家', 'No new reviewers to assign');
  step.state.reviewers.push(...added);
  step.state.phase = 'under_review';
  step.data = { reviewerIds: added, assignedBy: by };
  step.notify(
    `assigned:${added.join(',')}`,
    'review_assigned',
    added.map((id) => ({ kind: 'user' as const, id })),
    { zh: '您有新的评审任务', en: 'You have a new application to review' },
    {
      zh: step.state.stageDeadline ? `请于 ${step.state.stageDeadline} 前提交评分` : '请尽快提交评分',
      en: step.state.stageDeadline
        ? `Submit your scores by ${step.state.stageDeadline}`
        : 'Submit your scores soon',
    },
    step.state.stageDeadline ?? undefined,
  );
  return undefined;
}
