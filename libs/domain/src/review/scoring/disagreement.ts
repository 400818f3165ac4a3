import { SCORE_DECIMALS, fromUnits, roundHalfUp } from './decimal';
import { type FieldError, ownValue } from './field-error';
import type { ReviewScores } from './calibration';
import { type Rubric, rubricTotalRange } from './rubric';
import { rubricMath, sheetUnits, totalHundredths } from './rubric-math';

/** What a template does about a disagreement: a chair records a consensus score, or one more reviewer scores. */
export type DisagreementResolution = 'consensus' | 'extra_reviewer';

/** The template setting for disagreement detection; thresholds are "spread ≥ threshold" on raw scores. */
export interface DisagreementRule {
  readonly resolution: DisagreementResolution;
  /** Share of a criterion's range (max − min) that flags it; default 0.4, i.e. 2 on 0–5; null turns it off. */
  readonly criterionSpreadRatio?: number | null;
  /** Absolute spreads per criterion id, overriding the ratio for those criteria. */
  readonly criterionSpread?: Readonly<Record<string, number>>;
  /** Share of the total's range that flags the totals; default 0.2, i.e. 20 on 100; null turns it off. */
  readonly totalSpreadRatio?: number | null;
  /** Absolute spread of totals, overriding the ratio. */
  readonly totalSpread?: number;
  /** Reviews a case gets before an extra reviewer; default 3, the minimum at the final stage (DOMAIN.md). */
  readonly expectedReviews?: number;
}

/** Defaults from DOMAIN.md: 2 points on a 5-point criterion, 20 on a 100-point total, resolved by consensus. */
export const DEFAULT_DISAGREEMENT_RULE = Object.freeze({
  resolution: 'consensus',
  criterionSpreadRatio: 0.4,
  totalSpreadRatio: 0.2,
  expectedReviews: 3,
} as const satisfies DisagreementRule);

/** One criterion (or the total) whose reviewers' scores are too far apart. */
export interface SpreadFlag {
  readonly target: 'criterion' | 'total';
  readonly criterionId?: string;
  /** highest − lowest among the case's reviews. */
  readonly spread: number;
  readonly threshold: number;
  readonly lowest: number;
  readonly highest: number;
}

/** Where a case stands on disagreement; the two `needs_*` states hold back an award. */
export type DisagreementStatus =
  | 'none'
  | 'needs_consensus'
  | 'needs_extra_reviewer'
  | 'resolved_by_consensus'
  | 'resolved_by_extra_reviewer';

/** Disagreement found on one case, with every flagged criterion and its spread. */
export interface DisagreementResult {
  readonly flagged: boolean;
  readonly resolution: DisagreementResolution;
  readonly status: DisagreementStatus;
  readonly flags: readonly SpreadFlag[];
}

/** The spreads that flag each criterion and the total under a rule (null where the check is off). */
export function disagreementThresholds(
  rubric: Rubric,
  rule: DisagreementRule = DEFAULT_DISAGREEMENT_RULE,
): { readonly criteria: Readonly<Record<string, number | null>>; readonly total: number | null } {
  const criterionRatio = rule.criterionSpreadRatio === undefined ? 0.4 : rule.criterionSpreadRatio;
  const totalRatio = rule.totalSpreadRatio === undefined ? 0.2 : rule.totalSpreadRatio;
  const criteria = Object.fromEntries(
    rubric.criteria.map(({ id, scale }) => {
      const absolute = rule.criterionSpread ? ownValue(rule.criterionSpread, id) : undefined;
      if (typeof absolute === 'number') return [id, absolute];
      return [id, criterionRatio === null ? null : roundHalfUp(criterionRatio * (scale.max - scale.min), 4)];
    }),
  );
  const range = rubricTotalRange(rubric);
  const total =
    rule.totalSpread ?? (totalRatio === null ? null : roundHalfUp(totalRatio * (range.max - range.min), 4));
  return { criteria, total };
}

/**
 * Flags a case whose raw scores spread too far: for each criterion (and the total), spread = highest − lowest
 * over the case's reviews, flagged when spread ≥ threshold. Needs two reviews or more. With 'consensus' a
 * flagged case needs a consensus score; with 'extra_reviewer' it needs one more review than `expectedReviews`,
 * after which it counts as resolved (its spread cannot shrink; ranking on the median absorbs the outlier).
 */
export function detectDisagreement(
  rubric: Rubric,
  reviews: readonly ReviewScores[],
  rule: DisagreementRule = DEFAULT_DISAGREEMENT_RULE,
): DisagreementResult {
  const math = rubricMath(rubric);
  const thresholds = disagreementThresholds(rubric, rule);
  const flags: SpreadFlag[] = [];
  if (reviews.length >= 2) {
    const sheets = reviews.map((review) => sheetUnits(math, review.scores));
    math.criteria.forEach((criterion, index) => {
      const threshold = thresholds.criteria[criterion.criterion.id];
      if (threshold === null || threshold === undefined) return;
      const values = sheets.map((units) => units[index]);
      const lowest = values.reduce((a, b) => (b < a ? b : a));
      const highest = values.reduce((a, b) => (b > a ? b : a));
      const spread = fromUnits(highest - lowest, math.places);
      if (spread >= threshold) {
        flags.push({
          target: 'criterion',
          criterionId: criterion.criterion.id,
          spread,
          threshold,
          lowest: fromUnits(lowest, math.places),
          highest: fromUnits(highest, math.places),
        });
      }
    });
    if (thresholds.total !== null) {
      // Totals are compared as published: each rounded half-up to 2 decimals, held as whole hundredths.
      const totals = sheets.map((units) => totalHundredths(math, units));
      const lowest = totals.reduce((a, b) => (b < a ? b : a));
      const highest = totals.reduce((a, b) => (b > a ? b : a));
      const spread = fromUnits(highest - lowest, SCORE_DECIMALS);
      if (spread >= thresholds.total) {
        flags.push({
          target: 'total',
          spread,
          threshold: thresholds.total,
          lowest: fromUnits(lowest, SCORE_DECIMALS),
          highest: fromUnits(highest, SCORE_DECIMALS),
        });
      }
    }
  }
  const flagged = flags.length > 0;
  const expected = rule.expectedReviews ?? 3;
  let status: DisagreementStatus = 'none';
  if (flagged && rule.resolution === 'consensus') status = 'needs_consensus';
  if (flagged && rule.resolution === 'extra_reviewer') {
    status = reviews.length > expected ? 'resolved_by_extra_reviewer' : 'needs_extra_reviewer';
  }
  return { flagged, resolution: rule.resolution, status, flags };
}

/** Checks a template's disagreement rule: ratios in (0, 1], positive spreads for known criteria, whole review counts. */
export function validateDisagreementRule(rubric: Rubric, rule: DisagreementRule): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['criterionSpreadRatio', 'totalSpreadRatio'] as const) {
    const value = rule[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
      errors.push({
        field: key,
        code: 'out_of_range',
        params: { subject: 'ratio', value: String(value), min: 0, max: 1 },
      });
    }
  }
  const known = new Set(rubric.criteria.map(({ id }) => id));
  for (const [id, value] of Object.entries(rule.criterionSpread ?? {})) {
    const field = `criterionSpread.${id}`;
    if (!known.has(id)) {
      errors.push({ field, code: 'unknown_criterion', params: { subject: 'criteria', criterionId: id } });
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      errors.push({
        field,
        code: 'not_positive',
        params: { subject: 'spread', criterionId: id, value: String(value) },
      });
    }
  }
  if (rule.totalSpread !== undefined && !(Number.isFinite(rule.totalSpread) && rule.totalSpread > 0)) {
    errors.push({
      field: 'totalSpread',
      code: 'not_positive',
      params: { subject: 'spread', value: String(rule.totalSpread) },
    });
  }
  const expected = rule.expectedReviews;
  if (expected !== undefined && !(Number.isInteger(expected) && expected >= 1)) {
    errors.push({
      field: 'expectedReviews',
      code: 'out_of_range',
      params: { subject: 'reviewCount', value: String(expected), min: 1 },
    });
  }
  return errors;
}
