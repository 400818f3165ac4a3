// Award allocation: "ranked list within budget" with tiers and category quotas, solved exactly.
//
// Objective. Proposals are decided in rank order and each one gets the best outcome that still leaves a
// feasible allocation for the rest: funded rather than not, then the highest-priority tier it qualifies for
// (key before shortlist), then the largest award up to its request, capped by the tier's per-award cap
// (maxAwardFen; floors apply to the capped amount, and an award cut only by the cap is not partial). Formally this is the lexicographic
// maximum of ((funded, tier, amount) of rank 1, of rank 2, ...) over all allocations that respect the
// budget, tier places and money, category minimums and maximums, and floors. It is what the EU calls a
// ranked list within budget, and it guarantees that a higher-ranked proposal is never dropped or cut in
// favour of lower-ranked ones unless the budget or a quota forces it; a lower-ranked proposal is funded
// only with money and places that no higher-ranked one could use.
//
// Why not one MIP with rank weights: weights that make any higher rank outweigh all lower ones together must
// grow like 2^n, far beyond float64 for a thousand proposals, and "maximise total score" would drop one large
// top proposal for two smaller ones below it. So the lexicographic optimum is built decision by decision.
// Each decision is exact: budget and maximum limits are checked directly (they only shrink as awards are
// made), and the one look-ahead constraint, category minimums, is a small integer program over the
// proposals ranked below. A verified plan (greedy, or the previous decision's plan carried over and repaired)
// gives a lower bound, exact relaxations (cheapest floors per category; the least money the decided award's
// tier must leave to the others, a min-cost flow) an upper one; when they meet, that is the answer, and
// otherwise HiGHS solves the question as a MIP to optimality.

import type { Highs } from 'highs';
import loadHighs from 'highs';
import { type CompletionItem, type CompletionProblem, enoughPlaces } from './completion';
import { type CompletionMemory, bestCompletion, warmUpSolver } from './completion-mip';
import { type PreparedAllocation, type PreparedCandidate, prepareAllocation } from './prepare';
import type {
  AllocationInfeasibility,
  AllocationInfeasibilityReason,
  AllocationInput,
  AllocationResult,
  Award,
  CategoryMinimum,
  UnfundedCandidate,
  UnfundedReason,
} from './types';

/** Optional dependencies of allocateAwards. */
export interface AllocateAwardsOptions {
  /** A loaded HiGHS runtime to reuse; loaded once per process when omitted. */
  readonly highs?: Highs;
}

let sharedHighs: Promise<Highs> | undefined;
let warmedUp: Promise<Highs> | undefined;

/** The process's one HiGHS runtime: the WebAssembly module is compiled and instantiated on first use only. */
export function loadAllocationSolver(): Promise<Highs> {
  sharedHighs ??= loadHighs();
  return sharedHighs;
}

/**
 * Loads the process's HiGHS runtime and warms it up (see warmUpSolver), once; a worker awaits this at start so
 * that the first award allocation it runs does not pay for compiling the solver. Later calls return at once.
 */
export function prepareAllocationSolver(): Promise<Highs> {
  warmedUp ??= loadAllocationSolver().then((highs) => {
    warmUpSolver(highs);
    return highs;
  });
  return warmedUp;
}

/**
 * Allocates awards in rank order within budget, tiers and category quotas (lexicographic optimum by rank,
 * exact), giving every unfunded proposal a reason and every above-threshold one a reserve-list position.
 */
export async function allocateAwards(
  input: AllocationInput,
  options: AllocateAwardsOptions = {},
): Promise<AllocationResult> {
  const round = prepareAllocation(input);
  const needsLookAhead = round.categoryMinCount.some((minimum) => minimum > 0);
  const highs = needsLookAhead ? (options.highs ?? (await loadAllocationSolver())) : undefined;
  return new Allocation(round, highs).run();
}

class Allocation {
  private budgetLeft: number;
  private readonly categoryCount: number[];
  private readonly categoryAmount: number[];
  private readonly tierCount: number[];
  private readonly tierAmount: number[];
  // Above-threshold candidates of each category by position, cheapest floor (in any tier) first.
  private readonly cheapestInCategory: number[][];
  // Per category and tier: the candidates eligible for the tier, cheapest floor in that tier first; the
  // look-ahead pool.
  private readonly cheapestInCategoryTier: number[][][];
  private readonly memory: CompletionMemory = { stats: { mipSolves: 0, decidedWithoutSolver: 0 } };

  constructor(
    private readonly round: PreparedAllocation,
    private readonly highs: Highs | undefined,
  ) {
    this.budgetLeft = round.budgetFen;
    this.categoryCount = round.categoryNames.map(() => 0);
    this.categoryAmount = round.categoryNames.map(() => 0);
    this.tierCount = round.tierIds.map(() => 0);
    this.tierAmount = round.tierIds.map(() => 0);
    this.cheapestInCategory = round.categoryNames.map(() => []);
    round.candidates.forEach((candidate, position) => {
      if (candidate.tiers.length > 0) this.cheapestInCategory[candidate.category].push(position);
    });
    for (const list of this.cheapestInCategory) {
      list.sort((a, b) => round.candidates[a].floorFen - round.candidates[b].floorFen || a - b);
    }
    this.cheapestInCategoryTier = this.cheapestInCategory.map((pool) =>
      round.tierIds.map((_, tier) =>
        pool
          .filter((position) => round.candidates[position].tiers.includes(tier))
          .sort(
            (a, b) =>
              round.candidates[a].tierFloorFen[tier] - round.candidates[b].tierFloorFen[tier] || a - b,
          ),
      ),
    );
  }

  run(): AllocationResult {
    const { round } = this;
    const opening = this.completionProblem(-1);
    if (opening && bestCompletion(this.highs, opening, this.memory) === null) {
      return { status: 'infeasible', explanation: this.explainInfeasibility(opening) };
    }
    const awards: Award[] = [];
    const unfunded: UnfundedCandidate[] = [];
    const reserveList: string[] = [];
    round.candidates.forEach((candidate, position) => {
      if (candidate.tiers.length === 0) {
        unfunded.push({ candidateId: candidate.id, rank: candidate.rank, reason: 'below_threshold' });
        return;
      }
      for (const tier of candidate.tiers) {
        const amount = this.largestAward(position, tier);
        if (amount === null) continue;
        this.fund(candidate, tier, amount);
        awards.push({
          candidateId: candidate.id,
          rank: candidate.rank,
          category: round.categoryNames[candidate.category],
          tierId: round.tierIds[tier],
          amountFen: amount,
          partial: amount < candidate.tierMaxFen[tier],
        });
        return;
      }
      reserveList.push(candidate.id);
      unfunded.push({
        candidateId: candidate.id,
        rank: candidate.rank,
        reason: this.reasonNotFunded(candidate),
        reservePosition: reserveList.length,
      });
    });
    const totalAwardedFen = round.budgetFen - this.budgetLeft;
    return {
      status: 'allocated',
      awards,
      unfunded,
      reserveList,
      totalAwardedFen,
      unspentFen: this.budgetLeft,
      tierTotals: round.tierIds.map((key, t) => ({
        key,
        count: this.tierCount[t],
        amountFen: this.tierAmount[t],
      })),
      categoryTotals: round.categoryNames.map((key, c) => ({
        key,
        count: this.categoryCount[c],
        amountFen: this.categoryAmount[c],
      })),
      diagnostics: { ...this.memory.stats },
    };
  }

  private fund(candidate: PreparedCandidate, tier: number, amount: number): void {
    this.budgetLeft -= amount;
    this.categoryCount[candidate.category]++;
    this.categoryAmount[candidate.category] += amount;
    this.tierCount[tier]++;
    this.tierAmount[tier] += amount;
  }

  // Largest award for the candidate at `position` in `tier` that keeps every limit and leaves the category
  // minimums reachable by lower-ranked candidates; null when it cannot be funded there.
  private largestAward(position: number, tier: number): number | null {
    const { round } = this;
    const candidate = round.candidates[position];
    const category = candidate.category;
    if (this.tierCount[tier] >= round.tierMaxCount[tier]) return null;
    if (this.categoryCount[category] >= round.categoryMaxCount[category]) return null;
    const floor = candidate.tierFloorFen[tier];
    const limit = Math.min(
      candidate.tierMaxFen[tier],
      this.budgetLeft,
      round.tierMaxAmount[tier] - this.tierAmount[tier],
      round.categoryMaxAmount[category] - this.categoryAmount[category],
    );
    if (limit < floor) return null;
    const problem = this.completionProblem(position, {
      category,
      tier,
      minFen: floor,
      maxFen: limit,
    });
    if (!problem) return limit;
    return bestCompletion(this.highs, problem, this.memory);
  }

  // The look-ahead question after deciding the candidate at `position` (optionally funded as `fixed`), or
  // undefined when every minimum is already met and nothing needs looking ahead.
  private completionProblem(
    position: number,
    fixed?: CompletionProblem['fixed'],
  ): CompletionProblem | undefined {
    const { round } = this;
    const need = round.categoryMinCount.map((minimum, c) =>
      Math.max(0, minimum - this.categoryCount[c] - (fixed?.category === c ? 1 : 0)),
    );
    if (need.every((count) => count === 0)) return undefined;
    // Within one category and one set of eligible tiers, candidates differ only in their floors, so for each
    // tier of the group the `need` cheapest in that tier are all a plan could ever place there: a minimal plan
    // takes exactly `need` of the category, so a dearer one placed in the tier can always be swapped for an
    // unused one of those, same category, tiers and place, no dearer. (Without per-award caps the floors are
    // the same in every tier and this is the `need` cheapest of the group.) This keeps the look-ahead MIP tiny.
    const items: CompletionItem[] = [];
    need.forEach((count, category) => {
      if (count === 0) return;
      const chosen = new Set<number>();
      this.cheapestInCategoryTier[category].forEach((pool) => {
        const takenPerGroup = new Map<string, number>();
        for (const later of pool) {
          if (later <= position) continue;
          const group = round.candidates[later].tiers.join(',');
          const taken = takenPerGroup.get(group) ?? 0;
          if (taken >= count) continue;
          takenPerGroup.set(group, taken + 1);
          chosen.add(later);
        }
      });
      for (const later of this.cheapestInCategory[category]) {
        if (!chosen.has(later)) continue;
        const candidate = round.candidates[later];
        items.push({
          position: later,
          floorFen: candidate.floorFen,
          tierFloorFen: candidate.tierFloorFen,
          category,
          tiers: candidate.tiers,
        });
      }
    });
    return {
      items,
      need,
      categoryCountRoom: round.categoryMaxCount.map(
        (maximum, c) => maximum - this.categoryCount[c] - (fixed?.category === c ? 1 : 0),
      ),
      categoryAmountRoom: round.categoryMaxAmount.map((maximum, c) => maximum - this.categoryAmount[c]),
      tierCountRoom: round.tierMaxCount.map(
        (maximum, t) => maximum - this.tierCount[t] - (fixed?.tier === t ? 1 : 0),
      ),
      tierAmountRoom: round.tierMaxAmount.map((maximum, t) => maximum - this.tierAmount[t]),
      budgetRoom: this.budgetLeft,
      fixed,
      position,
    };
  }

  // The first limit that stops the candidate, checked against the decisions made for higher ranks.
  private reasonNotFunded(candidate: PreparedCandidate): UnfundedReason {
    const { round } = this;
    const tiersWithPlaces = candidate.tiers.filter((tier) => this.tierCount[tier] < round.tierMaxCount[tier]);
    if (tiersWithPlaces.length === 0) return 'rank';
    const category = candidate.category;
    const categoryFull = this.categoryCount[category] >= round.categoryMaxCount[category];
    // The cheapest award it could get in a tier with places (floors differ by tier under per-award caps).
    const cheapestFloor = Math.min(...tiersWithPlaces.map((tier) => candidate.tierFloorFen[tier]));
    const categoryMoneyShort =
      round.categoryMaxAmount[category] - this.categoryAmount[category] < cheapestFloor;
    if (categoryFull || categoryMoneyShort) return 'quota';
    const moneyShort = tiersWithPlaces.every(
      (tier) =>
        Math.min(this.budgetLeft, round.tierMaxAmount[tier] - this.tierAmount[tier]) <
        candidate.tierFloorFen[tier],
    );
    // Otherwise the money and places are there but must stay free for other categories' minimums.
    return moneyShort ? 'budget' : 'quota';
  }

  private explainInfeasibility(opening: CompletionProblem): AllocationInfeasibility {
    const { round } = this;
    const reasons: AllocationInfeasibilityReason[] = [];
    const categories: CategoryMinimum[] = [];
    let cheapestMinimumsFen: number | null = 0;
    let minimumAwards = 0;
    round.categoryNames.forEach((category, c) => {
      const minCount = round.categoryMinCount[c];
      if (minCount === 0) return;
      minimumAwards += minCount;
      const pool = this.cheapestInCategory[c];
      const cheapestFen =
        pool.length < minCount
          ? null
          : pool.slice(0, minCount).reduce((sum, position) => sum + round.candidates[position].floorFen, 0);
      if (cheapestFen === null) {
        if (!reasons.includes('too_few_eligible_candidates')) reasons.push('too_few_eligible_candidates');
      } else if (
        cheapestFen > round.categoryMaxAmount[c] &&
        !reasons.includes('minimums_exceed_category_amount')
      ) {
        reasons.push('minimums_exceed_category_amount');
      }
      cheapestMinimumsFen =
        cheapestFen === null || cheapestMinimumsFen === null ? null : cheapestMinimumsFen + cheapestFen;
      categories.push({ category, minCount, eligibleCandidates: pool.length, cheapestFen });
    });
    if (cheapestMinimumsFen !== null && cheapestMinimumsFen > round.budgetFen)
      reasons.push('minimums_exceed_budget');
    const tierPlaces = round.tierMaxCount.reduce((sum, places) => sum + places, 0);
    // Places count only as far as the tier's money covers the cheapest eligible floors; with too few
    // candidates the places test would only repeat that shortage.
    if (!reasons.includes('too_few_eligible_candidates') && !enoughPlaces(opening)) {
      reasons.push('minimums_exceed_tier_places');
    }
    if (reasons.length === 0) reasons.push('minimums_unreachable');
    return {
      reasons,
      budgetFen: round.budgetFen,
      cheapestMinimumsFen,
      minimumAwards,
      tierPlaces: Number.isFinite(tierPlaces) ? tierPlaces : null,
      categories,
    };
  }
}
