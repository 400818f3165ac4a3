import { isFen } from '../money';
import type { FormDefinition, FormField } from './form';
import {
  checkKey,
  checkText,
  checkUnique,
  isWholeNumberAtLeast,
  reportCount,
  type Report,
} from './template-errors';

// Form field keys name properties of the form data, so camelCase is allowed too.
const FIELD_KEY_PATTERN = /^[a-z][A-Za-z0-9_]*$/;

/** Checks a form definition's sections and fields; returns the fields by key for rules that refer to them. */
export function checkFormDefinition(report: Report, form: FormDefinition): Map<string, FormField> {
  const fields = new Map<string, FormField>();
  const fieldKeys: { path: string; key: string }[] = [];
  form.sections.forEach((section, sectionIndex) => {
    const sectionPath = `form.sections[${sectionIndex}]`;
    checkKey(report, `${sectionPath}.key`, section.key);
    checkText(report, `${sectionPath}.title`, section.title);
    section.fields.forEach((field, fieldIndex) => {
      const path = `${sectionPath}.fields[${fieldIndex}]`;
      checkKey(report, `${path}.key`, field.key, FIELD_KEY_PATTERN);
      fieldKeys.push({ path: `${path}.key`, key: field.key });
      fields.set(field.key, field);
      checkText(report, `${path}.label`, field.label);
      if (field.help !== undefined) checkText(report, `${path}.help`, field.help);
      checkField(report, path, field);
    });
  });
  checkUnique(
    report,
    form.sections.map((section, index) => ({ path: `form.sections[${index}].key`, key: section.key })),
  );
  checkUnique(report, fieldKeys);
  return fields;
}

function checkRange(report: Report, path: string, min: number | undefined, max: number | undefined): void {
  if (min !== undefined && max !== undefined && min > max) {
    report(path, 'invalid_range', {
      zh: `最小值 ${min} 大于最大值 ${max}`,
      en: `Minimum ${min} is above maximum ${max}`,
    });
  }
}

function checkField(report: Report, path: string, field: FormField): void {
  switch (field.type) {
    case 'text':
    case 'textarea':
      if (!isWholeNumberAtLeast(field.maxLength, 1)) {
        report(`${path}.maxLength`, 'invalid_max_length', {
          zh: '最大长度必须是正整数',
          en: 'Maximum length must be a whole number of at least 1',
        });
      }
      return;
    case 'number':
      for (const bound of ['min', 'max'] as const) {
        const value = field[bound];
        if (value !== undefined && !Number.isFinite(value)) {
          report(`${path}.${bound}`, 'invalid_range', {
            zh: '界限必须是有限数值',
            en: 'Bounds must be finite numbers',
          });
        }
      }
      checkRange(report, `${path}.min`, field.min, field.max);
      return;
    case 'money':
      for (const bound of ['minFen', 'maxFen'] as const) {
        const value = field[bound];
        if (value !== undefined && !isFen(value)) {
          report(`${path}.${bound}`, 'invalid_amount', {
            zh: '金额必须是以分为单位的非负整数',
            en: 'Amounts must be non-negative whole numbers of fen',
          });
        }
      }
      checkRange(report, `${path}.minFen`, field.minFen, field.maxFen);
      return;
    case 'select':
      if (field.options.length === 0) {
        report(`${path}.options`, 'no_options', {
          zh: '选择题至少需要一个选项',
          en: 'A select field needs options',
        });
      }
      field.options.forEach((option, index) =>
        checkText(report, `${path}.options[${index}].label`, option.label),
      );
      checkUnique(
        report,
        field.options.map((option, index) => ({
          path: `${path}.options[${index}].value`,
          key: option.value,
        })),
      );
      return;
    case 'date':
      return;
    case 'attachment':
      if (!isWholeNumberAtLeast(field.maxFiles, 1)) reportCount(report, `${path}.maxFiles`, 1);
      return;
    default: {
      const unknownType = (field as { type: string }).type;
      report(`${path}.type`, 'unknown_field_type', {
        zh: `未知的字段类型「${unknownType}」`,
        en: `Unknown field type "${unknownType}"`,
      });
    }
  }
}
