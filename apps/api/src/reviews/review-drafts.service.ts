import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '@grantflow/contracts';
import {
  computeTotal,
  findStage,
  localizeFieldError,
  validateScoreSheet,
  type ReviewStage,
  type Rubric,
} from '@grantflow/domain';
import { ReviewDraftEntity, ReviewEntity } from '@grantflow/db';
import { notFound } from '../common/problem';
import { conflict, forbidden, invalid } from './review-access';
import { openAssignmentOf } from './review-assignments';
import { ReviewStagesService, rubricOf, templateOf } from './review-stages.service';
import { ReviewDraftView } from './dto/review-draft.view';
import type { SaveReviewDraftDto } from './dto/save-review-draft.dto';

// A draft may be partial: a criterion not scored yet, or a low score whose comment is still to be written, is
// not an error until the review is submitted. Everything present must already be right.
const LEFT_FOR_SUBMISSION = new Set(['required', 'comment_required']);

// Own properties only, so a key such as `constructor` never reads from the prototype.
const own = (record: Record<string, unknown> | undefined, key: string): unknown =>
  record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function signedIn(actor: Actor): string {
  if (actor.userId === 'anonymous') {
    throw forbidden('user_required', '请先登录', 'Sign in first');
  }
  return actor.userId;
}

function progressOf(rubric: Rubric, draft: ReviewDraftEntity) {
  const missingCriteria = rubric.criteria.map(({ id }) => id).filter((id) => draft.scores[id] === undefined);
  const complete =
    validateScoreSheet(rubric, { scores: draft.scores, comments: draft.comments }).length === 0;
  return { missingCriteria, complete, total: complete ? computeTotal(rubric, draft.scores) : null };
}

/**
 * Reviewers' draft score sheets. Submitting still goes through `submit_review` on the case; the draft row is
 * left in place then, and reads of it answer 404 from the moment the reviewer's review of the stage exists.
 */
@Injectable()
export class ReviewDraftsService {
  constructor(
    private readonly stages: ReviewStagesService,
    @InjectRepository(ReviewDraftEntity) private readonly drafts: Repository<ReviewDraftEntity>,
    @InjectRepository(ReviewEntity) private readonly reviews: Repository<ReviewEntity>,
  ) {}

  /**
   * Saves the caller's draft for the case's current review stage, replacing the previous one. Only a reviewer
   * whose assignment is open may save; every score present must be on the rubric's scale.
   */
  async save(applicationId: string, actor: Actor, input: SaveReviewDraftDto): Promise<ReviewDraftView> {
    const reviewerId = signedIn(actor);
    const application = await this.stages.application(applicationId);
    const program = await this.stages.program(application.programId);
    const stage = findStage(templateOf(program), application.stage);
    const state = application.caseState;
    if (stage?.kind !== 'review' || !state) {
      throw conflict('not_in_review', '该申请当前不在评审阶段', 'The application is not in a review stage');
    }
    if (input.stageKey !== undefined && input.stageKey !== stage.key) {
      throw conflict(
        'wrong_stage',
        `该申请当前处于「${stage.name.zh}」（${stage.key}），不是 ${input.stageKey}`,
        `The application is in “${stage.name.en}” (${stage.key}), not ${input.stageKey}`,
      );
    }
    if (await this.reviews.existsBy({ applicationId, stageKey: stage.key, reviewerId })) {
      throw conflict(
        'already_reviewed',
        '您已提交过对此申请的评审',
        'You already submitted your review of this application',
      );
    }
    const assignment = openAssignmentOf(state, reviewerId);
    if (!assignment) {
      throw forbidden(
        'not_assigned',
        '您未被分配评审此申请',
        'You are not assigned to review this application',
      );
    }
    if (state.stageClosed || state.pendingOutcome) {
      throw conflict('review_closed', '本阶段评审已结束', 'Reviewing in this stage has ended');
    }
    if (assignment.dueAt && Date.parse(assignment.dueAt) < Date.now()) {
      throw conflict(
        'deadline_passed',
        `评审期限 ${assignment.dueAt} 已过`,
        `The review was due by ${assignment.dueAt}`,
      );
    }

    const rubric = rubricOf(stage);
    const errors = validateScoreSheet(rubric, {
      scores: input.scores ?? {},
      comments: input.comments,
    }).filter((error) => !LEFT_FOR_SUBMISSION.has(error.code));
    if (errors.length > 0) throw invalid(errors.map(localizeFieldError), 'invalid_score_sheet');
    // Only criteria of the rubric reach the row (validation refused any other key); blanks are not kept.
    const scores = Object.fromEntries(
      rubric.criteria.flatMap(({ id }) => {
        const value = own(input.scores, id);
        return isBlank(value) ? [] : [[id, value as number]];
      }),
    );
    const comments = Object.fromEntries(
      rubric.criteria.flatMap(({ id }) => {
        const value = own(input.comments, id);
        return isBlank(value) ? [] : [[id, value as string]];
      }),
    );
    await this.drafts.upsert({ applicationId, stageKey: stage.key, reviewerId, scores, comments }, [
      'applicationId',
      'stageKey',
      'reviewerId',
    ]);
    const saved = await this.drafts.findOneByOrFail({ applicationId, stageKey: stage.key, reviewerId });
    return ReviewDraftView.of(saved, progressOf(rubric, saved));
  }

  /**
   * The caller's own draft for the stage (the case's current one by default). 404 when there is none, and once
   * the caller's review of the stage is submitted: the submitted sheet supersedes the draft.
   */
  async get(applicationId: string, stageKey: string | undefined, actor: Actor): Promise<ReviewDraftView> {
    const reviewerId = signedIn(actor);
    const application = await this.stages.application(applicationId);
    const key = stageKey ?? application.stage;
    const none = () =>
      notFound({
        zh: '您没有此申请在该阶段的评审草稿',
        en: 'You have no draft review of this application in this stage',
      });
    if (await this.reviews.existsBy({ applicationId, stageKey: key, reviewerId })) {
      throw notFound({
        zh: '您已提交此阶段的评审，草稿不再有效',
        en: 'Your review of this stage is submitted; the draft no longer applies',
      });
    }
    const draft = await this.drafts.findOneBy({ applicationId, stageKey: key, reviewerId });
    if (!draft) throw none();
    const program = await this.stages.program(application.programId);
    const stage = findStage(templateOf(program), key);
    if (stage?.kind !== 'review') throw none();
    return ReviewDraftView.of(draft, progressOf(rubricOf(stage as ReviewStage), draft));
  }
}
