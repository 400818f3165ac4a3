import fc from 'fast-check';
import { fromUnits } from './decimal';
import { CHINESE_100_POINT_RUBRIC, EU_STYLE_RUBRIC } from './presets';
import type { Criterion, Rubric } from './rubric';
import { validateRubric } from './rubric';
import { computeTotal, isOnScale, parseScoreSheet, validateScoreSheet } from './score-sheet';

const feasibility = { criterionId: 'feasibility', criterionName: { zh: '可行性', en: 'Feasibility' } };
const cnScores = {
  necessity: 18,
  feasibility: 25,
  teamCapacity: 16,
  budgetReasonableness: 12,
  socialBenefit: 14,
};

const single = (scale: Criterion['scale'], extra: Partial<Criterion> = {}): Rubric => ({
  id: 'single',
  name: { zh: '单项', en: 'Single' },
  totalFormula: 'weightedSum',
  criteria: [{ id: 'c', name: { zh: '单项', en: 'Single' }, scale, weight: 1, ...extra }],
});

describe('validateScoreSheet', () => {
  it('accepts a complete on-scale sheet and totals it', () => {
    const sheet = { scores: { excellence: 4.5, impact: 3, implementation: 3.5 } };
    expect(validateScoreSheet(EU_STYLE_RUBRIC, sheet)).toEqual([]);
    expect(computeTotal(EU_STYLE_RUBRIC, sheet.scores)).toBe(11);
    expect(computeTotal(CHINESE_100_POINT_RUBRIC, cnScores)).toBe(85);
  });

  it('rejects a score outside the rubric scale with the criterion and the scale', () => {
    expect(
      validateScoreSheet(CHINESE_100_POINT_RUBRIC, { scores: { ...cnScores, feasibility: 31 } }),
    ).toEqual([
      {
        field: 'scores.feasibility',
        code: 'out_of_scale',
        params: { subject: 'score', ...feasibility, value: 31, min: 0, max: 30 },
      },
    ]);
  });

  it('rejects a score between steps and names the two nearest allowed scores', () => {
    expect(
      validateScoreSheet(EU_STYLE_RUBRIC, { scores: { excellence: 3.3, impact: 3, implementation: 3 } }),
    ).toEqual([
      {
        field: 'scores.excellence',
        code: 'not_on_step',
        params: {
          subject: 'score',
          criterionId: 'excellence',
          criterionName: { zh: '卓越性', en: 'Excellence' },
          value: 3.3,
          min: 0,
          max: 5,
          step: 0.5,
          lower: 3,
          upper: 3.5,
        },
      },
    ]);
    const half = validateScoreSheet(CHINESE_100_POINT_RUBRIC, { scores: { ...cnScores, feasibility: 29.5 } });
    expect(half.map((e) => [e.field, e.code, e.params.lower, e.params.upper])).toEqual([
      ['scores.feasibility', 'not_on_step', 29, 30],
    ]);
  });

  it('checks steps on exact decimals: 0.3 is on a 0.1 step, 0.1 + 0.2 is not', () => {
    const tenths = single({ min: 0, max: 1, step: 0.1 });
    expect(validateScoreSheet(tenths, { scores: { c: 0.3 } })).toEqual([]);
    expect(validateScoreSheet(tenths, { scores: { c: 0.7 } })).toEqual([]);
    expect(validateScoreSheet(tenths, { scores: { c: 0.1 + 0.2 } }).map((e) => e.code)).toEqual([
      'not_on_step',
    ]);
    const fromOne = single({ min: 1, max: 4, step: 1.5 });
    expect(validateScoreSheet(fromOne, { scores: { c: 2.5 } })).toEqual([]);
    expect(
      validateScoreSheet(fromOne, { scores: { c: 2 } }).map((e) => [e.code, e.params.lower, e.params.upper]),
    ).toEqual([['not_on_step', 1, 2.5]]);
  });

  it('reports missing, non-numeric and unknown scores field by field', () => {
    const errors = validateScoreSheet(EU_STYLE_RUBRIC, {
      scores: { excellence: '4', impact: null, implementation: Number.NaN, relevance: 3 },
    });
    expect(errors.map((e) => [e.field, e.code, e.params.value])).toEqual([
      ['scores.excellence', 'not_a_number', '4'],
      ['scores.impact', 'required', undefined],
      ['scores.implementation', 'not_a_number', 'NaN'],
      ['scores.relevance', 'unknown_criterion', undefined],
    ]);
  });

  it('requires a comment for a score below commentRequiredBelow, and only then', () => {
    const low = { excellence: 2.5, impact: 3, implementation: 5 };
    expect(validateScoreSheet(EU_STYLE_RUBRIC, { scores: low, comments: { excellence: '   ' } })).toEqual([
      {
        field: 'comments.excellence',
        code: 'comment_required',
        params: {
          subject: 'comment',
          criterionId: 'excellence',
          criterionName: { zh: '卓越性', en: 'Excellence' },
          value: 2.5,
          threshold: 3,
        },
      },
    ]);
    expect(
      validateScoreSheet(EU_STYLE_RUBRIC, { scores: low, comments: { excellence: '目标人群不清晰' } }),
    ).toEqual([]);
  });

  it('refuses sheets whose scores or comments are not objects, and comments that are not text', () => {
    expect(validateScoreSheet(EU_STYLE_RUBRIC, {}).map((e) => [e.field, e.code])).toEqual([
      ['scores', 'required'],
      ['scores.excellence', 'required'],
      ['scores.impact', 'required'],
      ['scores.implementation', 'required'],
    ]);
    const errors = validateScoreSheet(EU_STYLE_RUBRIC, { scores: [4, 4, 4], comments: 'fine' });
    expect(errors.slice(0, 2).map((e) => [e.field, e.code, e.params.expected])).toEqual([
      ['scores', 'wrong_type', 'object'],
      ['comments', 'wrong_type', 'object'],
    ]);
    const typed = validateScoreSheet(EU_STYLE_RUBRIC, {
      scores: { excellence: 4, impact: 4, implementation: 4 },
      comments: { impact: 5 },
    });
    expect(typed.map((e) => [e.field, e.code, e.params.expected])).toEqual([
      ['comments.impact', 'wrong_type', 'text'],
    ]);
  });

  it('reads only own properties, so a criterion named like an Object method stays required', () => {
    const odd = single({ min: 0, max: 5, step: 1 }, { id: 'constructor' });
    expect(validateRubric(odd)).toEqual([]);
    expect(validateScoreSheet(odd, { scores: {} }).map((e) => [e.field, e.code])).toEqual([
      ['scores.constructor', 'required'],
    ]);
  });
});

describe('parseScoreSheet and computeTotal', () => {
  it('returns the typed sheet with rubric criteria and text comments only', () => {
    const result = parseScoreSheet(EU_STYLE_RUBRIC, {
      scores: { excellence: 2, impact: 4, implementation: 4 },
      comments: { excellence: '缺少需求调研', impact: null },
    });
    expect(result).toEqual({
      ok: true,
      sheet: {
        scores: { excellence: 2, impact: 4, implementation: 4 },
        comments: { excellence: '缺少需求调研' },
      },
      total: 10,
    });
    expect(parseScoreSheet(EU_STYLE_RUBRIC, { scores: { excellence: 6 } })).toMatchObject({ ok: false });
  });

  it('computes the weighted sum exactly and rounds it half-up to 2 decimals', () => {
    const weighted: Rubric = {
      ...single({ min: 0, max: 5, step: 0.5 }),
      criteria: [
        { id: 'a', name: { zh: '甲', en: 'A' }, scale: { min: 0, max: 5, step: 0.5 }, weight: 0.15 },
        { id: 'b', name: { zh: '乙', en: 'B' }, scale: { min: 0, max: 5, step: 0.5 }, weight: 0.85 },
      ],
    };
    // 0.15 × 4.5 = 0.675 exactly; in binary floating point it is 0.67499999…, which would round to 0.67.
    expect(computeTotal(weighted, { a: 4.5, b: 0 })).toBe(0.68);
    expect(computeTotal(weighted, { a: 1.5, b: 3.5 })).toBe(3.2);
    expect(computeTotal(weighted, { a: 0.5, b: 0.5 })).toBe(0.5);
  });

  it('throws on a sheet that would not pass validation, rather than totalling garbage', () => {
    expect(() => computeTotal(EU_STYLE_RUBRIC, { excellence: 4, impact: 4 })).toThrow(RangeError);
    expect(() => computeTotal(EU_STYLE_RUBRIC, { excellence: 4, impact: 4, implementation: 4.2 })).toThrow(
      RangeError,
    );
  });
});

describe('validation accepts exactly the on-scale, on-step values (property)', () => {
  // A random valid scale: min, step and number of steps in units of 10^-places.
  const scaleArb = fc
    .record({
      places: fc.integer({ min: 0, max: 3 }),
      minUnits: fc.integer({ min: -50, max: 200 }),
      stepUnits: fc.integer({ min: 1, max: 60 }),
      steps: fc.integer({ min: 1, max: 40 }),
    })
    .map(({ places, minUnits, stepUnits, steps }) => ({
      places,
      minUnits,
      stepUnits,
      steps,
      scale: {
        min: fromUnits(BigInt(minUnits), places),
        max: fromUnits(BigInt(minUnits + steps * stepUnits), places),
        step: fromUnits(BigInt(stepUnits), places),
      },
    }));

  // Oracle independent of the implementation: is the value one of the grid's canonical doubles?
  const onGrid = (
    value: unknown,
    s: { places: number; minUnits: number; stepUnits: number; steps: number },
  ): boolean => {
    if (typeof value !== 'number') return false;
    for (let k = 0; k <= s.steps; k++) {
      if (fromUnits(BigInt(s.minUnits + k * s.stepUnits), s.places) === value) return true;
    }
    return false;
  };

  it('agrees with the grid for grid points, near misses and arbitrary numbers', () => {
    fc.assert(
      fc.property(
        scaleArb.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.oneof(
              fc
                .integer({ min: -3, max: s.steps + 3 })
                .map((k) => fromUnits(BigInt(s.minUnits + k * s.stepUnits), s.places)),
              fc
                .tuple(
                  fc.integer({ min: 0, max: s.steps }),
                  fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
                )
                .map(([k, delta]) => fromUnits(BigInt(s.minUnits + k * s.stepUnits), s.places) + delta),
              fc.integer({ min: -100_000, max: 300_000 }).map((n) => n / 1000),
              fc.double(),
              fc.constantFrom<unknown>('3', null, undefined, true, {}),
            ),
          ),
        ),
        ([s, value]) => {
          const rubric = single(s.scale);
          expect(validateRubric(rubric)).toEqual([]);
          const accepted = validateScoreSheet(rubric, { scores: { c: value } }).length === 0;
          expect(accepted).toBe(onGrid(value, s));
          if (typeof value === 'number') expect(isOnScale(rubric, 'c', value)).toBe(accepted);
          if (accepted) {
            const total = computeTotal(rubric, { c: value as number });
            // Weight 1: the total is the score itself, rounded to 2 decimals when it has 3.
            // -0 is the score 0 (toBe would tell them apart).
            if (s.places <= 2) expect(total).toBe((value as number) + 0);
            else expect(Math.abs(total - (value as number))).toBeLessThanOrEqual(0.005 + 1e-12);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
