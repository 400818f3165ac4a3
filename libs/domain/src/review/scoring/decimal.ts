// Exact decimal arithmetic for scores, weights and money. Rubric numbers are short decimals (0.5, 0.25, 30),
// so they are carried as integers of 10^-places units (bigint) and only divided once, when a result is
// rounded for display. This keeps totals, means and medians free of binary floating-point drift.

/** Most decimal places a rubric number (scale bound, step, weight, threshold) may carry. */
export const MAX_DECIMALS = 4;

/** Decimal places every published score (totals, means, medians, calibrated scores, price scores) carries. */
export const SCORE_DECIMALS = 2;

/** 10^places as a bigint, the denominator of a value held in units of 10^-places. */
export function pow10(places: number): bigint {
  return 10n ** BigInt(places);
}

/**
 * The value as an integer count of 10^-places units, or undefined when it is not exactly a decimal with at most
 * that many places. "Exactly" means the double is the one a decimal literal parses to: 0.3 is 3 tenths, while
 * 0.1 + 0.2 (0.30000000000000004) is not.
 */
export function toUnits(value: number, places: number): bigint | undefined {
  if (!Number.isFinite(value)) return undefined;
  const scale = 10 ** places;
  const scaled = Math.round(value * scale);
  // Division of two exact doubles is correctly rounded, so this is the double nearest to the decimal.
  if (!Number.isSafeInteger(scaled) || scaled / scale !== value) return undefined;
  return BigInt(scaled);
}

/** Fewest decimal places (at most `max`) that hold the value exactly, or undefined when it needs more. */
export function decimalPlaces(value: number, max: number = MAX_DECIMALS): number | undefined {
  for (let places = 0; places <= max; places++) {
    if (toUnits(value, places) !== undefined) return places;
  }
  return undefined;
}

/** The number nearest to `units` × 10^-places (exact when it fits a double's 15 significant digits). */
export function fromUnits(units: bigint, places: number): number {
  return Number(units) / 10 ** places;
}

/** numerator ÷ denominator rounded half-up (half away from zero) to a whole number, exactly. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideHalfUp needs a positive denominator');
  const negative = numerator < 0n;
  const quotient = (2n * (negative ? -numerator : numerator) + denominator) / (2n * denominator);
  return negative ? -quotient : quotient;
}

/**
 * numerator ÷ denominator rounded half-up (half away from zero) to `places` decimals, computed exactly on
 * integers: 1005 ÷ 1000 to 2 places is 1.01, never 1.00.
 */
export function roundRatioHalfUp(numerator: bigint, denominator: bigint, places: number): number {
  return fromUnits(divideHalfUp(numerator * pow10(places), denominator), places);
}

/**
 * A float rounded half-up (half away from zero) to `places` decimals, for results that went through a square
 * root (calibration). The scaled value is first read at 15 significant digits, so representation noise such as
 * 1.005 × 100 = 100.49999999999999 counts as the half it stands for.
 */
export function roundHalfUp(value: number, places: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const scale = 10 ** places;
  const scaled = Number((Math.abs(value) * scale).toPrecision(15));
  const rounded = Math.floor(scaled + 0.5) / scale;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
