import type { LocalizedText } from '../../cases';

/** Languages the catalogue renders; zh-CN is the product's first language. */
export type ScoringLocale = 'zh-CN' | 'en';

/** Stable codes of a refused field; the API returns them and the catalogue renders them. */
export type FieldErrorCode =
  // score sheets and consensus sheets
  | 'required'
  | 'not_a_number'
  | 'wrong_type'
  | 'out_of_scale'
  | 'not_on_step'
  | 'comment_required'
  | 'unknown_criterion'
  | 'too_short'
  | 'consensus_not_required'
  | 'consensus_already_recorded'
  // rubric and settings validation (template authors)
  | 'empty'
  | 'invalid_id'
  | 'duplicate_id'
  | 'not_positive'
  | 'too_precise'
  | 'min_not_below_max'
  | 'step_does_not_divide_range'
  | 'out_of_range';

/** What a field holds, so the catalogue can name it ("「可行性」的分数", "Score for “Feasibility”"). */
export type FieldSubject =
  | 'scores'
  | 'score'
  | 'comments'
  | 'comment'
  | 'justification'
  | 'chair'
  | 'disagreement'
  | 'criteria'
  | 'id'
  | 'name'
  | 'scaleMin'
  | 'scaleMax'
  | 'step'
  | 'weight'
  | 'threshold'
  | 'commentRequiredBelow'
  | 'totalThreshold'
  | 'ratio'
  | 'spread'
  | 'reviewCount'
  | 'priceWeight';

/** A refused value as JSON can carry it (NaN and objects are described as text). */
export type ReportedValue = string | number | boolean | null;

/** Everything a message needs; all JSON-safe, so errors cross Temporal payloads and problem+json unchanged. */
export interface FieldErrorParams {
  readonly subject: FieldSubject;
  readonly criterionId?: string;
  readonly criterionName?: LocalizedText;
  readonly value?: ReportedValue;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly threshold?: number;
  readonly minLength?: number;
  readonly maxDecimals?: number;
  readonly expected?: 'object' | 'text';
}

/** One refused field: `field` is its path in the submitted document, e.g. `scores.feasibility`, `criteria[2].weight`. */
export interface FieldError {
  readonly field: string;
  readonly code: FieldErrorCode;
  readonly params: FieldErrorParams;
}

/** A field error with its message in both languages, the shape `Refusal.fields` in libs/contracts carries. */
export interface LocalizedFieldError {
  readonly field: string;
  readonly code: FieldErrorCode;
  readonly message: LocalizedText;
}

/** Describes any received value in a JSON-safe way for error params (long text is cut at 40 characters). */
export function reportValue(value: unknown): ReportedValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (typeof value === 'boolean') return value;
  return Array.isArray(value) ? 'array' : typeof value;
}

/** The own property of a record, ignoring inherited ones (a criterion id such as `constructor` stays safe). */
export function ownValue(record: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key)
    ? (record as Record<string, unknown>)[key]
    : undefined;
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
