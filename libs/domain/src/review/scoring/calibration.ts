import { pow10 } from './decimal';
import type { Rubric } from './rubric';
import { type RubricMath, rubricMath, sheetUnits } from './rubric-math';

/** Reviews a reviewer needs in the program/stage before their scores are calibrated (default). */
export const DEFAULT_CALIBRATION_MIN_REVIEWS = 5;

/** One submitted review's raw scores (already validated against the rubric). */
export interface ReviewScores {
  readonly reviewId: string;
  readonly reviewerId: string;
  readonly scores: Readonly<Record<string, number>>;
}

/** Mean and population standard deviation of a set of scores. */
export interface MeanSd {
  readonly mean: number;
  readonly sd: number;
}

/** A reviewer's habits over all their submitted reviews in the program/stage, per criterion. */
export interface ReviewerCalibration {
  readonly reviewerId: string;
  readonly reviewCount: number;
  readonly criteria: Readonly<Record<string, MeanSd>>;
}

/**
 * Everything calibration needs, built once per program/stage from all its submitted reviews and then applied to
 * each case. Plain JSON (reviewers sorted by id), so a program workflow can hand it to activities unchanged.
 */
export interface CalibrationModel {
  readonly minReviews: number;
  readonly reviewCount: number;
  /** Mean and sd over every review in the pool, per criterion: the scale calibrated scores are mapped back to. */
  readonly pooled: Readonly<Record<string, MeanSd>>;
  readonly reviewers: readonly ReviewerCalibration[];
}

/** Whether a review's scores were calibrated, and if not, why (`no_model`: the caller gave no calibration model). */
export type CalibrationStatus = 'calibrated' | 'below_min_reviews' | 'not_in_pool' | 'no_model';

/** A review's calibrated scores (a new object; the raw review is untouched). */
export interface CalibratedReview {
  readonly reviewId: string;
  readonly reviewerId: string;
  readonly status: CalibrationStatus;
  /** Unrounded calibrated score per criterion; equal to the raw score where calibration did not apply. */
  readonly scores: Readonly<Record<string, number>>;
  /** Criteria kept raw although the reviewer qualified, because the reviewer gave every review the same score. */
  readonly uncalibratedCriteria: readonly string[];
}

// Mean and population sd from exact sums of units: the result does not depend on the order of the reviews.
function meanSd(units: readonly bigint[], places: number): MeanSd {
  const n = BigInt(units.length);
  const sum = units.reduce((total, value) => total + value, 0n);
  const sumOfSquares = units.reduce((total, value) => total + value * value, 0n);
  const scale = Number(n * pow10(places));
  const variance = n * sumOfSquares - sum * sum;
  return { mean: Number(sum) / scale, sd: Math.sqrt(Number(variance)) / scale };
}

function statsByCriterion(math: RubricMath, sheets: readonly bigint[][]): Record<string, MeanSd> {
  return Object.fromEntries(
    math.criteria.map((criterion, index) => [
      criterion.criterion.id,
      meanSd(
        sheets.map((units) => units[index]),
        math.places,
      ),
    ]),
  );
}

/**
 * Builds the calibration model from every submitted review of the program/stage (duplicates by reviewId count
 * once). Reviewer and pooled statistics are means and population standard deviations (÷ n) per criterion.
 */
export function buildCalibrationModel(
  rubric: Rubric,
  pool: readonly ReviewScores[],
  options: { readonly minReviews?: number } = {},
): CalibrationModel {
  const minReviews = options.minReviews ?? DEFAULT_CALIBRATION_MIN_REVIEWS;
  if (!Number.isInteger(minReviews) || minReviews < 1)
    throw new RangeError('minReviews must be a whole number ≥ 1');
  const math = rubricMath(rubric);
  const seen = new Set<string>();
  const all: bigint[][] = [];
  const byReviewer = new Map<string, bigint[][]>();
  for (const review of pool) {
    if (seen.has(review.reviewId)) continue;
    seen.add(review.reviewId);
    const units = sheetUnits(math, review.scores);
    all.push(units);
    const sheets = byReviewer.get(review.reviewerId);
    if (sheets) sheets.push(units);
    else byReviewer.set(review.reviewerId, [units]);
  }
  const reviewers = [...byReviewer.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reviewerId, sheets]) => ({
      reviewerId,
      reviewCount: sheets.length,
      criteria: statsByCriterion(math, sheets),
    }));
  const pooled = all.length > 0 ? statsByCriterion(math, all) : {};
  return { minReviews, reviewCount: all.length, pooled, reviewers };
}

/**
 * Calibrates one review by per-reviewer z-scores: for each criterion,
 * calibrated = pooledMean + pooledSd × (score − reviewerMean) ÷ reviewerSd, clamped to the criterion's scale.
 * Applied only when the reviewer has at least `minReviews` reviews in the model; a criterion on which the
 * reviewer's sd is 0 stays raw (nothing to normalise). Otherwise the raw scores are returned as they are.
 */
export function calibrateReview(
  rubric: Rubric,
  model: CalibrationModel,
  review: ReviewScores,
): CalibratedReview {
  const raw = { reviewId: review.reviewId, reviewerId: review.reviewerId, uncalibratedCriteria: [] };
  const rawScores = Object.fromEntries(rubric.criteria.map(({ id }) => [id, review.scores[id]]));
  const reviewer = model.reviewers.find((entry) => entry.reviewerId === review.reviewerId);
  if (!reviewer) return { ...raw, status: 'not_in_pool', scores: rawScores };
  if (reviewer.reviewCount < model.minReviews)
    return { ...raw, status: 'below_min_reviews', scores: rawScores };
  const uncalibratedCriteria: string[] = [];
  const scores = Object.fromEntries(
    rubric.criteria.map(({ id, scale }) => {
      const own = reviewer.criteria[id];
      const pooled = model.pooled[id];
      const score = review.scores[id];
      if (!own || !pooled || own.sd === 0) {
        uncalibratedCriteria.push(id);
        return [id, score];
      }
      const calibrated = pooled.mean + (pooled.sd * (score - own.mean)) / own.sd;
      // Kept on the scale so calibrated scores stay comparable with raw ones and with thresholds.
      return [id, Math.min(scale.max, Math.max(scale.min, calibrated))];
    }),
  );
  return { ...raw, status: 'calibrated', scores, uncalibratedCriteria };
}
