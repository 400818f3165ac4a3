import type { FieldError, FieldErrorCode } from './field-error';
import { localizeFieldError, renderFieldError, renderIneligibleReason } from './messages';
import { CHINESE_100_POINT_RUBRIC, EU_STYLE_RUBRIC } from './presets';
import { validateScoreSheet } from './score-sheet';

const feasibility = { criterionId: 'feasibility', criterionName: { zh: '可行性', en: 'Feasibility' } };

describe('renderFieldError', () => {
  it('renders an out-of-scale score in zh-CN and English', () => {
    const error: FieldError = {
      field: 'scores.feasibility',
      code: 'out_of_scale',
      params: { subject: 'score', ...feasibility, value: 7, min: 0, max: 5 },
    };
    expect(renderFieldError(error, 'zh-CN')).toBe('「可行性」的分数 7 超出 0–5 的范围');
    expect(renderFieldError(error, 'en')).toBe('Score 7 for “Feasibility” is outside the 0–5 scale');
  });

  it('renders what validateScoreSheet returns, naming the field and the allowed values', () => {
    const errors = validateScoreSheet(CHINESE_100_POINT_RUBRIC, {
      scores: { necessity: 18, feasibility: 29.5, teamCapacity: 'x', socialBenefit: 15, budget: 3 },
    });
    expect(errors.map((e) => renderFieldError(e, 'zh-CN'))).toEqual([
      '「可行性」的分数 29.5 不符合 1 分的步长，可改为 29 或 30',
      '「团队能力」的分数必须是数字（收到 “x”）',
      '「预算合理性」的分数为必填项',
      '评分标准中没有编号为「budget」的评分项',
    ]);
    expect(errors.map((e) => renderFieldError(e, 'en'))).toEqual([
      'Score 29.5 for “Feasibility” is not in steps of 1 from 0; use 29 or 30',
      'Score for “Team capacity” must be a number (got “x”)',
      'Score for “Budget reasonableness” is required',
      'The rubric has no criterion with id “budget”',
    ]);
  });

  it('explains a missing comment on a low score', () => {
    const [error] = validateScoreSheet(EU_STYLE_RUBRIC, {
      scores: { excellence: 2, impact: 3, implementation: 3 },
    });
    expect(localizeFieldError(error)).toEqual({
      field: 'comments.excellence',
      code: 'comment_required',
      message: {
        zh: '「卓越性」的分数 2 低于 3，须填写评语',
        en: 'A comment for “Excellence” is required because the score 2 is below 3',
      },
    });
  });

  it('renders every code in both languages without gaps', () => {
    const samples: Record<FieldErrorCode, FieldError['params']> = {
      required: { subject: 'justification' },
      not_a_number: { subject: 'weight', ...feasibility, value: 'NaN' },
      wrong_type: { subject: 'comment', ...feasibility, expected: 'text' },
      out_of_scale: { subject: 'threshold', ...feasibility, value: 6, min: 0, max: 5 },
      not_on_step: {
        subject: 'score',
        ...feasibility,
        value: 3.3,
        min: 0,
        max: 5,
        step: 0.5,
        lower: 3,
        upper: 3.5,
      },
      comment_required: { subject: 'comment', ...feasibility, value: 2, threshold: 3 },
      unknown_criterion: { subject: 'criteria', criterionId: 'budget' },
      too_short: { subject: 'justification', minLength: 10 },
      consensus_not_required: { subject: 'disagreement' },
      consensus_already_recorded: { subject: 'disagreement' },
      empty: { subject: 'criteria' },
      invalid_id: { subject: 'id', value: 'a.b' },
      duplicate_id: { subject: 'id', value: 'impact' },
      not_positive: { subject: 'weight', ...feasibility, value: 0 },
      too_precise: { subject: 'weight', ...feasibility, value: 0.00001, maxDecimals: 4 },
      min_not_below_max: { subject: 'scaleMax', ...feasibility, min: 5, max: 5 },
      step_does_not_divide_range: { subject: 'step', ...feasibility, min: 0, max: 5, step: 2 },
      out_of_range: { subject: 'priceWeight', value: 40, min: 10, max: 30 },
    };
    for (const [code, params] of Object.entries(samples)) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = renderFieldError({ field: 'x', code: code as FieldErrorCode, params }, locale);
        expect(text).not.toMatch(/undefined|null|^x: /);
        expect(text.length).toBeGreaterThan(5);
      }
    }
    expect(
      renderFieldError(
        { field: 'priceWeightPercent', code: 'out_of_range', params: samples.out_of_range },
        'zh-CN',
      ),
    ).toBe('价格权重 40 超出 10–30 的范围');
    expect(
      renderFieldError({ field: 'justification', code: 'too_short', params: samples.too_short }, 'en'),
    ).toBe('Justification must be at least 10 characters long');
  });

  it('falls back to field and code for a code this catalogue does not know', () => {
    const unknown = {
      field: 'scores.a',
      code: 'from_the_future',
      params: { subject: 'score' },
    } as unknown as FieldError;
    expect(renderFieldError(unknown, 'en')).toBe('scores.a: from_the_future');
  });
});

describe('renderIneligibleReason', () => {
  it('says why a case cannot be awarded', () => {
    const below = {
      code: 'below_criterion_threshold',
      criterionId: 'feasibility',
      criterionName: { zh: '可行性', en: 'Feasibility' },
      value: 2.5,
      threshold: 3,
    } as const;
    expect(renderIneligibleReason(below, 'zh-CN')).toBe('「可行性」得分 2.5 低于门槛分 3');
    expect(renderIneligibleReason(below, 'en')).toBe('“Feasibility” scored 2.5, below its threshold of 3');
    expect(
      renderIneligibleReason({ code: 'below_total_threshold', value: 9.5, threshold: 10 }, 'zh-CN'),
    ).toBe('总分 9.5 低于门槛分 10');
    expect(renderIneligibleReason({ code: 'too_few_reviews', reviewCount: 2, required: 3 }, 'en')).toBe(
      'Only 2 reviews; at least 3 are required',
    );
    expect(
      renderIneligibleReason({ code: 'unresolved_disagreement', status: 'needs_extra_reviewer' }, 'zh-CN'),
    ).toBe('评分分歧较大，待增加一名评审');
    expect(renderIneligibleReason({ code: 'no_score' }, 'en')).toBe('No submitted review scores');
  });
});
