import type { Fen } from '../../money';

/** A ranked proposal that may receive an award. */
export interface AwardCandidate {
  readonly id: string;
  readonly category: string;
  /** Amount applied for, integer fen (> 0). */
  readonly requestedFen: Fen;
  /** Final score; compared with each tier's minScore. */
  readonly score: number;
  /** Position in the ranking, 1 = best, unique (ties already broken by the ranking rules). */
  readonly rank: number;
  /**
   * Smallest acceptable partial award in fen (only with partial funding); in a tier whose per-award cap is
   * lower, the capped amount is the floor.
   */
  readonly minimumAwardFen?: Fen;
  /**
   * Smallest acceptable partial award as an integer percentage of the request, or of the tier's per-award cap
   * where that is lower (only with partial funding).
   */
  readonly minimumAwardPercent?: number;
}

/** A funding tier, e.g. key funding (重点资助) or shortlist (入围); a funded proposal sits in exactly one. */
export interface FundingTier {
  readonly id: string;
  /** Proposals scoring at least this may be funded in the tier. */
  readonly minScore: number;
  /** Places in the tier (e.g. 30 key-funded projects). */
  readonly maxCount?: number;
  /** Money the tier may use in total. */
  readonly maxAmountFen?: Fen;
  /** Money the tier may use as a share of the budget, in basis points (6000 = 60 %). */
  readonly maxBudgetShareBasisPoints?: number;
  /**
   * Largest award one proposal may receive in this tier (e.g. key funding at most ¥50,000 per project), fen
   * (> 0). A proposal's entitlement in the tier is min(request, this cap): a full award in the tier is the
   * entitlement (not partial), and partial-funding floors apply to the entitlement (a percentage floor is a
   * share of it; a fen floor above it is lowered to it).
   */
  readonly maxAwardFen?: Fen;
}

/** Limits per service category (portfolio balance). */
export interface CategoryQuota {
  readonly category: string;
  readonly minCount?: number;
  readonly maxCount?: number;
  readonly maxAmountFen?: Fen;
}

/** Partial funding is allowed down to a floor; without it a proposal gets its full request or nothing. */
export interface PartialFunding {
  /** Floor as an integer percentage of the request (1–100) for candidates that set none. */
  readonly minimumPercent: number;
}

/** One program's allocation round. */
export interface AllocationInput {
  readonly candidates: readonly AwardCandidate[];
  readonly budgetFen: Fen;
  /** Highest priority first (e.g. key, then shortlist). At least one. */
  readonly tiers: readonly FundingTier[];
  readonly categoryQuotas?: readonly CategoryQuota[];
  readonly partialFunding?: PartialFunding;
}

/** A funded proposal. */
export interface Award {
  readonly candidateId: string;
  readonly rank: number;
  readonly category: string;
  readonly tierId: string;
  readonly amountFen: Fen;
  /**
   * True when the award is below the proposal's entitlement in its tier: its request, capped by the tier's
   * maxAwardFen. An award cut only by the cap is not partial.
   */
  readonly partial: boolean;
}

/**
 * Why a proposal is not funded: 'rank' — every tier it qualifies for is full of higher-ranked proposals;
 * 'quota' — its category is full, or funding it would make another category's minimum unreachable;
 * 'budget' — the money left (overall or in the tiers with places) is below its request or floor;
 * 'below_threshold' — its score is below every tier's minimum.
 */
export type UnfundedReason = 'budget' | 'quota' | 'rank' | 'below_threshold';

/** A proposal that is not funded, with its reason and, above threshold, its reserve-list position. */
export interface UnfundedCandidate {
  readonly candidateId: string;
  readonly rank: number;
  readonly reason: UnfundedReason;
  /** 1-based position on the reserve list; absent below threshold. */
  readonly reservePosition?: number;
}

/** Count and money per tier or category. */
export interface AllocationTotal {
  readonly key: string;
  readonly count: number;
  readonly amountFen: Fen;
}

/** Solver figures, for logs and benchmarks. */
export interface AllocationDiagnostics {
  /** HiGHS MIP solves made for look-ahead on category minimums. */
  readonly mipSolves: number;
  /** Decisions settled by exact bounds or a verified plan without a solver call. */
  readonly decidedWithoutSolver: number;
}

/** The allocation: awards in rank order, everyone else with a reason, and the reserve list. */
export interface AllocationMade {
  readonly status: 'allocated';
  readonly awards: readonly Award[];
  readonly unfunded: readonly UnfundedCandidate[];
  /** Candidate ids of above-threshold unfunded proposals, best rank first. */
  readonly reserveList: readonly string[];
  readonly totalAwardedFen: Fen;
  readonly unspentFen: Fen;
  readonly tierTotals: readonly AllocationTotal[];
  readonly categoryTotals: readonly AllocationTotal[];
  readonly diagnostics: AllocationDiagnostics;
}

/** Why the category minimums cannot be met by any allocation, as stable codes. */
export type AllocationInfeasibilityReason =
  | 'too_few_eligible_candidates'
  | 'minimums_exceed_budget'
  | 'minimums_exceed_category_amount'
  /** More minimum awards than tier places (counting a place only if the tier's money can fill it). */
  | 'minimums_exceed_tier_places'
  | 'minimums_unreachable';

/** The cheapest way to meet one category's minimum count. */
export interface CategoryMinimum {
  readonly category: string;
  readonly minCount: number;
  /** Above-threshold candidates in the category. */
  readonly eligibleCandidates: number;
  /** Sum of the minCount smallest possible awards; null when there are too few candidates. */
  readonly cheapestFen: Fen | null;
}

/** Numbers that show why no allocation meets every quota. */
export interface AllocationInfeasibility {
  readonly reasons: readonly AllocationInfeasibilityReason[];
  readonly budgetFen: Fen;
  /** Sum of cheapestFen over categories with a minimum (null if some category has too few candidates). */
  readonly cheapestMinimumsFen: Fen | null;
  /** Sum of the minimum counts. */
  readonly minimumAwards: number;
  /** Sum of tier places, null when some tier is unlimited. */
  readonly tierPlaces: number | null;
  readonly categories: readonly CategoryMinimum[];
}

/** No allocation satisfies the category minimums; nothing is funded until the quotas are fixed. */
export interface AllocationInfeasible {
  readonly status: 'infeasible';
  readonly explanation: AllocationInfeasibility;
}

/** Result of allocateAwards. */
export type AllocationResult = AllocationMade | AllocationInfeasible;

/** Malformed input (duplicate ids or ranks, non-integer fen, min above max...), reported before solving. */
export class AllocationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocationInputError';
  }
}
