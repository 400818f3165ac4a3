// Error codes and the small checking helpers shared by the template validators.
import type { LocalizedText } from '../cases';

/** Stable codes of template validation errors, for tests and for the template editor to react to. */
export type TemplateErrorCode =
  | 'invalid_key'
  | 'duplicate_key'
  | 'invalid_version'
  | 'missing_text'
  | 'unknown_case_subject'
  | 'no_stages'
  | 'unknown_stage_kind'
  | 'invalid_duration'
  | 'duration_not_positive'
  | 'mixed_duration_units'
  | 'unknown_role'
  | 'unknown_action'
  | 'action_not_in_stage_kind'
  | 'read_only_role'
  | 'applicant_may_not_judge'
  | 'reviewer_only_action'
  | 'missing_actor'
  | 'revision_not_allowed'
  | 'objections_not_allowed'
  | 'unknown_outcome'
  | 'missing_outcome'
  | 'unknown_target_stage'
  | 'self_transition'
  | 'unknown_terminal_state'
  | 'deadline_outcome_impossible'
  | 'no_roles_to_notify'
  | 'unreachable_stage'
  | 'no_path_to_end'
  | 'invalid_setting'
  | 'invalid_count'
  | 'invalid_percent'
  | 'invalid_amount'
  | 'missing_rubric'
  | 'reviewers_per_case_below_one'
  | 'invalid_advancement'
  | 'empty_checklist'
  | 'no_tiers'
  | 'tier_order'
  | 'invalid_score'
  | 'invalid_category'
  | 'duplicate_category_quota'
  | 'quota_min_above_max'
  | 'no_signatories'
  | 'signatory_cannot_sign'
  | 'report_due_after_stage'
  | 'reminder_not_before_due'
  | 'unknown_tranche_event'
  | 'tranche_event_impossible'
  | 'tranches_not_100'
  | 'unknown_tranche_report'
  | 'duplicate_evaluation_phase'
  | 'grade_band_range'
  | 'grade_bands_gap'
  | 'grade_bands_overlap'
  | 'no_failing_grade'
  | 'grade_passing_order'
  | 'failing_grade_effect_mismatch'
  | 'requested_amount_field_missing'
  | 'requested_amount_field_invalid'
  | 'unknown_field_type'
  | 'invalid_max_length'
  | 'invalid_range'
  | 'no_options';

/** One problem in a template, at a field path such as `stages[3].settings.reviewersPerCase`. */
export interface TemplateValidationError {
  path: string;
  code: TemplateErrorCode;
  message: LocalizedText;
}

/** Thrown by assertValidTemplate; carries every error found. */
export class InvalidTemplateError extends Error {
  constructor(readonly errors: TemplateValidationError[]) {
    super(
      `Invalid process template: ${errors.map((error) => `${error.path}: ${error.message.en}`).join('; ')}`,
    );
    this.name = 'InvalidTemplateError';
  }
}

/** Collects one error; validators call it for every problem they find instead of stopping at the first. */
export type Report = (path: string, code: TemplateErrorCode, message: LocalizedText) => void;

/** Keys of templates, stages and settings items. */
export const KEY_PATTERN = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

/** Reports a key that is not lower-case words joined by '-' or '_' (or the given pattern). */
export function checkKey(report: Report, path: string, key: string, pattern = KEY_PATTERN): void {
  if (typeof key !== 'string' || !pattern.test(key)) {
    report(path, 'invalid_key', {
      zh: `标识「${key}」格式不正确：须以小写字母开头，只含小写字母、数字、连字符或下划线`,
      en: `Key "${key}" must start with a lower-case letter and use only lower-case letters, digits, '-' or '_'`,
    });
  }
}

/** Reports a missing or blank Chinese or English text. */
export function checkText(report: Report, path: string, text: LocalizedText | undefined): void {
  for (const language of ['zh', 'en'] as const) {
    const value = text?.[language];
    if (typeof value !== 'string' || value.trim() === '') {
      report(`${path}.${language}`, 'missing_text', {
        zh: language === 'zh' ? '缺少中文文本' : '缺少英文文本',
        en: language === 'zh' ? 'Chinese text is missing' : 'English text is missing',
      });
    }
  }
}

/** Reports every repeat of a key after its first use. */
export function checkUnique(report: Report, items: { path: string; key: string }[]): void {
  const seen = new Set<string>();
  for (const { path, key } of items) {
    if (seen.has(key)) {
      report(path, 'duplicate_key', { zh: `标识「${key}」重复`, en: `Key "${key}" is used more than once` });
    }
    seen.add(key);
  }
}

/** True for a safe integer at or above the minimum. */
export function isWholeNumberAtLeast(value: unknown, minimum: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum;
}

/** Reports a count that is not a whole number at or above the minimum. */
export function reportCount(report: Report, path: string, minimum: number): void {
  report(path, 'invalid_count', {
    zh: `必须是不小于 ${minimum} 的整数`,
    en: `Must be a whole number of at least ${minimum}`,
  });
}

/** True for a finite percentage above 0 and at most 100. */
export function isPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100;
}

/** Reports a percentage outside (0, 100]. */
export function reportPercent(report: Report, path: string): void {
  report(path, 'invalid_percent', {
    zh: '百分比必须大于 0 且不超过 100',
    en: 'A percentage must be above 0 and at most 100',
  });
}
