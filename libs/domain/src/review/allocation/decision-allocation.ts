// The decision stage's allocation round, from a template's DecisionSettings and the stage's cases, and its
// result read back as one outcome per case. Pure (no solver, no I/O): the activity runs allocateAwards between
// decisionAllocationInput and decisionOutcomes.
import type { AwardTier, DecisionSettings } from '../../templates/stages';
import type { AllocationInfeasibility, AllocationInput, AllocationMade, UnfundedReason } from './types';

/** A case of the decision stage. */
export interface DecisionCase {
  readonly id: string;
  readonly category: string;
  readonly requestedFen: number;
  /** Latest review stage's score (consensus or mean); null when it has none (ranked as 0). */
  readonly score: number | null;
}

/** A case in rank order, 1 = best. */
export interface RankedDecisionCase extends DecisionCase {
  readonly rank: number;
}

/** What one decision round allocates: the stage's settings and the program's budget. */
export interface DecisionRound {
  readonly tiers: readonly AwardTier[];
  readonly budgetFen: number;
  readonly partialFunding: DecisionSettings['partialFunding'];
  readonly categoryQuotas?: DecisionSettings['categoryQuotas'];
  readonly cases: readonly DecisionCase[];
}

/** Without a set number of awards, the top tier (of several) takes the best 30 % of the cases. */
export const TOP_TIER_DEFAULT_SHARE_PERCENT = 30;

/** Ranks cases by score (highest first, none as 0), then lower request, then id. */
export function rankDecisionCases(cases: readonly DecisionCase[]): RankedDecisionCase[] {
  return [...cases]
    .sort(
      (a, b) =>
        (b.score ?? 0) - (a.score ?? 0) ||
        a.requestedFen - b.requestedFen ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((entry, index) => ({ ...entry, rank: index + 1 }));
}

/**
 * The allocation library's input for a decision round: tiers by key with their places (maxAwards, or for the
 * top of several tiers the best 30 % of the cases), per-award caps and minimum scores (default 0); partial
 * funding down to floorPercent of the capped request (a fractional percentage is rounded up, so the floor is
 * never below the template's); category quotas as they are.
 */
export function decisionAllocationInput(round: DecisionRound): {
  input: AllocationInput;
  ranked: RankedDecisionCase[];
} {
  const ranked = rankDecisionCases(round.cases);
  const input: AllocationInput = {
    candidates: ranked.map((entry) => ({
      id: entry.id,
      category: entry.category,
      requestedFen: entry.requestedFen,
      score: entry.score ?? 0,
      rank: entry.rank,
    })),
    budgetFen: round.budgetFen,
    tiers: round.tiers.map((tier, index) => ({
      id: tier.key,
      minScore: tier.minScore ?? 0,
      maxCount:
        tier.maxAwards ??
        (index === 0 && round.tiers.length > 1
          ? Math.ceil((ranked.length * TOP_TIER_DEFAULT_SHARE_PERCENT) / 100)
          : undefined),
      maxAwardFen: tier.maxAwardFen,
    })),
    categoryQuotas: round.categoryQuotas?.map((quota) => ({ ...quota })),
    partialFunding: round.partialFunding.allowed
      ? { minimumPercent: Math.ceil(round.partialFunding.floorPercent) }
      : undefined,
  };
  return { input, ranked };
}

/** One case's outcome of the round. */
export type DecisionOutcome =
  | {
      readonly applicationId: string;
      readonly rank: number;
      readonly score: number | null;
      readonly outcome: 'awarded';
      readonly tier: AwardTier;
      readonly amountFen: number;
      /** Below the request capped by the tier's maxAwardFen. */
      readonly partial: boolean;
    }
  | {
      readonly applicationId: string;
      readonly rank: number;
      readonly score: number | null;
      readonly outcome: 'declined';
      readonly reason: UnfundedReason;
      /** Position on the reserve list; absent below every tier's minimum score. */
      readonly reservePosition?: number;
    };

/** The allocation read back per case, in rank order. */
export function decisionOutcomes(
  round: Pick<DecisionRound, 'tiers'>,
  ranked: readonly RankedDecisionCase[],
  result: AllocationMade,
): DecisionOutcome[] {
  const tierByKey = new Map(round.tiers.map((tier) => [tier.key, tier]));
  const awardOf = new Map(result.awards.map((award) => [award.candidateId, award]));
  const unfundedOf = new Map(result.unfunded.map((entry) => [entry.candidateId, entry]));
  return ranked.map((entry): DecisionOutcome => {
    const base = { applicationId: entry.id, rank: entry.rank, score: entry.score };
    const award = awardOf.get(entry.id);
    if (award) {
      return {
        ...base,
        outcome: 'awarded',
        tier: tierByKey.get(award.tierId) as AwardTier,
        amountFen: award.amountFen,
        partial: award.partial,
      };
    }
    const unfunded = unfundedOf.get(entry.id);
    if (!unfunded) throw new Error(`allocation left case ${entry.id} undecided`);
    return {
      ...base,
      outcome: 'declined',
      reason: unfunded.reason,
      ...(unfunded.reservePosition === undefined ? {} : { reservePosition: unfunded.reservePosition }),
    };
  });
}

/** Why a case is not funded, in Chinese / English, with its reserve-list position. */
export function declineReasonText(reason: UnfundedReason, reservePosition?: number): string {
  const reserve = (zh: string, en: string) =>
    `${zh}，列入备选名单第 ${reservePosition} 位 / ${en}, reserve list #${reservePosition}`;
  switch (reason) {
    case 'rank':
      return reserve('资助名额已满', 'no places left');
    case 'budget':
      return reserve('预算不足', 'budget exhausted');
    case 'quota':
      return reserve('受类别配额限制', 'held by category quotas');
    case 'below_threshold':
      return '得分未达任何资助档次的最低分数 / score below every award tier’s minimum';
  }
}

/** A one-line account of why the category minimums cannot be met, for the program's history. */
export function infeasibilityMessage(explanation: AllocationInfeasibility): string {
  const categories = explanation.categories
    .map(
      (entry) =>
        `${entry.category}: min ${entry.minCount}, eligible ${entry.eligibleCandidates}, cheapest ${
          entry.cheapestFen === null ? 'n/a' : `${entry.cheapestFen} fen`
        }`,
    )
    .join('; ');
  return (
    `类别配额的最少数量无法满足 / category minimums cannot be met ` +
    `(${explanation.reasons.join(', ')}): budget ${explanation.budgetFen} fen, ` +
    `cheapest minimums ${explanation.cheapestMinimumsFen ?? 'n/a'} fen, ` +
    `${explanation.minimumAwards} minimum awards, tier places ${explanation.tierPlaces ?? 'unlimited'}; ${categories}`
  );
}

/**
 * The same round without the categories' minimum counts (maximums stay): what the program proposes when no
 * allocation can meet every minimum, so coordinators get a proposal and the figures instead of a stalled stage.
 */
export function withoutCategoryMinimums(input: AllocationInput): AllocationInput {
  return {
    ...input,
    categoryQuotas: input.categoryQuotas?.map(({ minCount: _minCount, ...quota }) => quota),
  };
}
