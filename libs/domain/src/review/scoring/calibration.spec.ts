import fc from 'fast-check';
import { type ReviewScores, buildCalibrationModel, calibrateReview } from './calibration';
import { EU_STYLE_RUBRIC } from './presets';
import type { Rubric } from './rubric';

// One criterion scored 0–10 in whole points keeps the arithmetic readable.
const TEN: Rubric = {
  id: 'ten',
  name: { zh: '十分制', en: 'Ten points' },
  totalFormula: 'weightedSum',
  criteria: [
    { id: 'q', name: { zh: '质量', en: 'Quality' }, scale: { min: 0, max: 10, step: 1 }, weight: 1 },
  ],
};

const review = (reviewId: string, reviewerId: string, q: number): ReviewScores => ({
  reviewId,
  reviewerId,
  scores: { q },
});

// A harsh reviewer (2–6, mean 4, sd √2), a lenient one (6–10, mean 8, sd √2) and a newcomer with two 6s.
// Pooled over all 12 reviews: mean 6, variance 60 / 12 = 5, sd √5.
const POOL: ReviewScores[] = [
  ...[2, 3, 4, 5, 6].map((q, i) => review(`h${i + 1}`, 'harsh', q)),
  ...[6, 7, 8, 9, 10].map((q, i) => review(`l${i + 1}`, 'lenient', q)),
  review('n1', 'newcomer', 6),
  review('n2', 'newcomer', 6),
];

describe('buildCalibrationModel', () => {
  it('computes reviewer and pooled means and population standard deviations', () => {
    const model = buildCalibrationModel(TEN, POOL);
    expect(model.minReviews).toBe(5);
    expect(model.reviewCount).toBe(12);
    expect(model.pooled.q.mean).toBe(6);
    expect(model.pooled.q.sd).toBeCloseTo(Math.sqrt(5), 12);
    expect(model.reviewers.map((r) => [r.reviewerId, r.reviewCount, r.criteria.q.mean])).toEqual([
      ['harsh', 5, 4],
      ['lenient', 5, 8],
      ['newcomer', 2, 6],
    ]);
    expect(model.reviewers[0].criteria.q.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(model.reviewers[2].criteria.q.sd).toBe(0);
  });

  it('counts a review listed twice once, and does not depend on pool order', () => {
    const model = buildCalibrationModel(TEN, POOL);
    expect(buildCalibrationModel(TEN, [...POOL, POOL[0]])).toEqual(model);
    expect(buildCalibrationModel(TEN, [...POOL].reverse())).toEqual(model);
  });

  it('refuses a minimum below one review', () => {
    expect(() => buildCalibrationModel(TEN, POOL, { minReviews: 0 })).toThrow(RangeError);
  });
});

describe('calibrateReview', () => {
  const model = buildCalibrationModel(TEN, POOL);

  it('maps a reviewer z-score onto the pooled mean and sd', () => {
    // Harsh gave 6: z = (6 − 4) / √2 = √2, calibrated = 6 + √5 × √2 = 6 + √10 ≈ 9.162.
    const harsh = calibrateReview(TEN, model, POOL[4]);
    expect(harsh.status).toBe('calibrated');
    expect(harsh.scores.q).toBeCloseTo(6 + Math.sqrt(10), 12);
    // Lenient gave 8, their own mean: calibrated to the pooled mean 6.
    expect(calibrateReview(TEN, model, POOL[7]).scores.q).toBeCloseTo(6, 12);
  });

  it('keeps the raw scores of a reviewer under the minimum and of one outside the pool', () => {
    expect(calibrateReview(TEN, model, POOL[10])).toEqual({
      reviewId: 'n1',
      reviewerId: 'newcomer',
      status: 'below_min_reviews',
      scores: { q: 6 },
      uncalibratedCriteria: [],
    });
    expect(calibrateReview(TEN, model, review('x1', 'stranger', 3))).toMatchObject({
      status: 'not_in_pool',
      scores: { q: 3 },
    });
    const lower = buildCalibrationModel(TEN, POOL, { minReviews: 2 });
    expect(calibrateReview(TEN, lower, POOL[10])).toMatchObject({
      status: 'calibrated',
      scores: { q: 6 },
      uncalibratedCriteria: ['q'],
    });
  });

  it('clamps calibrated scores to the scale', () => {
    // Lenient giving 2: z = −6 / √2 ≈ −4.24, 6 − √5 × 4.24 ≈ −3.49, clamped to 0.
    expect(calibrateReview(TEN, model, review('l9', 'lenient', 2)).scores.q).toBe(0);
    expect(calibrateReview(TEN, model, review('h9', 'harsh', 10)).scores.q).toBe(10);
  });
});

describe('calibration properties', () => {
  const halfPoint = fc.integer({ min: 0, max: 10 }).map((n) => n / 2);
  const poolArb = fc
    .array(
      fc.record({
        reviewerId: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
        scores: fc.record({ excellence: halfPoint, impact: halfPoint, implementation: halfPoint }),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .map((reviews) => reviews.map((r, i) => ({ ...r, reviewId: `rev${i}` })));

  it('never changes raw reviews and is the identity for reviewers under the minimum', () => {
    fc.assert(
      fc.property(poolArb, fc.integer({ min: 1, max: 8 }), (pool, minReviews) => {
        const snapshot = structuredClone(pool);
        const model = buildCalibrationModel(EU_STYLE_RUBRIC, pool, { minReviews });
        const counts = new Map<string, number>();
        pool.forEach((r) => counts.set(r.reviewerId, (counts.get(r.reviewerId) ?? 0) + 1));
        for (const r of pool) {
          const calibrated = calibrateReview(EU_STYLE_RUBRIC, model, r);
          expect(calibrated.scores).not.toBe(r.scores);
          if ((counts.get(r.reviewerId) ?? 0) < minReviews) {
            expect(calibrated.status).toBe('below_min_reviews');
            expect(calibrated.scores).toEqual(r.scores);
          } else {
            expect(calibrated.status).toBe('calibrated');
          }
          for (const value of Object.values(calibrated.scores)) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(5);
          }
        }
        expect(pool).toEqual(snapshot);
      }),
      { numRuns: 300 },
    );
  });
});
