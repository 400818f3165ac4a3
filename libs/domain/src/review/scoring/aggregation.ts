import { SCORE_DECIMALS, pow10, roundHalfUp, roundRatioHalfUp } from './decimal';
import {
  type CalibrationModel,
  type CalibrationStatus,
  type ReviewScores,
  calibrateReview,
} from './calibration';
import {
  type DisagreementResult,
  type DisagreementRule,
  DEFAULT_DISAGREEMENT_RULE,
  detectDisagreement,
} from './disagreement';
import type { Rubric } from './rubric';
import { type RubricMath, rubricMath, sheetUnits, totalUnits } from './rubric-math';

/** A total and per-criterion scores, each rounded half-up to 2 decimals. */
export interface ScoreSet {
  readonly total: number;
  readonly criteria: Readonly<Record<string, number>>;
}

/** One review as the case summary reports it: raw scores (copied) and their calibrated counterpart. */
export interface ReviewResult {
  readonly reviewId: string;
  readonly reviewerId: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly total: number;
  readonly calibration: {
    readonly status: CalibrationStatus;
    /** Calibrated scores and total rounded half-up to 2 decimals; equal to the raw ones when not calibrated. */
    readonly score: ScoreSet;
    readonly uncalibratedCriteria: readonly string[];
  };
}

/** The score a chair recorded after a disagreement, with the reason; raw reviews stay as they were. */
export interface ConsensusRecord {
  readonly chairId: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly comments: Readonly<Record<string, string>>;
  readonly justification: string;
  readonly score: ScoreSet;
}

/** Everything known about one case's scores: raw statistics, calibrated score, disagreement and consensus. */
export interface CaseScoreSummary {
  readonly caseId: string;
  readonly reviewCount: number;
  /** Reviews in reviewId order, so the summary does not depend on the order they were passed in. */
  readonly reviews: readonly ReviewResult[];
  /** Arithmetic mean of the raw reviews; null without reviews. */
  readonly mean: ScoreSet | null;
  /** Median of the raw reviews (mean of the two middle values for an even count); null without reviews. */
  readonly median: ScoreSet | null;
  /** Mean of the calibrated reviews; equal to `mean` when no review was calibrated; null without reviews. */
  readonly calibrated: ScoreSet | null;
  readonly disagreement: DisagreementResult;
  readonly consensus: ConsensusRecord | null;
}

/** Input of aggregateCaseScores: the case's submitted, validated reviews and the program's settings. */
export interface AggregateCaseInput {
  readonly rubric: Rubric;
  readonly caseId: string;
  readonly reviews: readonly ReviewScores[];
  /** Built once per program/stage with buildCalibrationModel; without it the calibrated score is the mean. */
  readonly calibration?: CalibrationModel;
  readonly disagreement?: DisagreementRule;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function meanOfUnits(values: readonly bigint[], denominator: bigint): number {
  const sum = values.reduce((total, value) => total + value, 0n);
  return roundRatioHalfUp(sum, BigInt(values.length) * denominator, SCORE_DECIMALS);
}

function medianOfUnits(values: readonly bigint[], denominator: bigint): number {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return roundRatioHalfUp(sorted[middle], denominator, SCORE_DECIMALS);
  return roundRatioHalfUp(sorted[middle - 1] + sorted[middle], 2n * denominator, SCORE_DECIMALS);
}

function rawStatistic(
  math: RubricMath,
  sheets: readonly bigint[][],
  statistic: (values: readonly bigint[], denominator: bigint) => number,
): ScoreSet {
  const scoreDenominator = pow10(math.places);
  const criteria = Object.fromEntries(
    math.criteria.map((criterion, index) => [
      criterion.criterion.id,
      statistic(
        sheets.map((units) => units[index]),
        scoreDenominator,
      ),
    ]),
  );
  const total = statistic(
    sheets.map((units) => totalUnits(math, units)),
    math.totalDenominator,
  );
  return { total, criteria };
}

// Calibrated scores went through a square root, so they are floats: summed in reviewId order, rounded once.
function floatScoreSet(rubric: Rubric, perCriterion: Readonly<Record<string, number>>): ScoreSet {
  const total = rubric.criteria.reduce((sum, { id, weight }) => sum + weight * perCriterion[id], 0);
  const criteria = Object.fromEntries(
    rubric.criteria.map(({ id }) => [id, roundHalfUp(perCriterion[id], SCORE_DECIMALS)]),
  );
  return { total: roundHalfUp(total, SCORE_DECIMALS), criteria };
}

/**
 * Aggregates one case's submitted reviews: mean and median of the totals and of each criterion (exact, then
 * rounded half-up to 2 decimals), the calibrated mean (see calibrateReview), and disagreement flags. The input
 * reviews are never modified; every returned object is new. Throws RangeError on a repeated reviewId or a
 * review that would not pass validateScoreSheet.
 */
export function aggregateCaseScores(input: AggregateCaseInput): CaseScoreSummary {
  const { rubric, caseId, calibration } = input;
  const math = rubricMath(rubric);
  const reviews = [...input.reviews].sort((a, b) => byCodeUnits(a.reviewId, b.reviewId));
  reviews.forEach((review, index) => {
    if (index > 0 && reviews[index - 1].reviewId === review.reviewId) {
      throw new RangeError(`review ${review.reviewId} is listed twice for case ${caseId}`);
    }
  });
  const sheets = reviews.map((review) => sheetUnits(math, review.scores));
  const calibrated = reviews.map((review) =>
    calibration
      ? calibrateReview(rubric, calibration, review)
      : { status: 'no_model' as const, scores: review.scores, uncalibratedCriteria: [] },
  );

  const results: ReviewResult[] = reviews.map((review, index) => {
    const scores = Object.fromEntries(rubric.criteria.map(({ id }) => [id, review.scores[id]]));
    const raw = rawStatistic(math, [sheets[index]], meanOfUnits);
    const { status, uncalibratedCriteria } = calibrated[index];
    const score = status === 'calibrated' ? floatScoreSet(rubric, calibrated[index].scores) : raw;
    return {
      reviewId: review.reviewId,
      reviewerId: review.reviewerId,
      scores,
      total: raw.total,
      calibration: {
        status,
        score: { total: score.total, criteria: { ...score.criteria } },
        uncalibratedCriteria: [...uncalibratedCriteria],
      },
    };
  });

  let mean: ScoreSet | null = null;
  let median: ScoreSet | null = null;
  let calibratedMean: ScoreSet | null = null;
  if (reviews.length > 0) {
    mean = rawStatistic(math, sheets, meanOfUnits);
    median = rawStatistic(math, sheets, medianOfUnits);
    if (calibrated.some(({ status }) => status === 'calibrated')) {
      const perCriterion = Object.fromEntries(
        rubric.criteria.map(({ id }) => [
          id,
          calibrated.reduce((sum, review) => sum + review.scores[id], 0) / calibrated.length,
        ]),
      );
      calibratedMean = floatScoreSet(rubric, perCriterion);
    } else {
      // Nobody qualified for calibration: the calibrated score is exactly the raw mean.
      calibratedMean = { total: mean.total, criteria: { ...mean.criteria } };
    }
  }

  return {
    caseId,
    reviewCount: reviews.length,
    reviews: results,
    mean,
    median,
    calibrated: calibratedMean,
    disagreement: detectDisagreement(rubric, reviews, input.disagreement ?? DEFAULT_DISAGREEMENT_RULE),
    consensus: null,
  };
}
