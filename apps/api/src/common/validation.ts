import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { Bilingual } from './language';
import { invalidFields, type FieldProblem, type ProblemException } from './problem';

type MessageTemplate = (args: unknown[]) => Bilingual;

const list = (values: unknown) => (Array.isArray(values) ? values.join(', ') : String(values));

// Messages per class-validator constraint, zh-CN and English. A constraint missing here falls back to
// class-validator's English text, and a unit test lists every constraint the DTOs use so none is missed.
const MESSAGES: Record<string, MessageTemplate> = {
  isDefined: () => ({ zh: '必填', en: 'is required' }),
  isNotEmpty: () => ({ zh: '不能为空', en: 'must not be empty' }),
  isString: () => ({ zh: '必须是文本', en: 'must be a string' }),
  isInt: () => ({ zh: '必须是整数', en: 'must be an integer' }),
  isBoolean: () => ({ zh: '必须是布尔值', en: 'must be true or false' }),
  isUuid: () => ({ zh: '必须是有效的 UUID', en: 'must be a valid UUID' }),
  isObject: () => ({ zh: '必须是对象', en: 'must be an object' }),
  isEmail: () => ({ zh: '必须是有效的电子邮箱地址', en: 'must be a valid e-mail address' }),
  isNumber: () => ({ zh: '必须是数字', en: 'must be a number' }),
  isArray: () => ({ zh: '必须是列表', en: 'must be a list' }),
  arrayMinSize: ([min]) => ({ zh: `至少需要 ${min} 项`, en: `must contain at least ${min} items` }),
  arrayMaxSize: ([max]) => ({ zh: `不能超过 ${max} 项`, en: `must contain at most ${max} items` }),
  arrayUnique: () => ({ zh: '不能有重复项', en: 'must not contain duplicates' }),
  isIso8601: () => ({
    zh: '必须是 ISO 8601 时间，如 2026-12-01T09:00:00+08:00',
    en: 'must be an ISO 8601 instant, e.g. 2026-12-01T09:00:00+08:00',
  }),
  min: ([min]) => ({ zh: `不能小于 ${min}`, en: `must not be less than ${min}` }),
  max: ([max]) => ({ zh: `不能大于 ${max}`, en: `must not be greater than ${max}` }),
  minLength: ([min]) => ({ zh: `长度不能少于 ${min} 个字符`, en: `must be at least ${min} characters long` }),
  maxLength: ([max]) => ({ zh: `长度不能超过 ${max} 个字符`, en: `must be at most ${max} characters long` }),
  isIn: ([values]) => ({ zh: `必须是以下值之一：${list(values)}`, en: `must be one of: ${list(values)}` }),
  matches: () => ({ zh: '格式不正确', en: 'has the wrong format' }),
  whitelistValidation: () => ({ zh: '不是允许的字段', en: 'is not an allowed field' }),
};

/** Constraint names that have messages in both languages. */
export const LOCALIZED_CONSTRAINTS = Object.keys(MESSAGES);

function constraintArguments(target: object | undefined, property: string, constraint: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((entry) => entry.propertyName === property && entry.name === constraint);
  return metadata?.constraints ?? [];
}

function flatten(errors: ValidationError[], parentPath = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, english]) => {
      const template = MESSAGES[constraint];
      const message = template
        ? template(constraintArguments(error.target, error.property, constraint))
        : { zh: english, en: english };
      return { field, code: constraint, message };
    });
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Turns class-validator errors into a 422 problem listing every field. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  return invalidFields(flatten(errors));
}

/** The global pipe: unknown fields refused, payloads transformed into DTO classes, errors as problems. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Report every broken rule of a field, not only the first one.
    stopAtFirstError: false,
    // Nest drops each error's target by default; the messages read their arguments (the 200 of "at most 200
    // characters") from the target's validation metadata, and the errors never leave this process as they are.
    validationError: { target: true },
    exceptionFactory: validationProblem,
  });
}
