import type { LocalizedText } from '../../cases';
import { MAX_DECIMALS, decimalPlaces, fromUnits, toUnits } from './decimal';
import type { FieldError } from './field-error';
import { rubricMath } from './rubric-math';

/** The values a criterion accepts: min, min + step, …, max (e.g. 0–5 in 0.5 steps, or 0–30 whole points). */
export interface CriterionScale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** One scored criterion of a rubric. */
export interface Criterion {
  /** Stable id, also the key of the criterion in score sheets (`scores.<id>`): a letter, then letters, digits, `_`, `-`. */
  readonly id: string;
  readonly name: LocalizedText;
  readonly scale: CriterionScale;
  /** Multiplies the score in the total; 1 on 100-point sheets, where the scale max is the criterion's points. */
  readonly weight: number;
  /** The criterion passes when its score is at least this (EU style: 3 of 5). */
  readonly threshold?: number;
  /** A score strictly below this needs a written comment for the criterion. */
  readonly commentRequiredBelow?: number;
}

/**
 * A scoring rubric as process templates embed it. The total of a sheet is the weighted sum
 * total = Σ weightᵢ × scoreᵢ, computed exactly and rounded half-up to 2 decimals; it ranges from
 * Σ weightᵢ × minᵢ to Σ weightᵢ × maxᵢ (15 for the EU preset, 100 for the 100-point preset).
 */
export interface Rubric {
  readonly id: string;
  readonly name: LocalizedText;
  readonly criteria: readonly Criterion[];
  /** How the total is formed; only the weighted sum exists today, named so templates say what they mean. */
  readonly totalFormula: 'weightedSum';
  /** The sheet passes when its total is at least this (EU style: 10 of 15). */
  readonly totalThreshold?: number;
}

// Ids become object keys and field paths (`scores.<id>`), so no dots, brackets or `__proto__`.
const CRITERION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Lowest and highest possible totals of the rubric (weighted sums of the scale bounds). */
export function rubricTotalRange(rubric: Rubric): { readonly min: number; readonly max: number } {
  const math = rubricMath(rubric);
  let min = 0n;
  let max = 0n;
  for (const criterion of math.criteria) {
    min += criterion.weight * criterion.min;
    max += criterion.weight * criterion.max;
  }
  const places = math.places + math.weightPlaces;
  return { min: fromUnits(min, places), max: fromUnits(max, places) };
}

/** Finds a criterion by id. */
export function findCriterion(rubric: Rubric, criterionId: string): Criterion | undefined {
  return rubric.criteria.find((criterion) => criterion.id === criterionId);
}

/**
 * Checks a rubric before a template is published: at least one criterion, unique well-formed ids, names in both
 * languages, min < max, positive steps that divide the range, positive weights, thresholds within the scale,
 * at most 4 decimals everywhere. Returns field-path errors (`criteria[1].scale.step`), empty when valid.
 */
export function validateRubric(rubric: Rubric): FieldError[] {
  const errors: FieldError[] = [];
  if (!rubric.id || rubric.id.trim() === '') {
    errors.push({ field: 'id', code: 'required', params: { subject: 'id' } });
  }
  for (const language of ['zh', 'en'] as const) {
    if (!rubric.name?.[language]?.trim()) {
      errors.push({ field: `name.${language}`, code: 'required', params: { subject: 'name' } });
    }
  }
  if (!Array.isArray(rubric.criteria) || rubric.criteria.length === 0) {
    errors.push({ field: 'criteria', code: 'empty', params: { subject: 'criteria' } });
    return errors;
  }
  const seen = new Set<string>();
  // The total threshold can only be checked against a total range built from usable scales and weights.
  let criteriaValid = true;
  rubric.criteria.forEach((criterion, index) => {
    if (!validateCriterion(criterion, `criteria[${index}]`, seen, errors)) criteriaValid = false;
  });
  if (rubric.totalThreshold !== undefined) {
    const field = 'totalThreshold';
    const value = rubric.totalThreshold;
    if (!Number.isFinite(value)) {
      errors.push({
        field,
        code: 'not_a_number',
        params: { subject: 'totalThreshold', value: String(value) },
      });
    } else if (decimalPlaces(value) === undefined) {
      errors.push({
        field,
        code: 'too_precise',
        params: { subject: 'totalThreshold', value, maxDecimals: MAX_DECIMALS },
      });
    } else if (criteriaValid) {
      const range = rubricTotalRange(rubric);
      if (value < range.min || value > range.max) {
        errors.push({ field, code: 'out_of_scale', params: { subject: 'totalThreshold', value, ...range } });
      }
    }
  }
  return errors;
}

// Pushes the criterion's errors; returns whether its scale and weight are usable for arithmetic.
function validateCriterion(
  criterion: Criterion,
  path: string,
  seen: Set<string>,
  errors: FieldError[],
): boolean {
  const id = typeof criterion.id === 'string' ? criterion.id : '';
  if (!CRITERION_ID.test(id)) {
    errors.push({ field: `${path}.id`, code: 'invalid_id', params: { subject: 'id', value: id } });
  } else if (seen.has(id)) {
    errors.push({ field: `${path}.id`, code: 'duplicate_id', params: { subject: 'id', value: id } });
  }
  seen.add(id);
  const named = { criterionId: id, criterionName: criterion.name };
  for (const language of ['zh', 'en'] as const) {
    if (!criterion.name?.[language]?.trim()) {
      errors.push({
        field: `${path}.name.${language}`,
        code: 'required',
        params: { subject: 'name', criterionId: id },
      });
    }
  }

  const numbers = [
    ['scale.min', 'scaleMin', criterion.scale?.min],
    ['scale.max', 'scaleMax', criterion.scale?.max],
    ['scale.step', 'step', criterion.scale?.step],
    ['weight', 'weight', criterion.weight],
  ] as const;
  let numbersValid = true;
  for (const [key, subject, value] of numbers) {
    const field = `${path}.${key}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push({
        field,
        code: 'not_a_number',
        params: { subject, ...named, value: value === undefined ? null : String(value) },
      });
      numbersValid = false;
    } else if (decimalPlaces(value) === undefined) {
      errors.push({
        field,
        code: 'too_precise',
        params: { subject, ...named, value, maxDecimals: MAX_DECIMALS },
      });
      numbersValid = false;
    }
  }
  if (!numbersValid) return false;

  const { min, max, step } = criterion.scale;
  if (criterion.weight <= 0) {
    errors.push({
      field: `${path}.weight`,
      code: 'not_positive',
      params: { subject: 'weight', ...named, value: criterion.weight },
    });
  }
  let scaleValid = true;
  if (min >= max) {
    errors.push({
      field: `${path}.scale.max`,
      code: 'min_not_below_max',
      params: { subject: 'scaleMax', ...named, min, max },
    });
    scaleValid = false;
  }
  if (step <= 0) {
    errors.push({
      field: `${path}.scale.step`,
      code: 'not_positive',
      params: { subject: 'step', ...named, value: step },
    });
    scaleValid = false;
  }
  if (scaleValid) {
    // Compared on exact decimal units: 0.1 divides 0–1 even though 1 % 0.1 is not 0 in floating point.
    // All three have at most MAX_DECIMALS places (checked above), so MAX_DECIMALS units hold them exactly.
    const units = (value: number): bigint => toUnits(value, MAX_DECIMALS) as bigint;
    if ((units(max) - units(min)) % units(step) !== 0n) {
      errors.push({
        field: `${path}.scale.step`,
        code: 'step_does_not_divide_range',
        params: { subject: 'step', ...named, min, max, step },
      });
    }
  }

  const limits = [
    ['threshold', criterion.threshold],
    ['commentRequiredBelow', criterion.commentRequiredBelow],
  ] as const;
  for (const [subject, value] of limits) {
    if (value === undefined) continue;
    const field = `${path}.${subject}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push({ field, code: 'not_a_number', params: { subject, ...named, value: String(value) } });
    } else if (decimalPlaces(value) === undefined) {
      errors.push({
        field,
        code: 'too_precise',
        params: { subject, ...named, value, maxDecimals: MAX_DECIMALS },
      });
    } else if (scaleValid && (value < min || value > max)) {
      errors.push({ field, code: 'out_of_scale', params: { subject, ...named, value, min, max } });
    }
  }
  return scaleValid && criterion.weight > 0;
}
