import {
  applyConsensus,
  aggregateCaseScores,
  detectDisagreement,
  DEFAULT_DISAGREEMENT_RULE,
  localizeFieldError,
  parseScoreSheet,
  RUBRIC_PRESETS,
  type Rubric,
} from '../../review/scoring';
import type { ReviewStage } from '../../templates';
import type { ReviewAssignment } from '../case-state';
import type { StageBehaviour } from '../stage-behaviour';
import { refusal, stageOf, type CaseStep } from '../case-step';

/**
 * Review (初评/终评): reviewers assigned by the program score the current revision; the program ranks. With review
 * deadlines on (all cases started since they were added), each assignment has a due date with a reminder; an
 * expired or recused reviewer is replaced by an alternate; reviewers who disagree beyond the rubric's rule send the
 * case to a consensus step or to one more reviewer, as the stage says.
 */
export const reviewStage: StageBehaviour = {
  enter(step) {
    Object.assign(step.state, { phase: 'awaiting_reviewers', reviewers: [], reviews: [] });
    if (deadlinesOn(step)) {
      Object.assign(step.state, {
        reviewAssignments: [],
        replacementsNeeded: 0,
        disagreement: null,
        consensus: null,
      });
    }
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
        const assignment = assignmentOf(step, input.actor.userId);
        if (assignment && step.now > assignment.dueAt) {
          return refusal(
            'deadline',
            'deadline_passed',
            `评审期限 ${assignment.dueAt} 已过`,
            `The review was due by ${assignment.dueAt}`,
          );
        }
        const rubric = rubricOf(stage);
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
        if (assignment) assignment.status = 'submitted';
        step.data = { ...review, rubricId: rubric.id };
        settle(step, stage);
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
        const assignment = assignmentOf(step, input.actor.userId);
        if (assignment) {
          // The panel stays complete: an alternate is found for the reviewer who recused.
          assignment.status = 'recused';
          state.replacementsNeeded = (state.replacementsNeeded ?? 0) + 1;
          state.phase = 'awaiting_reviewers';
        }
        step.notify(
          `recused:${input.actor.userId}`,
          'reviewer_recused',
          [{ kind: 'role', id: coordinatorOf(stage) }],
          { zh: '评审专家申报回避', en: 'A reviewer declared a conflict of interest' },
          {
            zh: assignment ? '系统正在指派替补专家' : '请为该申请补充评审专家',
            en: assignment
              ? 'An alternate reviewer is being assigned'
              : 'Assign another reviewer to this application',
          },
        );
        return undefined;
      }
      case 'assign_reviewers':
        return assign(step, input.reviewerIds ?? [], input.actor.userId, false);
      case 'resolve_disagreement': {
        if (state.disagreement?.status !== 'needs_consensus') {
          return refusal(
            'conflict',
            'no_consensus_needed',
            '该申请无需合议',
            'This case does not need a consensus score',
          );
        }
        const rubric = rubricOf(stage);
        const result = applyConsensus(rubric, summaryOf(step, rubric), {
          chairId: input.actor.userId,
          scores: input.scores,
          comments: input.comments,
          justification: input.reason ?? '',
        });
        if (!result.ok) {
          return {
            ...refusal(
              'invalid',
              'invalid_consensus',
              '合议评分有误，请更正所列字段',
              'The consensus sheet has errors in the fields listed',
            ),
            fields: result.errors.map(localizeFieldError),
          };
        }
        state.consensus = {
          chairId: input.actor.userId,
          total: result.consensus.score.total,
          scores: { ...result.consensus.scores },
          justification: result.consensus.justification,
          recordedAt: step.now,
        };
        state.disagreement = { ...state.disagreement, status: 'resolved' };
        state.phase = 'reviews_complete';
        step.data = { consensus: state.consensus, rubricId: rubric.id };
        return undefined;
      }
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
        return undefined;
    }
  },
  onProgram(step, _stage, notice) {
    const stage = stageOf(step, 'review');
    if (notice.type === 'reviewers_assigned')
      assign(step, notice.reviewerIds, 'program', notice.replacement ?? false);
    if (notice.type === 'replacement_unavailable') {
      step.state.replacementsNeeded = 0;
      step.data = { reason: notice.reason };
      step.notify(
        `no-alternate:${step.state.sequence}`,
        'reviewer_recused',
        [{ kind: 'role', id: coordinatorOf(stage) }],
        { zh: '没有可用的替补评审专家', en: 'No alternate reviewer is available' },
        { zh: `请手动指派：${notice.reason}`, en: `Assign one by hand: ${notice.reason}` },
      );
    }
    if (notice.type === 'deadline_moved' && deadlinesOn(step)) {
      // A coordinator extended the review period: open assignments are due at the new deadline.
      for (const assignment of step.state.reviewAssignments ?? []) {
        if (assignment.status === 'assigned')
          Object.assign(assignment, {
            dueAt: notice.deadline,
            remindAt: remindAtOf(assignment.assignedAt, notice.deadline),
            reminded: false,
          });
      }
    }
    if (notice.type === 'stage_outcome') {
      step.state.stageClosed = true;
      step.data = { ...notice.data };
      step.leave(notice.outcome, notice.reason, notice.nextStageDeadline);
    }
  },
  onClock(step) {
    if (!deadlinesOn(step)) return;
    const stage = stageOf(step, 'review');
    for (const assignment of step.state.reviewAssignments ?? []) {
      if (assignment.status !== 'assigned') continue;
      if (!assignment.reminded && step.now >= assignment.remindAt) {
        assignment.reminded = true;
        step.notify(
          `review-remind:${assignment.reviewerId}`,
          'deadline_near',
          [{ kind: 'user', id: assignment.reviewerId }],
          { zh: '评审即将到期', en: 'A review is due soon' },
          { zh: `请于 ${assignment.dueAt} 前提交评分`, en: `Submit your scores by ${assignment.dueAt}` },
          assignment.dueAt,
        );
      }
      if (step.now > assignment.dueAt) {
        // A review not in by its due date goes to an alternate reviewer.
        assignment.status = 'expired';
        step.state.reviewers = step.state.reviewers.filter((reviewer) => reviewer !== assignment.reviewerId);
        step.state.replacementsNeeded = (step.state.replacementsNeeded ?? 0) + 1;
        step.state.phase = 'awaiting_reviewers';
        step.followUp('review_expired', { reviewerId: assignment.reviewerId, dueAt: assignment.dueAt });
        step.notify(
          `review-expired:${assignment.reviewerId}`,
          'deadline_missed',
          [
            { kind: 'user', id: assignment.reviewerId },
            { kind: 'role', id: coordinatorOf(stage) },
          ],
          { zh: '评审已逾期，改由替补专家评审', en: 'A review is overdue and goes to an alternate reviewer' },
          { zh: `原定期限 ${assignment.dueAt}`, en: `It was due by ${assignment.dueAt}` },
        );
      }
    }
  },
  wakeUps(state) {
    return (state.reviewAssignments ?? []).flatMap((assignment) =>
      assignment.status !== 'assigned'
        ? []
        : assignment.reminded
          ? [assignment.dueAt]
          : [assignment.remindAt, assignment.dueAt],
    );
  },
};

const deadlinesOn = (step: CaseStep) => step.context.features?.reviewDeadlines === true;
const rubricOf = (stage: ReviewStage): Rubric => RUBRIC_PRESETS[stage.settings.rubricId];
const coordinatorOf = (stage: ReviewStage) =>
  stage.settings.level === 'district' ? 'coordinator:district' : 'coordinator:street';
const assignmentOf = (step: CaseStep, reviewerId: string): ReviewAssignment | undefined =>
  step.state.reviewAssignments?.find(
    (assignment) =>
      assignment.reviewerId === reviewerId &&
      assignment.status !== 'recused' &&
      assignment.status !== 'expired',
  );

// Reminders go out when three quarters of the time to the due date has passed.
function remindAtOf(assignedAt: string, dueAt: string): string {
  const start = Date.parse(assignedAt);
  return new Date(start + Math.floor(((Date.parse(dueAt) - start) * 3) / 4)).toISOString();
}

function summaryOf(step: CaseStep, rubric: Rubric) {
  return aggregateCaseScores({
    rubric,
    caseId: step.context.applicationId,
    reviews: step.state.reviews.map((review) => ({
      reviewId: review.reviewerId,
      reviewerId: review.reviewerId,
      scores: review.scores,
    })),
    disagreement: { ...DEFAULT_DISAGREEMENT_RULE, resolution: 'consensus' },
  });
}

// When every expected review is in, checks whether the reviewers disagree beyond the rubric's rule.
function settle(step: CaseStep, stage: ReviewStage): void {
  const { state } = step;
  const waiting = (state.reviewAssignments ?? []).some((assignment) => assignment.status === 'assigned');
  if (state.reviews.length < state.reviewers.length || waiting || (state.replacementsNeeded ?? 0) > 0) return;
  state.phase = 'reviews_complete';
  if (!deadlinesOn(step)) return;
  if (state.disagreement?.status === 'needs_extra_reviewer') {
    state.disagreement = { ...state.disagreement, status: 'resolved' };
    return;
  }
  if (state.disagreement) return;
  const rubric = rubricOf(stage);
  const result = detectDisagreement(
    rubric,
    state.reviews.map((review) => ({
      reviewId: review.reviewerId,
      reviewerId: review.reviewerId,
      scores: review.scores,
    })),
    { ...DEFAULT_DISAGREEMENT_RULE, resolution: stage.settings.disagreement },
  );
  if (!result.flagged) return;
  const flags = result.flags.map(({ target, criterionId, spread, threshold }) => ({
    target,
    criterionId,
    spread,
    threshold,
  }));
  if (stage.settings.disagreement === 'consensus') {
    state.disagreement = { status: 'needs_consensus', flags };
    state.phase = 'needs_consensus';
    step.notify(
      `consensus:${state.sequence}`,
      'deadline_near',
      [{ kind: 'role', id: coordinatorOf(stage) }],
      { zh: '评审意见分歧较大，需合议', en: 'Reviewers disagree: a consensus score is needed' },
      { zh: '请评审组长记录合议评分及理由', en: 'The chair records a consensus score with a justification' },
    );
  } else {
    state.disagreement = { status: 'needs_extra_reviewer', flags };
    state.replacementsNeeded = (state.replacementsNeeded ?? 0) + 1;
    state.phase = 'awaiting_reviewers';
  }
  step.followUp('disagreement_flagged', { flags, resolution: stage.settings.disagreement });
}

function assign(step: CaseStep, reviewerIds: string[], by: string, replacement: boolean) {
  const { state } = step;
  const previously = new Set((state.reviewAssignments ?? []).map((assignment) => assignment.reviewerId));
  const added = reviewerIds.filter((id) => !state.reviewers.includes(id) && !previously.has(id));
  if (added.length === 0)
    return refusal('conflict', 'no_new_reviewers', '没有新增的评审专家', 'No new reviewers to assign');
  state.reviewers.push(...added);
  state.phase = 'under_review';
  if (deadlinesOn(step)) {
    // An alternate gets as long as the stage gave the first reviewers; the first ones are due at the stage's end.
    const period = state.stageDeadline
      ? Date.parse(state.stageDeadline) - Date.parse(state.stageEnteredAt)
      : 0;
    const dueAt =
      replacement || !state.stageDeadline
        ? new Date(Date.parse(step.now) + period).toISOString()
        : state.stageDeadline;
    for (const reviewerId of added) {
      state.reviewAssignments!.push({
        reviewerId,
        assignedAt: step.now,
        dueAt,
        remindAt: remindAtOf(step.now, dueAt),
        status: 'assigned',
        reminded: false,
      });
    }
    if (replacement) state.replacementsNeeded = Math.max(0, (state.replacementsNeeded ?? 0) - added.length);
  }
  step.data = { reviewerIds: added, assignedBy: by, replacement };
  step.notify(
    `assigned:${added.join(',')}`,
    'review_assigned',
    added.map((id) => ({ kind: 'user' as const, id })),
    { zh: '您有新的评审任务', en: 'You have a new application to review' },
    {
      zh: state.stageDeadline ? `请于 ${state.stageDeadline} 前提交评分` : '请尽快提交评分',
      en: state.stageDeadline ? `Submit your scores by ${state.stageDeadline}` : 'Submit your scores soon',
    },
    state.stageDeadline ?? undefined,
  );
  return undefined;
}
