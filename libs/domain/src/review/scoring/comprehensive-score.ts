import { type Fen, isFen } from '../../money';
import type { CaseScoreSummary, ScoreSet } from './aggregation';
import { SCORE_DECIMALS, divideHalfUp, fromUnits, pow10, toUnits } from './decimal';
import { priceScore } from './price-score';
import type { RankingEntry, TieBreak } from './ranking';
import { type Rubric, rubricTotalRange } from './rubric';

/** Criterion key under which a ranked score set carries its price part (综合评分法). */
export const PRICE_CRITERION_ID = 'price';

/** Criterion key under which a ranked score set carries its technical part, scaled to (100 − price weight). */
export const TECHNICAL_CRITERION_ID = 'technical';

/**
 * Tie-breaks for comprehensive scoring (DOMAIN.md: ties go to the lower price): the existing chain with the
 * bid's price as the case's requested amount, right after the total; the case id only makes the order total.
 */
export const LOWER_PRICE_TIE_BREAKS: readonly TieBreak[] = Object.freeze([
  'total',
  'lowerRequestedAmount',
  'caseId',
] as const);

/** A bid the review engine has scored: the experts' summary on the technical rubric and the bid's price. */
export interface PricedCase {
  readonly summary: CaseScoreSummary;
  readonly priceFen: Fen;
  /** ISO 8601 instant the bid was submitted, for chains that use it. */
  readonly submittedAt?: string;
}

// A published score in hundredths of a point.
function hundredths(value: number): bigint {
  const units = toUnits(value, SCORE_DECIMALS);
  if (units === undefined) throw new RangeError(`score ${value} has more than ${SCORE_DECIMALS} decimals`);
  return units;
}

/**
 * The technical part of a comprehensive score: the rubric total as a share of the rubric's maximum, times the
 * points left after the price weight (a 100-point sheet with a 10 % price weight counts out of 90), rounded
 * half-up to 2 decimals on exact integers.
 */
export function technicalPoints(rubric: Rubric, total: number, priceWeightPercent: number): number {
  const { max } = rubricTotalRange(rubric);
  const maxUnits = hundredths(max);
  const weightUnits = toUnits(priceWeightPercent, 2);
  if (maxUnits <= 0n) throw new RangeError(`rubric ${rubric.id} has no positive maximum`);
  if (weightUnits === undefined || weightUnits <= 0n || weightUnits > 10_000n) {
    throw new RangeError(`price weight ${priceWeightPercent} % must be in (0, 100] with at most 2 decimals`);
  }
  const totalUnits = hundredths(total);
  if (totalUnits < 0n || totalUnits > maxUnits) {
    throw new RangeError(`total ${total} is outside the rubric's 0–${max}`);
  }
  // total ÷ max × (100 − weight) points, in hundredths: totalUnits × (10000 − weightUnits) ÷ maxUnits hundredths.
  const remaining = pow10(4) - weightUnits;
  return fromUnits(divideHalfUp(totalUnits * remaining, maxUnits), SCORE_DECIMALS);
}

function comprehensive(
  rubric: Rubric,
  set: ScoreSet | null,
  price: number,
  priceWeightPercent: number,
): ScoreSet | null {
  if (set === null) return null;
  const technical = technicalPoints(rubric, set.total, priceWeightPercent);
  return {
    total: fromUnits(hundredths(technical) + hundredths(price), SCORE_DECIMALS),
    criteria: { ...set.criteria, [TECHNICAL_CRITERION_ID]: technical, [PRICE_CRITERION_ID]: price },
  };
}

/**
 * Price as a scored criterion of the review engine: each bid's score sets (mean, median, calibrated, consensus)
 * become technical part + price part, the price part being lowest valid bid ÷ bid × 100 × weight, so
 * `rankCases` ranks on the comprehensive score. Every bid passed is taken as valid (invalid ones never reach
 * evaluation); the bid's price becomes its requested amount, so `LOWER_PRICE_TIE_BREAKS` sends ties to the
 * lower price. Throws RangeError on a rubric that already has a `price` or `technical` criterion.
 */
export function withPriceCriterion(
  rubric: Rubric,
  bids: readonly PricedCase[],
  priceWeightPercent: number,
): RankingEntry[] {
  for (const reserved of [PRICE_CRITERION_ID, TECHNICAL_CRITERION_ID]) {
    if (rubric.criteria.some((criterion) => criterion.id === reserved)) {
      throw new RangeError(`rubric ${rubric.id} may not have a criterion named ${reserved}`);
    }
  }
  for (const bid of bids) {
    if (!isFen(bid.priceFen) || bid.priceFen <= 0) {
      throw new RangeError(`case ${bid.summary.caseId}: price must be positive whole fen`);
    }
  }
  if (bids.length === 0) return [];
  const lowestValidBidFen = Math.min(...bids.map((bid) => bid.priceFen));
  return bids.map(({ summary, priceFen, submittedAt }) => {
    const price = priceScore({ bidFen: priceFen, lowestValidBidFen, priceWeightPercent });
    const consensus = summary.consensus
      ? {
          ...summary.consensus,
          score: comprehensive(rubric, summary.consensus.score, price, priceWeightPercent) as ScoreSet,
        }
      : null;
    return {
      summary: {
        ...summary,
        mean: comprehensive(rubric, summary.mean, price, priceWeightPercent),
        median: comprehensive(rubric, summary.median, price, priceWeightPercent),
        calibrated: comprehensive(rubric, summary.calibrated, price, priceWeightPercent),
        consensus,
      },
      requestedAmount: priceFen,
      submittedAt,
    };
  });
}
