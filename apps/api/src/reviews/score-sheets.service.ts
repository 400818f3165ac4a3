import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '@grantflow/contracts';
import {
  buildCalibrationModel,
  DEFAULT_CALIBRATION_MIN_REVIEWS,
  findStage,
  type ProcessTemplate,
  type ReviewStage,
} from '@grantflow/domain';
import { ApplicationEntity, CaseTransitionEntity, ReviewEntity } from '@grantflow/db';
import { forbidden, invalid, isStaff } from './review-access';
import { disagreementRuleOf, ReviewStagesService, rubricOf, templateOf } from './review-stages.service';
import { CONSENSUS_REVIEWER_ID, reviewScoresOf, splitConsensus, summarizeCase } from './case-scores';
import { RubricView } from './dto/rubric.view';
import type { ScoreSheetsView, ScoreSheetView } from './dto/score-sheets.view';

/** The calibration rule, in words, as the score sheets state it (see calibrateReview in libs/domain). */
export const CALIBRATION_RULE = {
  zh:
    `评审专家在本项目本阶段提交满 ${DEFAULT_CALIBRATION_MIN_REVIEWS} 份评审后，其每个评分项的分数按本人在该阶段的` +
    '均值和标准差换算为 z 分数，再映射到全部评审的均值和标准差上（不超出评分范围）；不足 ' +
    `${DEFAULT_CALIBRATION_MIN_REVIEWS} 份的专家按原始分计入。原始评分从不修改。`,
  en:
    `Once a reviewer has submitted ${DEFAULT_CALIBRATION_MIN_REVIEWS} or more reviews in this program stage, ` +
    'each of their criterion scores becomes a z-score against their own mean and standard deviation in the ' +
    'stage and is mapped onto the mean and standard deviation of all its reviews (kept on the scale); reviewers ' +
    `with fewer than ${DEFAULT_CALIBRATION_MIN_REVIEWS} count with their raw scores. Raw scores are never changed.`,
};

/** Reads a case's submitted score sheets with the consensus and the aggregates, for staff and its reviewers. */
@Injectable()
export class ScoreSheetsService {
  constructor(
    private readonly stages: ReviewStagesService,
    @InjectRepository(ReviewEntity) private readonly reviews: Repository<ReviewEntity>,
    @InjectRepository(CaseTransitionEntity) private readonly transitions: Repository<CaseTransitionEntity>,
  ) {}

  /**
   * The sheets of one case in one review stage. Staff see everything; a reviewer only once their own review of
   * the case in that stage is in, and then without the other reviewers' ids; anyone else is refused.
   */
  async sheets(applicationId: string, stageKey: string | undefined, actor: Actor): Promise<ScoreSheetsView> {
    const application = await this.stages.application(applicationId);
    const program = await this.stages.program(application.programId);
    const stage = await this.resolveStage(application, templateOf(program), stageKey);
    const rows = await this.reviews.find({
      where: { applicationId, stageKey: stage.key },
      order: { submittedAt: 'ASC', reviewerId: 'ASC' },
    });
    const { sheets, consensus } = splitConsensus(rows);

    const anonymised = !isStaff(actor);
    if (anonymised) {
      if (!actor.roles.includes('reviewer'))
        throw forbidden('not_allowed', '您无权查看评分表', 'You may not see the score sheets');
      if (!sheets.some((sheet) => sheet.reviewerId === actor.userId)) {
        throw forbidden(
          'review_not_submitted',
          '提交您本人对此申请的评审后，才能查看其他评审意见',
          'Submit your own review of this application before seeing the other reviews',
        );
      }
    }

    const rubric = rubricOf(stage);
    const pool = await this.reviews.find({ where: { programId: program.id, stageKey: stage.key } });
    const calibration = buildCalibrationModel(
      rubric,
      pool.filter((row) => row.reviewerId !== CONSENSUS_REVIEWER_ID).map(reviewScoresOf),
    );
    const summary = summarizeCase(rubric, applicationId, rows, {
      calibration,
      disagreement: disagreementRuleOf(stage),
    });
    const calibrationOf = new Map(summary.reviews.map((review) => [review.reviewerId, review.calibration]));

    const views: ScoreSheetView[] = sheets.map((sheet, index) => {
      const calibrated = calibrationOf.get(sheet.reviewerId)!;
      return {
        label: `评审专家 ${index + 1}`,
        reviewerId: anonymised ? null : sheet.reviewerId,
        own: sheet.reviewerId === actor.userId,
        revision: sheet.revision,
        submittedAt: sheet.submittedAt.toISOString(),
        total: sheet.total,
        scores: sheet.scores,
        comments: sheet.comments,
        calibration: { status: calibrated.status, score: calibrated.score },
      };
    });
    const chairId =
      consensus && !anonymised ? ((await this.chairOf(applicationId, stage.key)) ?? null) : null;
    const caseDisagreement =
      application.stage === stage.key ? (application.caseState?.disagreement ?? null) : null;
    return {
      applicationId,
      stageKey: stage.key,
      stageName: stage.name,
      currentRevision: application.revision,
      anonymised,
      rubric: RubricView.of(rubric),
      sheets: views,
      consensus: consensus
        ? {
            chairId,
            total: consensus.total,
            scores: consensus.scores,
            justification: consensus.comments.justification ?? '',
            recordedAt: consensus.submittedAt.toISOString(),
          }
        : null,
      aggregate: {
        reviewCount: summary.reviewCount,
        mean: summary.mean,
        median: summary.median,
        calibrated: summary.calibrated,
        basis: consensus ? 'consensus' : 'mean',
        basisTotal: consensus ? consensus.total : (summary.mean?.total ?? null),
      },
      calibration: {
        rule: CALIBRATION_RULE,
        minReviews: calibration.minReviews,
        reviewsInStage: calibration.reviewCount,
        calibratedReviewers: calibration.reviewers.filter(
          (reviewer) => reviewer.reviewCount >= calibration.minReviews,
        ).length,
      },
      disagreement: {
        flagged: summary.disagreement.flagged,
        resolution: summary.disagreement.resolution,
        status: summary.disagreement.status,
        flags: summary.disagreement.flags.map((flag) => ({ ...flag })),
        caseStatus: caseDisagreement?.status ?? null,
      },
    };
  }

  // The stage asked for; else the case's current review stage; else the latest review stage it has sheets in.
  private async resolveStage(
    application: ApplicationEntity,
    template: ProcessTemplate,
    stageKey: string | undefined,
  ): Promise<ReviewStage> {
    const reviewStage = (key: string) => {
      const stage = findStage(template, key);
      return stage?.kind === 'review' ? stage : undefined;
    };
    if (stageKey !== undefined) {
      const stage = reviewStage(stageKey);
      if (!stage) {
        throw invalid([
          {
            field: 'stageKey',
            code: 'unknownStage',
            message: { zh: '不是该项目的评审阶段', en: 'is not a review stage of the program' },
          },
        ]);
      }
      return stage;
    }
    const current = reviewStage(application.stage);
    if (current) return current;
    const reviewed = await this.reviews.find({
      where: { applicationId: application.id },
      select: { stageKey: true },
    });
    const keys = new Set(reviewed.map((row) => row.stageKey));
    const latest = template.stages.filter((stage) => stage.kind === 'review' && keys.has(stage.key)).at(-1);
    if (latest?.kind === 'review') return latest;
    throw invalid([
      {
        field: 'stageKey',
        code: 'isDefined',
        message: {
          zh: '该申请不在评审阶段且没有评审记录，请指定评审阶段',
          en: 'is required: the case is not in a review stage and has no reviews',
        },
      },
    ]);
  }

  // The coordinator who recorded the consensus: the actor of the case's last resolve_disagreement in the stage.
  private async chairOf(applicationId: string, stageKey: string): Promise<string | undefined> {
    const transition = await this.transitions.findOne({
      where: { applicationId, fromStage: stageKey, action: 'resolve_disagreement' },
      order: { sequence: 'DESC' },
    });
    return transition?.actorId;
  }
}
