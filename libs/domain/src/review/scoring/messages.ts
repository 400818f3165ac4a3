import type { LocalizedText } from '../../cases';
import type {
  FieldError,
  FieldErrorCode,
  FieldErrorParams,
  FieldSubject,
  LocalizedFieldError,
  ReportedValue,
  ScoringLocale,
} from './field-error';
import type { IneligibleReason } from './ranking';

const SUBJECTS: Readonly<Record<FieldSubject, LocalizedText>> = {
  scores: { zh: '分数', en: 'Scores' },
  score: { zh: '分数', en: 'Score' },
  comments: { zh: '评语', en: 'Comments' },
  comment: { zh: '评语', en: 'Comment' },
  justification: { zh: '合议理由', en: 'Justification' },
  chair: { zh: '合议主持人', en: 'Chair' },
  disagreement: { zh: '评分分歧', en: 'Disagreement' },
  criteria: { zh: '评分项', en: 'Criteria' },
  id: { zh: '编号', en: 'Id' },
  name: { zh: '名称', en: 'Name' },
  scaleMin: { zh: '分值下限', en: 'Scale minimum' },
  scaleMax: { zh: '分值上限', en: 'Scale maximum' },
  step: { zh: '步长', en: 'Step' },
  weight: { zh: '权重', en: 'Weight' },
  threshold: { zh: '门槛分', en: 'Threshold' },
  commentRequiredBelow: { zh: '必填评语分数线', en: 'Comment-required line' },
  totalThreshold: { zh: '总分门槛', en: 'Total threshold' },
  ratio: { zh: '比例', en: 'Ratio' },
  spread: { zh: '分差', en: 'Spread' },
  reviewCount: { zh: '评审数', en: 'Review count' },
  priceWeight: { zh: '价格权重', en: 'Price weight' },
};

function show(value: ReportedValue | undefined): string {
  if (typeof value === 'string') return `“${value}”`;
  return String(value);
}

// zh: 「可行性」的分数 ; en: Score 7 for “Feasibility” (the value sits between the label and the name).
function zhSubject(p: FieldErrorParams): string {
  const label = SUBJECTS[p.subject]?.zh ?? p.subject;
  return p.criterionName ? `「${p.criterionName.zh}」的${label}` : label;
}

function enSubject(p: FieldErrorParams, value?: ReportedValue): string {
  const label = SUBJECTS[p.subject]?.en ?? p.subject;
  const shown = value === undefined ? '' : ` ${show(value)}`;
  return `${label}${shown}${p.criterionName ? ` for “${p.criterionName.en}”` : ''}`;
}

function got(value: ReportedValue | undefined, locale: ScoringLocale): string {
  if (value === undefined || value === null) return '';
  return locale === 'zh-CN' ? `（收到 ${show(value)}）` : ` (got ${show(value)})`;
}

type Render = (p: FieldErrorParams) => string;

// Exhaustive over the codes, so a new code cannot ship without both languages.
const CATALOGUE: Readonly<Record<FieldErrorCode, Readonly<Record<ScoringLocale, Render>>>> = {
  required: {
    'zh-CN': (p) => `${zhSubject(p)}为必填项`,
    en: (p) => `${enSubject(p)} is required`,
  },
  not_a_number: {
    'zh-CN': (p) => `${zhSubject(p)}必须是数字${got(p.value, 'zh-CN')}`,
    en: (p) => `${enSubject(p)} must be a number${got(p.value, 'en')}`,
  },
  wrong_type: {
    'zh-CN': (p) =>
      p.expected === 'text'
        ? `${zhSubject(p)}必须是文本`
        : `${zhSubject(p)}格式不正确，应为以评分项编号为键的对象`,
    en: (p) =>
      p.expected === 'text'
        ? `${enSubject(p)} must be text`
        : `${enSubject(p)} must be an object keyed by criterion id`,
  },
  out_of_scale: {
    'zh-CN': (p) => `${zhSubject(p)} ${show(p.value)} 超出 ${p.min}–${p.max} 的范围`,
    en: (p) => `${enSubject(p, p.value)} is outside the ${p.min}–${p.max} scale`,
  },
  not_on_step: {
    'zh-CN': (p) =>
      `${zhSubject(p)} ${show(p.value)} 不符合 ${p.step} 分的步长，可改为 ${p.lower} 或 ${p.upper}`,
    en: (p) =>
      `${enSubject(p, p.value)} is not in steps of ${p.step} from ${p.min}; use ${p.lower} or ${p.upper}`,
  },
  comment_required: {
    'zh-CN': (p) =>
      `${p.criterionName ? `「${p.criterionName.zh}」的` : ''}分数 ${show(p.value)} 低于 ${p.threshold}，须填写评语`,
    en: (p) =>
      `A comment${p.criterionName ? ` for “${p.criterionName.en}”` : ''} is required because the score ${show(p.value)} is below ${p.threshold}`,
  },
  unknown_criterion: {
    'zh-CN': (p) => `评分标准中没有编号为「${p.criterionId}」的评分项`,
    en: (p) => `The rubric has no criterion with id “${p.criterionId}”`,
  },
  too_short: {
    'zh-CN': (p) => `${zhSubject(p)}至少需要 ${p.minLength} 个字`,
    en: (p) => `${enSubject(p)} must be at least ${p.minLength} characters long`,
  },
  consensus_not_required: {
    'zh-CN': () => '该案件没有待合议的评分分歧',
    en: () => 'This case has no disagreement awaiting a consensus score',
  },
  consensus_already_recorded: {
    'zh-CN': () => '该案件已记录合议分数',
    en: () => 'A consensus score is already recorded for this case',
  },
  empty: {
    'zh-CN': () => '评分标准至少需要一个评分项',
    en: () => 'A rubric needs at least one criterion',
  },
  invalid_id: {
    'zh-CN': (p) =>
      `编号 ${show(p.value)} 无效：须以字母开头，只含字母、数字、下划线或连字符，最多 64 个字符`,
    en: (p) =>
      `Id ${show(p.value)} is invalid: start with a letter and use only letters, digits, “_” or “-” (64 at most)`,
  },
  duplicate_id: {
    'zh-CN': (p) => `评分项编号 ${show(p.value)} 重复`,
    en: (p) => `Criterion id ${show(p.value)} is used more than once`,
  },
  not_positive: {
    'zh-CN': (p) => `${zhSubject(p)}必须大于 0${got(p.value, 'zh-CN')}`,
    en: (p) => `${enSubject(p)} must be greater than 0${got(p.value, 'en')}`,
  },
  too_precise: {
    'zh-CN': (p) => `${zhSubject(p)} ${show(p.value)} 的小数位数超过 ${p.maxDecimals} 位`,
    en: (p) => `${enSubject(p, p.value)} has more than ${p.maxDecimals} decimal places`,
  },
  min_not_below_max: {
    'zh-CN': (p) =>
      `${p.criterionName ? `「${p.criterionName.zh}」的` : ''}分值下限 ${p.min} 必须小于上限 ${p.max}`,
    en: (p) =>
      `Scale minimum ${p.min}${p.criterionName ? ` for “${p.criterionName.en}”` : ''} must be below the maximum ${p.max}`,
  },
  step_does_not_divide_range: {
    'zh-CN': (p) => `${zhSubject(p)} ${p.step} 不能整除 ${p.min}–${p.max} 的范围`,
    en: (p) => `${enSubject(p, p.step)} does not divide the ${p.min}–${p.max} scale`,
  },
  out_of_range: {
    'zh-CN': (p) =>
      p.max === undefined
        ? `${zhSubject(p)}不能小于 ${p.min}${got(p.value, 'zh-CN')}`
        : `${zhSubject(p)} ${show(p.value)} 超出 ${p.min}–${p.max} 的范围`,
    en: (p) =>
      p.max === undefined
        ? `${enSubject(p)} must be at least ${p.min}${got(p.value, 'en')}`
        : `${enSubject(p, p.value)} is outside the ${p.min}–${p.max} range`,
  },
};

/** Renders a field error in zh-CN or English, e.g. "「可行性」的分数 7 超出 0–5 的范围". */
export function renderFieldError(error: FieldError, locale: ScoringLocale): string {
  const render = CATALOGUE[error.code]?.[locale];
  // An error from a newer version than this catalogue still says which field it concerns.
  return render ? render(error.params) : `${error.field}: ${error.code}`;
}

/** A field error with both messages, in the shape `Refusal.fields` of libs/contracts expects. */
export function localizeFieldError(error: FieldError): LocalizedFieldError {
  return {
    field: error.field,
    code: error.code,
    message: { zh: renderFieldError(error, 'zh-CN'), en: renderFieldError(error, 'en') },
  };
}

function shownScore(value: number | null, locale: ScoringLocale): string {
  if (value !== null) return String(value);
  return locale === 'zh-CN' ? '无' : 'none';
}

/** Renders why a case is ineligible for award, for ranking lists and notices. */
export function renderIneligibleReason(reason: IneligibleReason, locale: ScoringLocale): string {
  const zh = locale === 'zh-CN';
  switch (reason.code) {
    case 'no_score':
      return zh ? '暂无已提交的评审分数' : 'No submitted review scores';
    case 'too_few_reviews':
      return zh
        ? `仅有 ${reason.reviewCount} 份评审，至少需要 ${reason.required} 份`
        : `Only ${reason.reviewCount} reviews; at least ${reason.required} are required`;
    case 'unresolved_disagreement':
      if (reason.status === 'needs_extra_reviewer') {
        return zh ? '评分分歧较大，待增加一名评审' : 'Reviewers disagree; an extra reviewer is awaited';
      }
      return zh ? '评分分歧较大，待专家合议' : 'Reviewers disagree; a consensus score is awaited';
    case 'below_criterion_threshold':
      return zh
        ? `「${reason.criterionName.zh}」得分 ${shownScore(reason.value, locale)} 低于门槛分 ${reason.threshold}`
        : `“${reason.criterionName.en}” scored ${shownScore(reason.value, locale)}, below its threshold of ${reason.threshold}`;
    case 'below_total_threshold':
      return zh
        ? `总分 ${shownScore(reason.value, locale)} 低于门槛分 ${reason.threshold}`
        : `Total ${shownScore(reason.value, locale)} is below the threshold of ${reason.threshold}`;
  }
}
