import type { LocalizedText } from '../cases';
import type { FormDefinition } from './form';
import type { Stage } from './stages';

/** What one case of a process can be about. */
export const CASE_SUBJECTS = [
  // An application to a grant program (公益创投 and other calls).
  'application',
  // A bid in a government purchase of services (政府购买服务).
  'bid',
  // An organization's yearly report for annual inspection (年检).
  'annual_report',
  // An organization's request for a 1A–5A rating evaluation (评估).
  'rating_application',
  // A claim on a published small livelihood project (公开认领).
  'project_claim',
] as const;

/** What one case of a process is about. */
export type CaseSubject = (typeof CASE_SUBJECTS)[number];

/**
 * A process as typed, versioned data: the form a case fills in and the stages it goes through. Programs snapshot
 * one version when they publish, so running cases never see later edits; a change is a new version.
 */
export interface ProcessTemplate {
  /** Stable identifier of the process, e.g. 'grant-competition'. */
  key: string;
  /** Whole number from 1, raised for every published change. */
  version: number;
  name: LocalizedText;
  caseSubject: CaseSubject;
  form: FormDefinition;
  /** Key of the money field holding the amount requested; decision stages allocate the budget by it. */
  requestedAmountField?: string;
  /** In display order; a case starts in the first. Outcomes, not this order, decide where it goes next. */
  stages: Stage[];
}
