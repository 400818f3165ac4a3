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
  stages: { key: string; kind: string; name: LocalizedText }[];
}

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
