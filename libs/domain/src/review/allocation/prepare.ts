import { isFen } from '../../money';
import { type AllocationInput, AllocationInputError } from './types';

const BASIS_POINTS = 10_000;

/** A candidate with its limits resolved to indices and integer floors (internal). */
export interface PreparedCandidate {
  readonly id: string;
  readonly rank: number;
  readonly category: number;
  readonly requestedFen: number;
  /** Smallest award it may get in any tier it qualifies for (its request without partial funding or caps). */
  readonly floorFen: number;
  /** Per tier index: largest award in that tier, min(request, the tier's per-award cap). */
  readonly tierMaxFen: readonly number[];
  /** Per tier index: smallest award in that tier (its floor applied to tierMaxFen). */
  readonly tierFloorFen: readonly number[];
  /** Tiers it qualifies for by score, highest priority first; empty below every threshold. */
  readonly tiers: readonly number[];
}

/** Validated allocation round with categories and tiers as indices; Infinity means no limit (internal). */
export interface PreparedAllocation {
  /** Best rank first. */
  readonly candidates: readonly PreparedCandidate[];
  readonly budgetFen: number;
  readonly partialFunding: boolean;
  readonly categoryNames: readonly string[];
  readonly categoryMinCount: readonly number[];
  readonly categoryMaxCount: readonly number[];
  readonly categoryMaxAmount: readonly number[];
  readonly tierIds: readonly string[];
  readonly tierMaxCount: readonly number[];
  readonly tierMaxAmount: readonly number[];
  /** Per-award cap of each tier; Infinity when uncapped. */
  readonly tierMaxAward: readonly number[];
}

function requireFen(value: unknown, what: string): number {
  if (!isFen(value)) throw new AllocationInputError(`${what} must be a non-negative integer amount of fen`);
  return value;
}

function requireCount(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new AllocationInputError(`${what} must be a non-negative integer`);
  }
  return value;
}

function requirePercent(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
    throw new AllocationInputError(`${what} must be an integer percentage from 1 to 100`);
  }
  return value;
}

function compareText(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

/** Validates the round and resolves floors, tier eligibility and limits. */
export function prepareAllocation(input: AllocationInput): PreparedAllocation {
  const budgetFen = requireFen(input.budgetFen, 'budgetFen');
  if (input.tiers.length === 0) throw new AllocationInputError('at least one funding tier is required');
  const tierIds = input.tiers.map((tier) => tier.id);
  if (new Set(tierIds).size !== tierIds.length) throw new AllocationInputError('duplicate tier id');
  const tierMaxCount = input.tiers.map((tier) =>
    tier.maxCount === undefined ? Infinity : requireCount(tier.maxCount, `maxCount of tier ${tier.id}`),
  );
  const tierMaxAmount = input.tiers.map((tier) => {
    let limit =
      tier.maxAmountFen === undefined
        ? Infinity
        : requireFen(tier.maxAmountFen, `maxAmountFen of tier ${tier.id}`);
    if (tier.maxBudgetShareBasisPoints !== undefined) {
      const share = requireCount(tier.maxBudgetShareBasisPoints, `budget share of tier ${tier.id}`);
      if (share > BASIS_POINTS)
        throw new AllocationInputError(`budget share of tier ${tier.id} exceeds 100 %`);
      // Rounded down to whole fen so the share is never exceeded.
      limit = Math.min(limit, Math.floor((budgetFen * share) / BASIS_POINTS));
    }
    return limit;
  });
  const tierMaxAward = input.tiers.map((tier) => {
    if (tier.maxAwardFen === undefined) return Infinity;
    const cap = requireFen(tier.maxAwardFen, `maxAwardFen of tier ${tier.id}`);
    if (cap === 0) throw new AllocationInputError(`maxAwardFen of tier ${tier.id} must be positive`);
    return cap;
  });
  input.tiers.forEach((tier) => {
    if (!Number.isFinite(tier.minScore))
      throw new AllocationInputError(`minScore of tier ${tier.id} must be a number`);
  });

  const quotaByCategory = new Map<string, NonNullable<AllocationInput['categoryQuotas']>[number]>();
  for (const quota of input.categoryQuotas ?? []) {
    if (quotaByCategory.has(quota.category))
      throw new AllocationInputError(`duplicate quota for ${quota.category}`);
    quotaByCategory.set(quota.category, quota);
  }
  const categoryNames = [
    ...new Set([...input.candidates.map((candidate) => candidate.category), ...quotaByCategory.keys()]),
  ].sort(compareText);
  const categoryIndex = new Map(categoryNames.map((name, index) => [name, index]));
  const categoryMinCount: number[] = [];
  const categoryMaxCount: number[] = [];
  const categoryMaxAmount: number[] = [];
  for (const name of categoryNames) {
    const quota = quotaByCategory.get(name);
    const min = quota?.minCount === undefined ? 0 : requireCount(quota.minCount, `minCount of ${name}`);
    const max =
      quota?.maxCount === undefined ? Infinity : requireCount(quota.maxCount, `maxCount of ${name}`);
    if (min > max) throw new AllocationInputError(`minCount above maxCount for ${name}`);
    categoryMinCount.push(min);
    categoryMaxCount.push(max);
    categoryMaxAmount.push(
      quota?.maxAmountFen === undefined
        ? Infinity
        : requireFen(quota.maxAmountFen, `maxAmountFen of ${name}`),
    );
  }

  const partialFunding = input.partialFunding !== undefined;
  const defaultPercent = partialFunding
    ? requirePercent(input.partialFunding?.minimumPercent, 'partialFunding.minimumPercent')
    : 100;
  const seenIds = new Set<string>();
  const seenRanks = new Set<number>();
  const candidates = input.candidates.map((candidate): PreparedCandidate => {
    if (seenIds.has(candidate.id)) throw new AllocationInputError(`duplicate candidate id ${candidate.id}`);
    seenIds.add(candidate.id);
    if (!Number.isSafeInteger(candidate.rank) || candidate.rank < 1 || seenRanks.has(candidate.rank)) {
      throw new AllocationInputError(`rank of ${candidate.id} must be a unique positive integer`);
    }
    seenRanks.add(candidate.rank);
    const requestedFen = requireFen(candidate.requestedFen, `requestedFen of ${candidate.id}`);
    if (requestedFen === 0)
      throw new AllocationInputError(`requestedFen of ${candidate.id} must be positive`);
    if (!Number.isFinite(candidate.score))
      throw new AllocationInputError(`score of ${candidate.id} must be a number`);
    // The floor as a function of what the proposal may get in a tier (its request, or the tier's cap).
    let floorIn: (maxFen: number) => number = (maxFen) => maxFen;
    if (partialFunding) {
      if (candidate.minimumAwardFen !== undefined) {
        const minimumFen = requireFen(candidate.minimumAwardFen, `minimumAwardFen of ${candidate.id}`);
        if (minimumFen < 1 || minimumFen > requestedFen) {
          throw new AllocationInputError(
            `minimumAwardFen of ${candidate.id} must be between 1 fen and the request`,
          );
        }
        floorIn = (maxFen) => Math.min(minimumFen, maxFen);
      } else {
        const percent =
          candidate.minimumAwardPercent === undefined
            ? defaultPercent
            : requirePercent(candidate.minimumAwardPercent, `minimumAwardPercent of ${candidate.id}`);
        // Integer arithmetic: the floor is the amount times the percentage, rounded up to a whole fen.
        floorIn = (maxFen) => Math.ceil((maxFen * percent) / 100);
      }
    }
    const tierMaxFen = tierMaxAward.map((cap) => Math.min(requestedFen, cap));
    const tierFloorFen = tierMaxFen.map(floorIn);
    const tiers = input.tiers.flatMap((tier, index) => (candidate.score >= tier.minScore ? [index] : []));
    return {
      id: candidate.id,
      rank: candidate.rank,
      category: categoryIndex.get(candidate.category) as number,
      requestedFen,
      floorFen: tiers.length === 0 ? floorIn(requestedFen) : Math.min(...tiers.map((t) => tierFloorFen[t])),
      tierMaxFen,
      tierFloorFen,
      tiers,
    };
  });
  candidates.sort((left, right) => left.rank - right.rank);
  return {
    candidates,
    budgetFen,
    partialFunding,
    categoryNames,
    categoryMinCount,
    categoryMaxCount,
    categoryMaxAmount,
    tierIds,
    tierMaxCount,
    tierMaxAmount,
    tierMaxAward,
  };
}
