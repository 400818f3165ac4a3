import type { ReviewScores } from './calibration';
import { detectDisagreement, disagreementThresholds, validateDisagreementRule } from './disagreement';
import { CHINESE_100_POINT_RUBRIC, EU_STYLE_RUBRIC } from './presets';

const eu = (reviewId: string, excellence: number, impact: number, implementation: number): ReviewScores => ({
  reviewId,
  reviewerId: `reviewer-${reviewId}`,
  scores: { excellence, impact, implementation },
});

const cn = (reviewId: string, scores: [number, number, number, number, number]): ReviewScores => {
  const [necessity, feasibility, teamCapacity, budgetReasonableness, socialBenefit] = scores;
  return {
    reviewId,
    reviewerId: `reviewer-${reviewId}`,
    scores: { necessity, feasibility, teamCapacity, budgetReasonableness, socialBenefit },
  };
};

describe('disagreement detection', () => {
  it('flags a spread of 2 on a 5-point criterion and not 1.5', () => {
    const flagged = detectDisagreement(EU_STYLE_RUBRIC, [
      eu('a', 2, 3, 3),
      eu('b', 4, 3.5, 3),
      eu('c', 3, 4.5, 3),
    ]);
    expect(flagged).toEqual({
      flagged: true,
      resolution: 'consensus',
      status: 'needs_consensus',
      flags: [
        { target: 'criterion', criterionId: 'excellence', spread: 2, threshold: 2, lowest: 2, highest: 4 },
      ],
    });
    expect(detectDisagreement(EU_STYLE_RUBRIC, [eu('a', 2.5, 3, 3), eu('b', 4, 3.5, 3)]).flagged).toBe(false);
  });

  it('flags a spread of 20 on 100-point totals even when no criterion is far apart', () => {
    const apart = [cn('a', [18, 28, 18, 13, 13]), cn('b', [14, 24, 14, 9, 9])];
    expect(detectDisagreement(CHINESE_100_POINT_RUBRIC, apart).flags).toEqual([
      { target: 'total', spread: 20, threshold: 20, lowest: 70, highest: 90 },
    ]);
    const closer = [cn('a', [18, 28, 18, 13, 13]), cn('b', [14, 24, 14, 9, 10])];
    expect(detectDisagreement(CHINESE_100_POINT_RUBRIC, closer).flagged).toBe(false);
  });

  it('derives thresholds from the ranges, with absolute overrides and switches', () => {
    expect(disagreementThresholds(CHINESE_100_POINT_RUBRIC)).toEqual({
      criteria: { necessity: 8, feasibility: 12, teamCapacity: 8, budgetReasonableness: 6, socialBenefit: 6 },
      total: 20,
    });
    const rule = {
      resolution: 'consensus',
      criterionSpread: { excellence: 1 },
      totalSpreadRatio: null,
    } as const;
    expect(disagreementThresholds(EU_STYLE_RUBRIC, rule)).toEqual({
      criteria: { excellence: 1, impact: 2, implementation: 2 },
      total: null,
    });
    const off = { resolution: 'consensus', criterionSpreadRatio: null, totalSpreadRatio: null } as const;
    expect(detectDisagreement(EU_STYLE_RUBRIC, [eu('a', 0, 0, 0), eu('b', 5, 5, 5)], off).flagged).toBe(
      false,
    );
  });

  it('asks for one extra reviewer, and counts the case resolved once that review is in', () => {
    const rule = { resolution: 'extra_reviewer', expectedReviews: 3 } as const;
    const three = [eu('a', 2, 3, 3), eu('b', 4, 3, 3), eu('c', 3, 3, 3)];
    expect(detectDisagreement(EU_STYLE_RUBRIC, three, rule).status).toBe('needs_extra_reviewer');
    expect(detectDisagreement(EU_STYLE_RUBRIC, [...three, eu('d', 3.5, 3, 3)], rule).status).toBe(
      'resolved_by_extra_reviewer',
    );
  });

  it('needs two reviews to see a spread', () => {
    expect(detectDisagreement(EU_STYLE_RUBRIC, [eu('a', 0, 5, 0)]).flagged).toBe(false);
  });

  it('validates a template disagreement rule', () => {
    expect(
      validateDisagreementRule(EU_STYLE_RUBRIC, {
        resolution: 'consensus',
        criterionSpreadRatio: 1.5,
        criterionSpread: { relevance: 2, impact: 0 },
        totalSpread: -1,
        expectedReviews: 2.5,
      }).map((e) => [e.field, e.code]),
    ).toEqual([
      ['criterionSpreadRatio', 'out_of_range'],
      ['criterionSpread.relevance', 'unknown_criterion'],
      ['criterionSpread.impact', 'not_positive'],
      ['totalSpread', 'not_positive'],
      ['expectedReviews', 'out_of_range'],
    ]);
    expect(
      validateDisagreementRule(EU_STYLE_RUBRIC, { resolution: 'extra_reviewer', totalSpreadRatio: 0.2 }),
    ).toEqual([]);
  });
});
