import type { LocalizedText } from '../cases';
import type { TemplateErrorCode } from '../templates';

/** Stable codes of procurement validation errors, beside the template codes the shared checks report. */
export type ProcurementErrorCode =
  | TemplateErrorCode
  | 'unknown_method'
  | 'price_weight_out_of_range'
  | 'price_weight_too_precise'
  | 'min_bids_below_rule'
  | 'tender_period_too_short'
  | 'confirmation_too_long'
  | 'committee_size_even'
  | 'committee_too_small'
  | 'too_few_experts'
  | 'duplicate_member'
  | 'member_conflict'
  | 'no_milestones'
  | 'milestones_not_100'
  | 'unknown_milestone_event'
  | 'unknown_milestone_report'
  | 'unknown_milestone_phase';

/** One problem in a project's settings, at a field path such as `paymentMilestones[1].percent`. */
export interface ProcurementValidationError {
  path: string;
  code: ProcurementErrorCode;
  message: LocalizedText;
}

/** Collects one error; the checks report every problem instead of stopping at the first. */
export type ProcurementReport = (path: string, code: ProcurementErrorCode, message: LocalizedText) => void;

/** A fresh list of errors and the function that fills it. */
export function collector(): { errors: ProcurementValidationError[]; report: ProcurementReport } {
  const errors: ProcurementValidationError[] = [];
  return { errors, report: (path, code, message) => errors.push({ path, code, message }) };
}

/** Chinese and English names of the methods, for messages. */
export const METHOD_NAMES: Readonly<Record<string, LocalizedText>> = Object.freeze({
  open_tender: { zh: '公开招标', en: 'open tender' },
  competitive_consultation: { zh: '竞争性磋商', en: 'competitive consultation' },
});
