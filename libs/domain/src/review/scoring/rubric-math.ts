import { SCORE_DECIMALS, decimalPlaces, divideHalfUp, pow10, toUnits } from './decimal';
import { ownValue } from './field-error';
import type { Criterion, Rubric } from './rubric';

/** A criterion's scale and weight as exact integers: scale in 10^-places units, weight in 10^-weightPlaces units. */
export interface CriterionMath {
  readonly criterion: Criterion;
  readonly min: bigint;
  readonly max: bigint;
  readonly step: bigint;
  readonly weight: bigint;
}

/** A rubric prepared for exact arithmetic; totals are integers of 10^-(places + weightPlaces) units. */
export interface RubricMath {
  readonly places: number;
  readonly weightPlaces: number;
  readonly criteria: readonly CriterionMath[];
  /** 10^(places + weightPlaces): divide a total in units by this to get points. */
  readonly totalDenominator: bigint;
}

function placesOf(value: number, rubricId: string): number {
  const places = decimalPlaces(value);
  if (places === undefined)
    throw new RangeError(`rubric ${rubricId} has a number (${value}) that validateRubric refuses`);
  return places;
}

function unitsOf(value: number, places: number): bigint {
  const units = toUnits(value, places);
  if (units === undefined) throw new RangeError(`${value} is not a decimal with ${places} places`);
  return units;
}

/** Prepares a (validated) rubric for exact arithmetic; throws RangeError for numbers validateRubric refuses. */
export function rubricMath(rubric: Rubric): RubricMath {
  let places = 0;
  let weightPlaces = 0;
  for (const { scale, weight } of rubric.criteria) {
    places = Math.max(
      places,
      placesOf(scale.min, rubric.id),
      placesOf(scale.max, rubric.id),
      placesOf(scale.step, rubric.id),
    );
    weightPlaces = Math.max(weightPlaces, placesOf(weight, rubric.id));
  }
  const criteria = rubric.criteria.map((criterion) => ({
    criterion,
    min: unitsOf(criterion.scale.min, places),
    max: unitsOf(criterion.scale.max, places),
    step: unitsOf(criterion.scale.step, places),
    weight: unitsOf(criterion.weight, weightPlaces),
  }));
  return { places, weightPlaces, criteria, totalDenominator: pow10(places + weightPlaces) };
}

/** The score in units when it is exactly on the criterion's scale and step, otherwise undefined. */
export function scoreUnits(math: RubricMath, criterion: CriterionMath, value: unknown): bigint | undefined {
  if (typeof value !== 'number') return undefined;
  const units = toUnits(value, math.places);
  if (units === undefined || units < criterion.min || units > criterion.max) return undefined;
  return (units - criterion.min) % criterion.step === 0n ? units : undefined;
}

/** Each criterion's score in units, in rubric order; throws RangeError when a score is missing or invalid. */
export function sheetUnits(math: RubricMath, scores: Readonly<Record<string, number>>): bigint[] {
  return math.criteria.map((criterion) => {
    const units = scoreUnits(math, criterion, ownValue(scores, criterion.criterion.id));
    if (units === undefined) {
      throw new RangeError(
        `score for criterion ${criterion.criterion.id} is missing or invalid: validate the sheet first`,
      );
    }
    return units;
  });
}

/** Σ weight × score in units of 10^-(places + weightPlaces); exact. */
export function totalUnits(math: RubricMath, units: readonly bigint[]): bigint {
  return math.criteria.reduce((sum, criterion, index) => sum + criterion.weight * units[index], 0n);
}

/** A sheet's total as published: rounded half-up to 2 decimals, held as whole hundredths. */
export function totalHundredths(math: RubricMath, units: readonly bigint[]): bigint {
  return divideHalfUp(totalUnits(math, units) * pow10(SCORE_DECIMALS), math.totalDenominator);
}
