import {
  CHINESE_100_POINT_RUBRIC,
  EU_STYLE_RUBRIC,
  PERFORMANCE_EVALUATION_RUBRIC,
  RUBRIC_PRESETS,
} from './presets';
import { type Criterion, type Rubric, findCriterion, rubricTotalRange, validateRubric } from './rubric';

const criterion = (overrides: Partial<Criterion> = {}): Criterion => ({
  id: 'quality',
  name: { zh: '质量', en: 'Quality' },
  scale: { min: 0, max: 5, step: 0.5 },
  weight: 1,
  ...overrides,
});

const rubric = (criteria: Criterion[], overrides: Partial<Rubric> = {}): Rubric => ({
  id: 'test',
  name: { zh: '测试', en: 'Test' },
  totalFormula: 'weightedSum',
  criteria,
  ...overrides,
});

describe('rubric presets', () => {
  it('encodes the EU style: three 0–5 half-point criteria, threshold 3 each and 10 of 15', () => {
    expect(validateRubric(EU_STYLE_RUBRIC)).toEqual([]);
    expect(EU_STYLE_RUBRIC.criteria.map((c) => [c.scale, c.weight, c.threshold])).toEqual([
      [{ min: 0, max: 5, step: 0.5 }, 1, 3],
      [{ min: 0, max: 5, step: 0.5 }, 1, 3],
      [{ min: 0, max: 5, step: 0.5 }, 1, 3],
    ]);
    expect(EU_STYLE_RUBRIC.totalThreshold).toBe(10);
    expect(rubricTotalRange(EU_STYLE_RUBRIC)).toEqual({ min: 0, max: 15 });
  });

  it('encodes the 100-point sheet: 20 + 30 + 20 + 15 + 15 whole points', () => {
    expect(validateRubric(CHINESE_100_POINT_RUBRIC)).toEqual([]);
    expect(CHINESE_100_POINT_RUBRIC.criteria.map((c) => [c.id, c.scale.max, c.scale.step, c.weight])).toEqual(
      [
        ['necessity', 20, 1, 1],
        ['feasibility', 30, 1, 1],
        ['teamCapacity', 20, 1, 1],
        ['budgetReasonableness', 15, 1, 1],
        ['socialBenefit', 15, 1, 1],
      ],
    );
    expect(rubricTotalRange(CHINESE_100_POINT_RUBRIC)).toEqual({ min: 0, max: 100 });
    expect(findCriterion(CHINESE_100_POINT_RUBRIC, 'feasibility')?.name.zh).toBe('可行性');
  });

  it('encodes the performance evaluation sheet and resolves presets by the ids templates use', () => {
    expect(validateRubric(PERFORMANCE_EVALUATION_RUBRIC)).toEqual([]);
    expect(PERFORMANCE_EVALUATION_RUBRIC.criteria.map((c) => [c.id, c.scale.max])).toEqual([
      ['budgetExecution', 10],
      ['outputs', 50],
      ['outcomes', 30],
      ['satisfaction', 10],
    ]);
    expect(Object.keys(RUBRIC_PRESETS)).toEqual([
      'eu-style-3x5',
      'cn-100-point',
      'performance-evaluation-100',
      'procurement-services-technical',
    ]);
    expect(RUBRIC_PRESETS['cn-100-point']).toBe(CHINESE_100_POINT_RUBRIC);
    expect(validateRubric(RUBRIC_PRESETS['procurement-services-technical'])).toEqual([]);
  });

  it('freezes presets so a template cannot change them by accident', () => {
    expect(Object.isFrozen(EU_STYLE_RUBRIC.criteria[0].scale)).toBe(true);
    expect(() => {
      (EU_STYLE_RUBRIC.criteria[0].scale as { max: number }).max = 10;
    }).toThrow(TypeError);
  });
});

describe('validateRubric', () => {
  it('computes the total range exactly for decimal weights', () => {
    const weighted = rubric([criterion({ weight: 0.1 }), criterion({ id: 'b', weight: 0.2 })]);
    expect(rubricTotalRange(weighted)).toEqual({ min: 0, max: 1.5 });
  });

  it('refuses an empty rubric and a missing id and names', () => {
    expect(validateRubric(rubric([], { id: ' ', name: { zh: '', en: 'x' } }))).toEqual([
      { field: 'id', code: 'required', params: { subject: 'id' } },
      { field: 'name.zh', code: 'required', params: { subject: 'name' } },
      { field: 'criteria', code: 'empty', params: { subject: 'criteria' } },
    ]);
  });

  it('refuses duplicate and malformed criterion ids with their field paths', () => {
    const errors = validateRubric(
      rubric([criterion(), criterion(), criterion({ id: 'has.dot' }), criterion({ id: '__proto__' })]),
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['criteria[1].id', 'duplicate_id'],
      ['criteria[2].id', 'invalid_id'],
      ['criteria[3].id', 'invalid_id'],
    ]);
  });

  it('refuses non-positive weights and steps, inverted scales and steps that do not divide the range', () => {
    const errors = validateRubric(
      rubric([
        criterion({ id: 'a', weight: 0 }),
        criterion({ id: 'b', scale: { min: 5, max: 5, step: 1 } }),
        criterion({ id: 'c', scale: { min: 0, max: 5, step: -1 } }),
        criterion({ id: 'd', scale: { min: 0, max: 5, step: 2 } }),
        criterion({ id: 'e', scale: { min: 0, max: 1, step: 0.1 } }),
      ]),
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['criteria[0].weight', 'not_positive'],
      ['criteria[1].scale.max', 'min_not_below_max'],
      ['criteria[2].scale.step', 'not_positive'],
      ['criteria[3].scale.step', 'step_does_not_divide_range'],
    ]);
  });

  it('refuses thresholds outside the scale, including the total threshold', () => {
    const errors = validateRubric(
      rubric(
        [
          criterion({ id: 'a', threshold: 6 }),
          criterion({ id: 'b', commentRequiredBelow: -1 }),
          criterion({ id: 'c', threshold: 5 }),
        ],
        { totalThreshold: 16 },
      ),
    );
    expect(errors).toEqual([
      {
        field: 'criteria[0].threshold',
        code: 'out_of_scale',
        params: {
          subject: 'threshold',
          criterionId: 'a',
          criterionName: { zh: '质量', en: 'Quality' },
          value: 6,
          min: 0,
          max: 5,
        },
      },
      {
        field: 'criteria[1].commentRequiredBelow',
        code: 'out_of_scale',
        params: {
          subject: 'commentRequiredBelow',
          criterionId: 'b',
          criterionName: { zh: '质量', en: 'Quality' },
          value: -1,
          min: 0,
          max: 5,
        },
      },
      {
        field: 'totalThreshold',
        code: 'out_of_scale',
        params: { subject: 'totalThreshold', value: 16, min: 0, max: 15 },
      },
    ]);
  });

  it('refuses numbers that are not finite or carry more than 4 decimals', () => {
    const errors = validateRubric(
      rubric([
        criterion({ weight: Number.NaN }),
        criterion({ id: 'b', scale: { min: 0, max: 1, step: 0.00001 } }),
      ]),
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['criteria[0].weight', 'not_a_number'],
      ['criteria[1].scale.step', 'too_precise'],
    ]);
  });
});
