import { evaluateBids, priceScore, validatePriceWeight } from './price-score';

const YUAN = 100;

describe('priceScore', () => {
  it('gives the lowest valid bid the full price weight and others lowest ÷ bid of it', () => {
    expect(
      priceScore({ bidFen: 1_000_000 * YUAN, lowestValidBidFen: 1_000_000 * YUAN, priceWeightPercent: 10 }),
    ).toBe(10);
    expect(
      priceScore({ bidFen: 1_000_000 * YUAN, lowestValidBidFen: 900_000 * YUAN, priceWeightPercent: 10 }),
    ).toBe(9);
    expect(
      priceScore({ bidFen: 3_000 * YUAN, lowestValidBidFen: 1_000 * YUAN, priceWeightPercent: 30 }),
    ).toBe(10);
    expect(priceScore({ bidFen: 3, lowestValidBidFen: 2, priceWeightPercent: 10 })).toBe(6.67);
  });

  it('rounds half-up to 2 decimals on exact integers', () => {
    // 1 ÷ 16 × 100 × 10 % = 0.625 exactly, published as 0.63.
    expect(priceScore({ bidFen: 16, lowestValidBidFen: 1, priceWeightPercent: 10 })).toBe(0.63);
    expect(
      priceScore({ bidFen: 1_100_000 * YUAN, lowestValidBidFen: 1_000_000 * YUAN, priceWeightPercent: 12.5 }),
    ).toBe(11.36);
  });

  it('refuses fractional fen, a lowest bid above the bid and a weight out of (0, 100]', () => {
    expect(() => priceScore({ bidFen: 100.5, lowestValidBidFen: 100, priceWeightPercent: 10 })).toThrow(
      RangeError,
    );
    expect(() => priceScore({ bidFen: 100, lowestValidBidFen: 101, priceWeightPercent: 10 })).toThrow(
      RangeError,
    );
    expect(() => priceScore({ bidFen: 100, lowestValidBidFen: 100, priceWeightPercent: 0 })).toThrow(
      RangeError,
    );
    expect(() => priceScore({ bidFen: 100, lowestValidBidFen: 100, priceWeightPercent: 10.001 })).toThrow(
      RangeError,
    );
  });
});

describe('validatePriceWeight', () => {
  it('applies the services limits: at least 10 % in open tender, 10–30 % in competitive consultation', () => {
    expect(validatePriceWeight('open_tender', 10)).toEqual([]);
    expect(validatePriceWeight('competitive_consultation', 30)).toEqual([]);
    expect(validatePriceWeight('open_tender', 5)).toEqual([
      {
        field: 'priceWeightPercent',
        code: 'out_of_range',
        params: { subject: 'priceWeight', value: 5, min: 10, max: 100 },
      },
    ]);
    expect(validatePriceWeight('competitive_consultation', 35).map((e) => e.code)).toEqual(['out_of_range']);
    expect(validatePriceWeight('competitive_consultation', 12.345).map((e) => e.code)).toEqual([
      'too_precise',
    ]);
    expect(validatePriceWeight('open_tender', Number.NaN).map((e) => e.code)).toEqual(['not_a_number']);
  });
});

describe('evaluateBids', () => {
  const bids = [
    { bidId: 'b1', priceFen: 1_000_000 * YUAN, technicalScore: 80, valid: true },
    { bidId: 'b2', priceFen: 1_250_000 * YUAN, technicalScore: 82.5, valid: true },
    { bidId: 'b3', priceFen: 1_100_000 * YUAN, technicalScore: 81, valid: true },
    { bidId: 'b4', priceFen: 900_000 * YUAN, technicalScore: 95, valid: false },
    { bidId: 'b5', priceFen: 1_000_000 * YUAN, technicalScore: 80, valid: true },
    { bidId: 'b6', priceFen: 1_050_000 * YUAN, technicalScore: 80.48, valid: true },
  ];

  it('adds technical and price parts and ranks with ties going to the lower price', () => {
    const result = evaluateBids(bids, { priceWeightPercent: 10 });
    expect(result).toMatchObject({
      successful: true,
      validBidCount: 5,
      minValidBids: 3,
      lowestValidPriceFen: 1_000_000 * YUAN,
      invalidBidIds: ['b4'],
    });
    expect(
      result.ranked.map((b) => [b.rank, b.bidId, b.technicalScore, b.priceScore, b.comprehensiveScore]),
    ).toEqual([
      [1, 'b2', 82.5, 8, 90.5],
      [2, 'b3', 81, 9.09, 90.09],
      [3, 'b1', 80, 10, 90],
      [4, 'b5', 80, 10, 90],
      [5, 'b6', 80.48, 9.52, 90],
    ]);
    expect(result.ranked.map((b) => b.separation?.decidedBy)).toEqual([
      undefined,
      'comprehensiveScore',
      'comprehensiveScore',
      'bidId',
      'lowerPrice',
    ]);
  });

  it('does not depend on the order of the bids', () => {
    const reversed = evaluateBids([...bids].reverse(), { priceWeightPercent: 10 });
    expect(reversed).toEqual(evaluateBids(bids, { priceWeightPercent: 10 }));
  });

  it('declares the tender unsuccessful with fewer valid bids than the minimum', () => {
    const two = bids.slice(0, 2);
    expect(evaluateBids(two, { priceWeightPercent: 10 }).successful).toBe(false);
    expect(evaluateBids(two, { priceWeightPercent: 10, minValidBids: 2 }).successful).toBe(true);
    expect(evaluateBids([], { priceWeightPercent: 10 })).toMatchObject({
      successful: false,
      lowestValidPriceFen: null,
      ranked: [],
    });
  });

  it('refuses duplicate bids, non-positive prices and negative technical scores', () => {
    expect(() => evaluateBids([bids[0], bids[0]], { priceWeightPercent: 10 })).toThrow(RangeError);
    expect(() => evaluateBids([{ ...bids[0], priceFen: 0 }], { priceWeightPercent: 10 })).toThrow(RangeError);
    expect(() => evaluateBids([{ ...bids[0], technicalScore: -1 }], { priceWeightPercent: 10 })).toThrow(
      RangeError,
    );
  });
});
