import type { LocalizedText } from '../cases';
import { isLocalDate } from '../calendar/china-time';
import { formatYuan, isFen } from '../money';
import type { FormDefinition, FormField } from './form';

/** A file attached to a form: its id in the document store and its original name. */
export interface AttachedFile {
  id: string;
  fileName: string;
}

/**
 * Form data of a case, keyed by field key: text and textarea → string, number → number, money → integer fen,
 * select → option value (an array of them when multiple), date → 'YYYY-MM-DD', attachment → AttachedFile[].
 */
export type FormValues = Record<string, unknown>;

/** A draft may leave required fields empty; a submission may not. */
export type FormCheckMode = 'draft' | 'submission';

/** Stable codes of form value errors, for the API's field errors. */
export type FormValueErrorCode =
  | 'unknown_field'
  | 'required'
  | 'wrong_type'
  | 'too_long'
  | 'not_integer'
  | 'below_minimum'
  | 'above_maximum'
  | 'not_an_option'
  | 'too_many_files'
  | 'file_type_not_accepted';

/** One problem with a form value; `path` is the field key. */
export interface FormValueError {
  path: string;
  code: FormValueErrorCode;
  message: LocalizedText;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function isAttachedFile(value: unknown): value is AttachedFile {
  const file = value as AttachedFile;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof file.id === 'string' &&
    file.id !== '' &&
    typeof file.fileName === 'string'
  );
}

// Limits count characters as people see them: '社' is one, not one UTF-16 unit or three UTF-8 bytes.
function characterCount(text: string): number {
  return [...text].length;
}

const WRONG_TYPE: Record<FormField['type'], LocalizedText> = {
  text: { zh: '应为文本', en: 'Expected text' },
  textarea: { zh: '应为文本', en: 'Expected text' },
  number: { zh: '应为数字', en: 'Expected a number' },
  money: { zh: '应为以分为单位的非负整数金额', en: 'Expected a non-negative whole amount of fen' },
  select: { zh: '应为选项值', en: 'Expected an option value' },
  date: { zh: '应为 YYYY-MM-DD 格式的日期', en: 'Expected a date written YYYY-MM-DD' },
  attachment: { zh: '应为附件列表', en: 'Expected a list of attached files' },
};

/** Checks case form data against the template's form: types and limits always, required fields to submit. */
export function validateFormValues(
  form: FormDefinition,
  values: FormValues,
  mode: FormCheckMode,
): FormValueError[] {
  const errors: FormValueError[] = [];
  const fields = new Map(
    form.sections.flatMap((section) => section.fields.map((field) => [field.key, field])),
  );
  for (const key of Object.keys(values)) {
    if (!fields.has(key)) {
      errors.push({
        path: key,
        code: 'unknown_field',
        message: { zh: `表单中没有字段「${key}」`, en: `The form has no field "${key}"` },
      });
    }
  }
  for (const field of fields.values()) {
    const value = values[field.key];
    if (isEmpty(value)) {
      if (mode === 'submission' && field.required) {
        errors.push({
          path: field.key,
          code: 'required',
          message: { zh: `请填写「${field.label.zh}」`, en: `${field.label.en} is required` },
        });
      }
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) errors.push({ path: field.key, ...problem });
  }
  return errors;
}

function limit(code: FormValueErrorCode, zh: string, en: string): Omit<FormValueError, 'path'> {
  return { code, message: { zh, en } };
}

function checkValue(field: FormField, value: unknown): Omit<FormValueError, 'path'> | undefined {
  const wrongType = { code: 'wrong_type' as const, message: WRONG_TYPE[field.type] };
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return wrongType;
      const length = characterCount(value);
      return length > field.maxLength
        ? limit(
            'too_long',
            `最多 ${field.maxLength} 字，现有 ${length} 字`,
            `At most ${field.maxLength} characters, got ${length}`,
          )
        : undefined;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType;
      if (field.integer && !Number.isInteger(value))
        return limit('not_integer', '应为整数', 'Expected a whole number');
      return checkBounds(value, field.min, field.max, String);
    }
    case 'money': {
      if (!isFen(value)) return wrongType;
      return checkBounds(value, field.minFen, field.maxFen, formatYuan);
    }
    case 'select': {
      const chosen = field.multiple && Array.isArray(value) ? value : [value];
      if (!field.multiple && Array.isArray(value)) return wrongType;
      const allowed = new Set(field.options.map((option) => option.value));
      const unknown = chosen.find((choice) => typeof choice !== 'string' || !allowed.has(choice));
      return unknown === undefined
        ? undefined
        : limit(
            'not_an_option',
            `「${String(unknown)}」不是可选项`,
            `"${String(unknown)}" is not one of the options`,
          );
    }
    case 'date':
      return isLocalDate(value) ? undefined : wrongType;
    case 'attachment': {
      if (!Array.isArray(value) || !value.every(isAttachedFile)) return wrongType;
      if (value.length > field.maxFiles) {
        return limit(
          'too_many_files',
          `最多 ${field.maxFiles} 个附件，现有 ${value.length} 个`,
          `At most ${field.maxFiles} files, got ${value.length}`,
        );
      }
      const accept = field.accept?.map((extension) => extension.toLowerCase());
      const refused = accept && value.find((file) => !accept.includes(extensionOf(file.fileName)));
      return refused
        ? limit(
            'file_type_not_accepted',
            `附件「${refused.fileName}」类型不符，仅接受 ${accept.join('、')}`,
            `File "${refused.fileName}" is not accepted; allowed: ${accept.join(', ')}`,
          )
        : undefined;
    }
  }
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function checkBounds(
  value: number,
  min: number | undefined,
  max: number | undefined,
  show: (value: number) => string,
): Omit<FormValueError, 'path'> | undefined {
  if (min !== undefined && value < min) {
    return limit('below_minimum', `不能小于 ${show(min)}`, `Must be at least ${show(min)}`);
  }
  if (max !== undefined && value > max) {
    return limit('above_maximum', `不能大于 ${show(max)}`, `Must be at most ${show(max)}`);
  }
  return undefined;
}

/** Every file a form's attachment fields hold, with where it stands (`field[index]`), in form order. */
export function attachedFiles(
  definition: FormDefinition,
  values: FormValues,
): { path: string; file: AttachedFile }[] {
  const found: { path: string; file: AttachedFile }[] = [];
  for (const section of definition.sections)
    for (const field of section.fields) {
      const value = values[field.key];
      if (field.type !== 'attachment' || !Array.isArray(value)) continue;
      value.forEach((file, index) => {
        if (isAttachedFile(file)) found.push({ path: `${field.key}[${index}]`, file });
      });
    }
  return found;
}
