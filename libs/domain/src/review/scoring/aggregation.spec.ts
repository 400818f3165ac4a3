import fc from 'fast-check';
import { aggregateCaseScores } from './aggregation';
import { type ReviewScores, buildCalibrationModel } from './calibration';
import { CHINESE_100_POINT_RUBRIC, EU_STYLE_RUBRIC } from './presets';
import type { Rubric } from './rubric';

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

describe('aggregateCaseScores: raw statistics', () => {
  it('reports the mean and median of the totals and of each criterion', () => {
    const summary = aggregateCaseScores({
      rubric: EU_STYLE_RUBRIC,
      caseId: 'case-1',
      reviews: [eu('r3', 4.5, 4, 4), eu('r1', 4, 3.5, 3), eu('r2', 3, 4, 2.5)],
    });
    expect(summary.reviewCount).toBe(3);
    expect(summary.reviews.map((r) => [r.reviewId, r.total])).toEqual([
      ['r1', 10.5],
      ['r2', 9.5],
      ['r3', 12.5],
    ]);
    expect(summary.mean).toEqual({
      total: 10.83,
      criteria: { excellence: 3.83, impact: 3.83, implementation: 3.17 },
    });
    expect(summary.median).toEqual({
      total: 10.5,
      criteria: { excellence: 4, impact: 4, implementation: 3 },
    });
    expect(summary.consensus).toBeNull();
  });

  it('rounds means half-up once, from exact sums', () => {
    // Seven sheets of 85 and one of 86: the mean is 85.125 exactly, published as 85.13.
    const reviews = [
      ...Array.from({ length: 7 }, (_, i) => cn(`r${i}`, [18, 25, 16, 12, 14])),
      cn('r7', [18, 26, 16, 12, 14]),
    ];
    const summary = aggregateCaseScores({ rubric: CHINESE_100_POINT_RUBRIC, caseId: 'case-2', reviews });
    expect(summary.mean?.total).toBe(85.13);
    expect(summary.mean?.criteria.feasibility).toBe(25.13);
    expect(summary.median).toEqual({
      total: 85,
      criteria: {
        necessity: 18,
        feasibility: 25,
        teamCapacity: 16,
        budgetReasonableness: 12,
        socialBenefit: 14,
      },
    });
  });

  it('takes the mean of the two middle values as the median of an even count', () => {
    const summary = aggregateCaseScores({
      rubric: EU_STYLE_RUBRIC,
      caseId: 'case-3',
      reviews: [eu('a', 3.5, 3, 3), eu('b', 4, 3, 3), eu('c', 2, 3, 3), eu('d', 5, 3, 3)],
    });
    expect(summary.median?.criteria.excellence).toBe(3.75);
    expect(summary.median?.total).toBe(9.75);
  });

  it('returns null scores for a case without reviews', () => {
    const summary = aggregateCaseScores({ rubric: EU_STYLE_RUBRIC, caseId: 'empty', reviews: [] });
    expect(summary).toMatchObject({ reviewCount: 0, mean: null, median: null, calibrated: null });
    expect(summary.disagreement).toEqual({
      flagged: false,
      resolution: 'consensus',
      status: 'none',
      flags: [],
    });
  });

  it('refuses a review listed twice and a review that would fail validation', () => {
    expect(() =>
      aggregateCaseScores({
        rubric: EU_STYLE_RUBRIC,
        caseId: 'c',
        reviews: [eu('a', 3, 3, 3), eu('a', 4, 4, 4)],
      }),
    ).toThrow(RangeError);
    expect(() =>
      aggregateCaseScores({ rubric: EU_STYLE_RUBRIC, caseId: 'c', reviews: [eu('a', 3, 3, 7)] }),
    ).toThrow(RangeError);
  });
});

describe('aggregateCaseScores: calibration', () => {
  const TEN: Rubric = {
    id: 'ten',
    name: { zh: '十分制', en: 'Ten points' },
    totalFormula: 'weightedSum',
    criteria: [
      { id: 'q', name: { zh: '质量', en: 'Quality' }, scale: { min: 0, max: 10, step: 1 }, weight: 1 },
    ],
  };
  const r = (reviewId: string, reviewerId: string, q: number): ReviewScores => ({
    reviewId,
    reviewerId,
    scores: { q },
  });
  const pool = [
    ...[2, 3, 4, 5, 6].map((q, i) => r(`h${i + 1}`, 'harsh', q)),
    ...[6, 7, 8, 9, 10].map((q, i) => r(`l${i + 1}`, 'lenient', q)),
    r('n1', 'newcomer', 6),
    r('n2', 'newcomer', 6),
  ];
  const calibration = buildCalibrationModel(TEN, pool);

  it('lifts a harsh reviewer and lowers a lenient one, leaving raw statistics alone', () => {
    // Case A: harsh 6 (calibrated 6 + √10 ≈ 9.162) and newcomer 6 (raw): calibrated mean ≈ 7.581.
    const a = aggregateCaseScores({ rubric: TEN, caseId: 'A', reviews: [pool[4], pool[10]], calibration });
    expect(a.mean?.total).toBe(6);
    expect(a.calibrated).toEqual({ total: 7.58, criteria: { q: 7.58 } });
    expect(
      a.reviews.map((x) => [x.reviewId, x.total, x.calibration.status, x.calibration.score.total]),
    ).toEqual([
      ['h5', 6, 'calibrated', 9.16],
      ['n1', 6, 'below_min_reviews', 6],
    ]);
    // Case B: lenient 8 (calibrated to 6) and newcomer 6: raw 7, calibrated 6.
    const b = aggregateCaseScores({ rubric: TEN, caseId: 'B', reviews: [pool[7], pool[11]], calibration });
    expect(b.mean?.total).toBe(7);
    expect(b.calibrated?.total).toBe(6);
  });

  it('equals the raw mean when no review qualifies or no model is given', () => {
    const newcomers = aggregateCaseScores({
      rubric: TEN,
      caseId: 'N',
      reviews: [pool[10], pool[11]],
      calibration,
    });
    expect(newcomers.calibrated).toEqual(newcomers.mean);
    const noModel = aggregateCaseScores({ rubric: TEN, caseId: 'M', reviews: [pool[4], pool[10]] });
    expect(noModel.calibrated).toEqual(noModel.mean);
    expect(noModel.reviews.map((x) => x.calibration.status)).toEqual(['no_model', 'no_model']);
  });
});

describe('aggregation properties', () => {
  const halfPoint = fc.integer({ min: 0, max: 10 }).map((n) => n / 2);
  const reviewsArb = fc
    .array(
      fc.record({
        reviewerId: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'),
        scores: fc.record({ excellence: halfPoint, impact: halfPoint, implementation: halfPoint }),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((reviews) => reviews.map((r, i) => ({ ...r, reviewId: `rev${i}` })));

  it('leaves its input untouched and does not depend on the order of the reviews', () => {
    fc.assert(
      fc.property(
        reviewsArb.chain((reviews) =>
          fc.tuple(
            fc.constant(reviews),
            fc.shuffledSubarray(reviews, { minLength: reviews.length, maxLength: reviews.length }),
          ),
        ),
        fc.integer({ min: 1, max: 6 }),
        ([reviews, shuffled], minReviews) => {
          const frozen = reviews.map((r) => Object.freeze({ ...r, scores: Object.freeze({ ...r.scores }) }));
          const snapshot = structuredClone(reviews);
          const calibration = buildCalibrationModel(EU_STYLE_RUBRIC, frozen, { minReviews });
          const summary = aggregateCaseScores({
            rubric: EU_STYLE_RUBRIC,
            caseId: 'c',
            reviews: frozen,
            calibration,
          });
          expect(frozen).toEqual(snapshot);
          summary.reviews.forEach((result) => {
            const input = frozen.find((r) => r.reviewId === result.reviewId);
            expect(result.scores).toEqual(input?.scores);
            expect(result.scores).not.toBe(input?.scores);
          });
          const again = aggregateCaseScores({
            rubric: EU_STYLE_RUBRIC,
            caseId: 'c',
            reviews: shuffled,
            calibration,
          });
          expect(again).toEqual(summary);
          const { mean, median } = summary;
          for (const set of [mean, median]) {
            expect(set?.total).toBeGreaterThanOrEqual(0);
            expect(set?.total).toBeLessThanOrEqual(15);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
