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

/** The name of a stage, or its key (terminal states such as 'withdrawn' have no stage). */
export function stageName(
  template: TemplateView | undefined,
  key: string,
  pick: (text: LocalizedText) => string,
): string {
  const stage = template?.stages.find((candidate) => candidate.key === key);
  return stage ? pick(stage.name) : key;
}
