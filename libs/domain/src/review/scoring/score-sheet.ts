import { SCORE_DECIMALS, fromUnits, roundRatioHalfUp } from './decimal';
import { type FieldError, isRecord, ownValue, reportValue } from './field-error';
import type { Rubric } from './rubric';
import {
  type CriterionMath,
  type RubricMath,
  rubricMath,
  scoreUnits,
  sheetUnits,
  totalUnits,
} from './rubric-math';

/** A score sheet as a reviewer submits it: nothing about its shape is trusted yet. */
export interface ScoreSheetInput {
  readonly scores?: unknown;
  readonly comments?: unknown;
}

/** A score sheet that passed validation: one on-scale score per criterion, comments as text. */
export interface ScoreSheet {
  readonly scores: Readonly<Record<string, number>>;
  readonly comments: Readonly<Record<string, string>>;
}

/** Outcome of reading a sheet: the typed sheet with its total, or the refused fields. */
export type ScoreSheetResult =
  | { readonly ok: true; readonly sheet: ScoreSheet; readonly total: number }
  | { readonly ok: false; readonly errors: FieldError[] };

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

// The grid values either side of an off-step score, so the message can suggest both.
function neighbours(
  math: RubricMath,
  criterion: CriterionMath,
  value: number,
): { lower: number; upper: number } {
  const at = (k: bigint): number => fromUnits(criterion.min + k * criterion.step, math.places);
  let k = BigInt(Math.floor((value * 10 ** math.places - Number(criterion.min)) / Number(criterion.step)));
  // The float estimate of k can be one off next to a grid value; settle it on exact grid points.
  if (at(k) > value) k -= 1n;
  else if (at(k + 1n) < value) k += 1n;
  return { lower: at(k), upper: Math.min(at(k + 1n), criterion.criterion.scale.max) };
}

/** Checks one criterion's score and returns its error, if any. */
function scoreError(math: RubricMath, criterion: CriterionMath, value: unknown): FieldError | undefined {
  const { id, name, scale } = criterion.criterion;
  const field = `scores.${id}`;
  const named = { subject: 'score', criterionId: id, criterionName: name } as const;
  if (isBlank(value)) return { field, code: 'required', params: named };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { field, code: 'not_a_number', params: { ...named, value: reportValue(value) } };
  }
  if (value < scale.min || value > scale.max) {
    return { field, code: 'out_of_scale', params: { ...named, value, min: scale.min, max: scale.max } };
  }
  if (scoreUnits(math, criterion, value) === undefined) {
    const params = { ...named, value, min: scale.min, max: scale.max, step: scale.step };
    return { field, code: 'not_on_step', params: { ...params, ...neighbours(math, criterion, value) } };
  }
  return undefined;
}

/**
 * Validates a submitted sheet against its rubric and returns every refused field (empty when valid), in rubric
 * order then unknown keys sorted. A score is accepted exactly when it is a number equal to the decimal
 * min + k × step for a whole k with min ≤ score ≤ max; the check runs on exact decimal units, so 3.5 is on a
 * 0.5 step and 0.1 + 0.2 (0.30000000000000004) is not on a 0.1 step. A criterion scored strictly below its
 * `commentRequiredBelow` needs a non-blank comment.
 */
export function validateScoreSheet(rubric: Rubric, sheet: ScoreSheetInput): FieldError[] {
  const math = rubricMath(rubric);
  const errors: FieldError[] = [];
  let scores: Record<string, unknown> = {};
  let comments: Record<string, unknown> = {};
  const rawScores: unknown = sheet?.scores;
  if (isRecord(rawScores)) {
    scores = rawScores;
  } else if (rawScores === undefined || rawScores === null) {
    errors.push({ field: 'scores', code: 'required', params: { subject: 'scores' } });
  } else {
    errors.push({ field: 'scores', code: 'wrong_type', params: { subject: 'scores', expected: 'object' } });
  }
  const rawComments: unknown = sheet?.comments;
  if (isRecord(rawComments)) {
    comments = rawComments;
  } else if (rawComments !== undefined && rawComments !== null) {
    errors.push({
      field: 'comments',
      code: 'wrong_type',
      params: { subject: 'comments', expected: 'object' },
    });
  }

  for (const criterion of math.criteria) {
    const { id, name, commentRequiredBelow } = criterion.criterion;
    const value = ownValue(scores, id);
    const error = scoreError(math, criterion, value);
    if (error) errors.push(error);
    const comment = ownValue(comments, id);
    const commentParams = { subject: 'comment', criterionId: id, criterionName: name } as const;
    if (comment !== undefined && comment !== null && typeof comment !== 'string') {
      errors.push({
        field: `comments.${id}`,
        code: 'wrong_type',
        params: { ...commentParams, expected: 'text' },
      });
    } else if (
      !error &&
      commentRequiredBelow !== undefined &&
      (value as number) < commentRequiredBelow &&
      isBlank(comment)
    ) {
      errors.push({
        field: `comments.${id}`,
        code: 'comment_required',
        params: { ...commentParams, value: value as number, threshold: commentRequiredBelow },
      });
    }
  }

  const known = new Set(rubric.criteria.map((criterion) => criterion.id));
  for (const [group, record] of [
    ['scores', scores],
    ['comments', comments],
  ] as const) {
    for (const key of Object.keys(record).sort()) {
      if (!known.has(key)) {
        errors.push({
          field: `${group}.${key}`,
          code: 'unknown_criterion',
          params: { subject: 'criteria', criterionId: key },
        });
      }
    }
  }
  return errors;
}

/** Validates a sheet and, when valid, returns it typed (rubric criteria only, string comments) with its total. */
export function parseScoreSheet(rubric: Rubric, sheet: ScoreSheetInput): ScoreSheetResult {
  const errors = validateScoreSheet(rubric, sheet);
  if (errors.length > 0) return { ok: false, errors };
  const input = sheet as { scores: Record<string, unknown>; comments?: Record<string, unknown> | null };
  const scores = Object.fromEntries(
    rubric.criteria.map(({ id }) => [id, ownValue(input.scores, id) as number]),
  );
  const comments = Object.fromEntries(
    rubric.criteria.flatMap(({ id }) => {
      const comment = input.comments ? ownValue(input.comments, id) : undefined;
      return typeof comment === 'string' ? [[id, comment]] : [];
    }),
  );
  return { ok: true, sheet: { scores, comments }, total: computeTotal(rubric, scores) };
}

/**
 * Total of a valid sheet: Σ weight × score computed exactly on decimal units, then rounded half-up to 2 decimals
 * once. Throws RangeError when a score is missing or off the scale (validate first).
 */
export function computeTotal(rubric: Rubric, scores: Readonly<Record<string, number>>): number {
  const math = rubricMath(rubric);
  return roundRatioHalfUp(totalUnits(math, sheetUnits(math, scores)), math.totalDenominator, SCORE_DECIMALS);
}

/** True when the value is exactly on the criterion's scale and step (the rule validateScoreSheet applies). */
export function isOnScale(rubric: Rubric, criterionId: string, value: number): boolean {
  const math = rubricMath(rubric);
  const criterion = math.criteria.find((entry) => entry.criterion.id === criterionId);
  return criterion !== undefined && scoreUnits(math, criterion, value) !== undefined;
}
