import { type Fen, isFen } from '../../money';
import { SCORE_DECIMALS, decimalPlaces, divideHalfUp, fromUnits, roundHalfUp, toUnits } from './decimal';
import type { FieldError } from './field-error';

/** Procurement methods whose price weight the rules bound (DOMAIN.md, services). */
export type ProcurementMethod = 'open_tender' | 'competitive_consultation';

/** Allowed price weight in percent for services: at least 10 % in open tender, 10–30 % in competitive consultation. */
export const PRICE_WEIGHT_LIMITS: Readonly<
  Record<ProcurementMethod, { readonly min: number; readonly max: number }>
> = Object.freeze({
  open_tender: Object.freeze({ min: 10, max: 100 }),
  competitive_consultation: Object.freeze({ min: 10, max: 30 }),
});

/** Refuses a price weight outside the method's limits or with more than 2 decimals. */
export function validatePriceWeight(method: ProcurementMethod, priceWeightPercent: number): FieldError[] {
  const { min, max } = PRICE_WEIGHT_LIMITS[method];
  const field = 'priceWeightPercent';
  if (typeof priceWeightPercent !== 'number' || !Number.isFinite(priceWeightPercent)) {
    return [
      { field, code: 'not_a_number', params: { subject: 'priceWeight', value: String(priceWeightPercent) } },
    ];
  }
  if (priceWeightPercent < min || priceWeightPercent > max) {
    return [
      {
        field,
        code: 'out_of_range',
        params: { subject: 'priceWeight', value: priceWeightPercent, min, max },
      },
    ];
  }
  if (decimalPlaces(priceWeightPercent, 2) === undefined) {
    return [
      {
        field,
        code: 'too_precise',
        params: { subject: 'priceWeight', value: priceWeightPercent, maxDecimals: 2 },
      },
    ];
  }
  return [];
}

// Price weight in basis points (hundredths of a percent), so every price score is a ratio of integers.
function basisPoints(priceWeightPercent: number): bigint {
  const units = toUnits(priceWeightPercent, 2);
  if (units === undefined || units <= 0n || units > 10_000n) {
    throw new RangeError(`price weight ${priceWeightPercent} % must be in (0, 100] with at most 2 decimals`);
  }
  return units;
}

// Price score in hundredths of a point: lowest ÷ bid × 100 × weight = lowest × basisPoints ÷ bid hundredths.
function priceHundredths(bidFen: Fen, lowestValidBidFen: Fen, points: bigint): bigint {
  if (!isFen(bidFen) || bidFen <= 0 || !isFen(lowestValidBidFen) || lowestValidBidFen <= 0) {
    throw new RangeError('bids must be positive whole fen');
  }
  if (lowestValidBidFen > bidFen)
    throw new RangeError('the lowest valid bid cannot exceed the bid being scored');
  return divideHalfUp(BigInt(lowestValidBidFen) * points, BigInt(bidFen));
}

/**
 * Price score of a services bid (综合评分法): lowest valid bid ÷ bid × 100 × price weight, computed exactly on
 * fen and rounded half-up to 2 decimals; the lowest bid scores the full weight (e.g. 10.00 at 10 %).
 */
export function priceScore(input: {
  readonly bidFen: Fen;
  readonly lowestValidBidFen: Fen;
  readonly priceWeightPercent: number;
}): number {
  const hundredths = priceHundredths(
    input.bidFen,
    input.lowestValidBidFen,
    basisPoints(input.priceWeightPercent),
  );
  return fromUnits(hundredths, SCORE_DECIMALS);
}

/** A bid as the evaluation committee hands it over: its price and its technical part in points. */
export interface BidToScore {
  readonly bidId: string;
  readonly priceFen: Fen;
  /** Technical part already in points of the comprehensive score (e.g. out of 90 with a 10 % price weight). */
  readonly technicalScore: number;
  /** False for bids refused at qualification or compliance; they take no part in the lowest price. */
  readonly valid: boolean;
}

/** A valid bid's comprehensive score and rank. */
export interface ScoredBid {
  readonly rank: number;
  readonly bidId: string;
  readonly priceFen: Fen;
  readonly technicalScore: number;
  readonly priceScore: number;
  readonly comprehensiveScore: number;
  /** What separated it from the bid above: a statutory tie is one decided by technicalScore or bidId. */
  readonly separation: {
    readonly fromBidId: string;
    readonly decidedBy: 'comprehensiveScore' | 'lowerPrice' | 'technicalScore' | 'bidId';
  } | null;
}

/** Result of a tender's scoring: ranked valid bids and whether enough valid bids came in. */
export interface BidEvaluation {
  /** False when fewer valid bids than the minimum arrived: the tender is unsuccessful (流标). */
  readonly successful: boolean;
  readonly validBidCount: number;
  readonly minValidBids: number;
  readonly lowestValidPriceFen: Fen | null;
  readonly ranked: readonly ScoredBid[];
  readonly invalidBidIds: readonly string[];
}

/**
 * Scores and ranks a tender's bids: comprehensive = technical part + price part, each rounded half-up to
 * 2 decimals first, so the sum is exact. Order: higher comprehensive score, then lower price (DOMAIN.md); the law
 * leaves bids equal on both tied, so technical score and then bidId only make the order total, and
 * `separation` shows when that happened. Fewer valid bids than `minValidBids` (default 3) is unsuccessful.
 */
export function evaluateBids(
  bids: readonly BidToScore[],
  options: { readonly priceWeightPercent: number; readonly minValidBids?: number },
): BidEvaluation {
  const points = basisPoints(options.priceWeightPercent);
  const minValidBids = options.minValidBids ?? 3;
  const ids = new Set<string>();
  for (const { bidId } of bids) {
    if (ids.has(bidId)) throw new RangeError(`bid ${bidId} is listed twice`);
    ids.add(bidId);
  }
  const valid = bids.filter((bid) => bid.valid);
  const invalidBidIds = bids.filter((bid) => !bid.valid).map((bid) => bid.bidId);
  for (const bid of valid) {
    if (!isFen(bid.priceFen) || bid.priceFen <= 0)
      throw new RangeError(`bid ${bid.bidId}: price must be positive whole fen`);
    if (!Number.isFinite(bid.technicalScore) || bid.technicalScore < 0) {
      throw new RangeError(`bid ${bid.bidId}: technical score must be a non-negative number`);
    }
  }
  const lowest = valid.length > 0 ? Math.min(...valid.map((bid) => bid.priceFen)) : null;
  const scored = valid.map((bid) => {
    const technical = toUnits(roundHalfUp(bid.technicalScore, SCORE_DECIMALS), SCORE_DECIMALS) ?? 0n;
    const price = priceHundredths(bid.priceFen, lowest as Fen, points);
    return { bid, technical, price, comprehensive: technical + price };
  });
  type Scored = (typeof scored)[number];
  const keys = [
    [
      'comprehensiveScore',
      (a: Scored, b: Scored) =>
        a.comprehensive === b.comprehensive ? 0 : a.comprehensive > b.comprehensive ? -1 : 1,
    ],
    ['lowerPrice', (a: Scored, b: Scored) => a.bid.priceFen - b.bid.priceFen],
    [
      'technicalScore',
      (a: Scored, b: Scored) => (a.technical === b.technical ? 0 : a.technical > b.technical ? -1 : 1),
    ],
    ['bidId', (a: Scored, b: Scored) => (a.bid.bidId < b.bid.bidId ? -1 : a.bid.bidId > b.bid.bidId ? 1 : 0)],
  ] as const;
  const decide = (a: Scored, b: Scored) => {
    for (const [name, compare] of keys) {
      const order = compare(a, b);
      if (order !== 0) return { name, order };
    }
    return { name: 'bidId' as const, order: 0 };
  };
  const sorted = [...scored].sort((a, b) => decide(a, b).order);
  const ranked = sorted.map((entry, index): ScoredBid => {
    const previous = index > 0 ? sorted[index - 1] : undefined;
    return {
      rank: index + 1,
      bidId: entry.bid.bidId,
      priceFen: entry.bid.priceFen,
      technicalScore: fromUnits(entry.technical, SCORE_DECIMALS),
      priceScore: fromUnits(entry.price, SCORE_DECIMALS),
      comprehensiveScore: fromUnits(entry.comprehensive, SCORE_DECIMALS),
      separation: previous
        ? { fromBidId: previous.bid.bidId, decidedBy: decide(previous, entry).name }
        : null,
    };
  });
  return {
    successful: valid.length >= minValidBids,
    validBidCount: valid.length,
    minValidBids,
    lowestValidPriceFen: lowest,
    ranked,
    invalidBidIds,
  };
}
