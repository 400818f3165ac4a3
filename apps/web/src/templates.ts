import { api, call } from './api/client';

// The template endpoint answers the domain's ProcessTemplate, which the OpenAPI document leaves untyped;
// these are the parts the pages read.
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface TemplateField {
  key: string;
  type: 'text' | 'textarea' | 'number' | 'money' | 'select' | 'date' | 'attachment';
  label: LocalizedText;
  required: boolean;
  help?: LocalizedText;
  maxLength?: number;
  integer?: boolean;
  min?: number;
  max?: number;
  minFen?: number;
  maxFen?: number;
  options?: { value: string; label: LocalizedText }[];
  multiple?: boolean;
  maxFiles?: number;
  accept?: string[];
}

export interface TemplateView {
  key: string;
  version: number;
  name: LocalizedText;
  requestedAmountField?: string;
  form: { sections: { key: string; title: LocalizedText; fields: TemplateField[] }[] };
  stages: TemplateStage[];
}

/** A performance grade band of an evaluation stage. */
export interface GradeBand {
  key: string;
  name: LocalizedText;
  minScore: number;
  maxScore: number;
  passing: boolean;
}

/** A stage's length: working days on the holiday calendar, or seconds in a test-sized program. */
export type StageDuration = { workingDays: number } | { seconds: number };

/** One item of a screening's eligibility checklist. */
export interface EligibilityCheck {
  key: string;
  label: LocalizedText;
  /** A failed correctable item returns the case for revision instead of making it ineligible. */
  correctable: boolean;
}

/** One stage of a template, with the parts of its settings the pages read. */
export interface TemplateStage {
  key: string;
  kind: string;
  name: LocalizedText;
  /** The actions each role may take in the stage; roles not listed may take none. */
  permissions?: Partial<Record<string, string[]>>;
  settings?: {
    /** Screening: the eligibility checklist. */
    checklist?: EligibilityCheck[];
    /** Submission and screening: whether a case may be returned for revision (补正), how soon and how often. */
    revision?: { allowed: false } | { allowed: true; deadline: StageDuration; maxRounds: number };
    /** Decision: the award tiers (一等资助, 中标 …), and whether cases are decided one by one ('by_hand'). */
    tiers?: { key: string; name: LocalizedText }[];
    allocation?: 'program' | 'by_hand';
    partialFunding?: { allowed: boolean };
    /** Evaluation: the performance grade bands. */
    grades?: GradeBand[];
  };
}

/**
 * The claim form's field naming the listed project (公开认领), as the domain's CLAIMED_PROJECT_FIELD: the
 * application form offers the program's list for it instead of free text.
 */
export const CLAIMED_PROJECT_FIELD = 'listedProject';

/** The actions any of the roles may take in the stage, as the template grants them. */
export function stageActions(
  template: TemplateView | undefined,
  stageKey: string,
  roles: readonly string[],
): Set<string> {
  const stage = template?.stages.find((candidate) => candidate.key === stageKey);
  return new Set(roles.flatMap((role) => stage?.permissions?.[role] ?? []));
}

/** The government purchase of services template: its programs are tenders, its applications bids. */
export const PROCUREMENT_TEMPLATE = 'government-procurement';

const cache = new Map<string, Promise<TemplateView>>();

/** A process template, fetched once per page load. */
export function loadTemplate(key: string): Promise<TemplateView> {
  let pending = cache.get(key);
  if (!pending) {
    pending = call(
      api.GET('/api/templates/{key}', { params: { path: { key } } }),
    ) as unknown as Promise<TemplateView>;
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** The label of a select option (a category, say), or the value when the template does not know it. */
export function optionLabel(
  template: TemplateView | undefined,
  fieldKey: string,
  value: string,
  pick: (text: LocalizedText) => string,
): string {
  for (const section of template?.form.sections ?? [])
    for (const field of section.fields)
      if (field.key === fieldKey) {
        const option = field.options?.find((candidate) => candidate.value === value);
        if (option) return pick(option.label);
      }
  return value;
}

// Where a case stands outside the template's stages: before submission and after it ended.
const STATES: Record<string, LocalizedText> = {
  draft: { zh: '草稿', en: 'Draft' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  ineligible: { zh: '不符合资格', en: 'Ineligible' },
  not_advanced: { zh: '未晋级', en: 'Not advanced' },
  declined: { zh: '未获资助', en: 'Not funded' },
  terminated: { zh: '已终止', en: 'Terminated' },
  closed: { zh: '已结项', en: 'Closed' },
};

/** The name of a stage or of a state outside the stages (draft, withdrawn …), else its key. */
export function stageName(
  template: TemplateView | undefined,
  key: string,
  pick: (text: LocalizedText) => string,
): string {
  const stage = template?.stages.find((candidate) => candidate.key === key);
  const state = stage?.name ?? STATES[key];
  return state ? pick(state) : key;
}

// What happened in a case, for timelines; an action not listed shows its key.
const ACTIONS: Record<string, LocalizedText> = {
  submit: { zh: '提交申报', en: 'Submitted' },
  withdraw: { zh: '撤回', en: 'Withdrawn' },
  request_revision: { zh: '退回补正', en: 'Revision requested' },
  resubmit: { zh: '补正后重新提交', en: 'Resubmitted' },
  extend_deadline: { zh: '延长期限', en: 'Deadline extended' },
  screen: { zh: '资格审查', en: 'Screened' },
  assign_reviewers: { zh: '指派评审专家', en: 'Reviewers assigned' },
  reviewers_assigned: { zh: '已指派评审专家', en: 'Reviewers assigned' },
  declare_conflict: { zh: '申报利益冲突', en: 'Conflict declared' },
  submit_review: { zh: '提交评审', en: 'Review submitted' },
  resolve_disagreement: { zh: '处理评分分歧', en: 'Disagreement resolved' },
  record_outcome: { zh: '记录结果', en: 'Outcome recorded' },
  award: { zh: '确定资助', en: 'Awarded' },
  decline: { zh: '不予资助', en: 'Declined' },
  object: { zh: '公示异议', en: 'Objection' },
  resolve_objection: { zh: '处理异议', en: 'Objection resolved' },
  sign_agreement: { zh: '签订协议', en: 'Agreement signed' },
  submit_report: { zh: '提交报告', en: 'Report submitted' },
  accept_report: { zh: '验收报告', en: 'Report accepted' },
  record_evaluation: { zh: '记录评估', en: 'Evaluation recorded' },
  release_tranche: { zh: '拨付资金', en: 'Tranche released' },
  tranche_released: { zh: '资金已拨付', en: 'Tranche released' },
  tranches_stopped: { zh: '停止拨付', en: 'Tranches stopped' },
  report_overdue: { zh: '报告逾期', en: 'Report overdue' },
  close: { zh: '结项', en: 'Closed' },
  stage_closed: { zh: '阶段结束', en: 'Stage closed' },
};

/** The name of a timeline action in the reader's language, else its key. */
export function actionName(action: string, pick: (text: LocalizedText) => string): string {
  const name = ACTIONS[action];
  return name ? pick(name) : action;
}
