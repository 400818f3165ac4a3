import { aggregateCaseScores } from './aggregation';
import {
  LOWER_PRICE_TIE_BREAKS,
  PRICE_CRITERION_ID,
  technicalPoints,
  withPriceCriterion,
} from './comprehensive-score';
import { CHINESE_100_POINT_RUBRIC as rubric } from './presets';
import { evaluateBids } from './price-score';
import { rankCases } from './ranking';

const YUAN = 100;

// One expert's sheet on the 100-point rubric adding up to `total` (necessity absorbs the rest).
function sheet(total: number) {
  const rest = { feasibility: 30, teamCapacity: 20, budgetReasonableness: 15, socialBenefit: 15 };
  return { ...rest, necessity: total - 80 };
}

function summary(caseId: string, totals: number[]) {
  return aggregateCaseScores({
    rubric,
    caseId,
    reviews: totals.map((total, index) => ({
      reviewId: `${caseId}:${index}`,
      reviewerId: `expert-${index}`,
      scores: sheet(total),
    })),
  });
}

describe('technicalPoints', () => {
  it('scales the rubric total to the points left after the price weight', () => {
    expect(technicalPoints(rubric, 100, 10)).toBe(90);
    expect(technicalPoints(rubric, 90, 10)).toBe(81);
    expect(technicalPoints(rubric, 85, 30)).toBe(59.5);
    // 83.33 ÷ 100 × 87.5 = 72.91375, published as 72.91.
    expect(technicalPoints(rubric, 83.33, 12.5)).toBe(72.91);
  });

  it('refuses a total outside the rubric and a weight outside (0, 100]', () => {
    expect(() => technicalPoints(rubric, 101, 10)).toThrow(RangeError);
    expect(() => technicalPoints(rubric, 90, 0)).toThrow(RangeError);
    expect(() => technicalPoints(rubric, 90, 100.5)).toThrow(RangeError);
  });
});

describe('withPriceCriterion', () => {
  it('adds the price part to every score set and carries the bid price as the requested amount', () => {
    const [cheap, dear] = withPriceCriterion(
      rubric,
      [
        { summary: summary('cheap', [90, 90, 90]), priceFen: 900_000 * YUAN },
        { summary: summary('dear', [100, 100, 100]), priceFen: 1_000_000 * YUAN },
      ],
      10,
    );
    expect(cheap.summary.mean).toMatchObject({ total: 91, criteria: { technical: 81, price: 10 } });
    expect(dear.summary.mean).toMatchObject({ total: 99, criteria: { technical: 90, price: 9 } });
    expect(dear.summary.median?.total).toBe(99);
    expect(cheap.requestedAmount).toBe(900_000 * YUAN);
  });

  it('ranks on the comprehensive score and sends a tie to the lower price', () => {
    // Technical 81 + price 9 = 90 against technical 80.1 (89 on the sheet) + price 10 = 90.1: the cheaper
    // bid wins on the total; equal totals at equal prices fall back to the case id.
    const entries = withPriceCriterion(
      rubric,
      [
        { summary: summary('a-dear', [90]), priceFen: 1_000_000 * YUAN },
        { summary: summary('z-cheap', [89]), priceFen: 900_000 * YUAN },
        { summary: summary('b-tied-dear', [90]), priceFen: 1_000_000 * YUAN },
      ],
      10,
    );
    const ranked = rankCases(rubric, entries, { basis: 'mean', tieBreaks: LOWER_PRICE_TIE_BREAKS });
    expect(ranked.map((entry) => [entry.caseId, entry.score?.total])).toEqual([
      ['z-cheap', 90.1],
      ['a-dear', 90],
      ['b-tied-dear', 90],
    ]);
    expect(ranked[1].separation?.decidedBy).toBe('total');
    expect(ranked[2].separation?.decidedBy).toBe('caseId');

    const equal = withPriceCriterion(
      rubric,
      [
        { summary: summary('a-dear', [99]), priceFen: 1_000_000 * YUAN },
        { summary: summary('b-cheap', [99]), priceFen: 999_999 * YUAN },
      ],
      10,
    );
    // Both price parts round to 10.00, both totals to 99.10: the lower price goes first although its id is later.
    expect(equal.map((entry) => entry.summary.mean?.total)).toEqual([99.1, 99.1]);
    const order = rankCases(rubric, [...equal].reverse(), {
      basis: 'mean',
      tieBreaks: LOWER_PRICE_TIE_BREAKS,
    });
    expect(order.map((entry) => entry.caseId)).toEqual(['b-cheap', 'a-dear']);
    expect(order[1].separation).toMatchObject({ decidedBy: 'lowerRequestedAmount', tiedOn: ['total'] });
  });

  it('agrees with evaluateBids on the same bids', () => {
    const bids = [
      { id: 'b1', price: 1_000_000, totals: [88, 90, 86] },
      { id: 'b2', price: 1_250_000, totals: [95, 97, 96] },
      { id: 'b3', price: 1_100_000, totals: [91, 90, 92] },
      { id: 'b4', price: 1_000_000, totals: [88, 88, 88] },
    ];
    const entries = withPriceCriterion(
      rubric,
      bids.map((bid) => ({ summary: summary(bid.id, bid.totals), priceFen: bid.price * YUAN })),
      10,
    );
    const ranked = rankCases(rubric, entries, { basis: 'mean', tieBreaks: LOWER_PRICE_TIE_BREAKS });
    const reference = evaluateBids(
      entries.map((entry) => ({
        bidId: entry.summary.caseId,
        priceFen: entry.requestedAmount as number,
        technicalScore: entry.summary.mean?.criteria.technical as number,
        valid: true,
      })),
      { priceWeightPercent: 10 },
    );
    expect(ranked.map((entry) => [entry.caseId, entry.score?.total])).toEqual(
      reference.ranked.map((bid) => [bid.bidId, bid.comprehensiveScore]),
    );
    expect(ranked[0].score?.criteria[PRICE_CRITERION_ID]).toBe(8);
  });

  it('refuses a non-positive price', () => {
    expect(() => withPriceCriterion(rubric, [{ summary: summary('x', [90]), priceFen: 0 }], 10)).toThrow(
      RangeError,
    );
  });
});
