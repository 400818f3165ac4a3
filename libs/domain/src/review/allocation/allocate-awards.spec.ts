import fc from 'fast-check';
import { allocateAwards } from './allocate-awards';
import {
  type AllocationInfeasibility,
  type AllocationInput,
  AllocationInputError,
  type AllocationMade,
  type AllocationResult,
  type AwardCandidate,
  type UnfundedReason,
} from './types';

const CATEGORIES = ['elderly', 'youth', 'culture'];

// Independent reading of the rules (no code shared with the solver).
// Most a proposal may get in a tier: its request, capped by the tier's per-award cap.
function entitlementOf(input: AllocationInput, candidate: AwardCandidate, tierIndex: number): number {
  return Math.min(candidate.requestedFen, input.tiers[tierIndex].maxAwardFen ?? Infinity);
}

// Least it may get in a tier: the floor applied to the entitlement (never above it).
function floorOf(input: AllocationInput, candidate: AwardCandidate, tierIndex: number): number {
  const entitlement = entitlementOf(input, candidate, tierIndex);
  if (!input.partialFunding) return entitlement;
  if (candidate.minimumAwardFen !== undefined) return Math.min(candidate.minimumAwardFen, entitlement);
  const percent = candidate.minimumAwardPercent ?? input.partialFunding.minimumPercent;
  return Math.ceil((entitlement * percent) / 100);
}

function eligibleTiers(input: AllocationInput, candidate: AwardCandidate): number[] {
  return input.tiers.flatMap((tier, index) => (candidate.score >= tier.minScore ? [index] : []));
}

function tierLimit(input: AllocationInput, tierIndex: number): { count: number; amount: number } {
  const tier = input.tiers[tierIndex];
  let amount = tier.maxAmountFen ?? Infinity;
  if (tier.maxBudgetShareBasisPoints !== undefined) {
    amount = Math.min(amount, Math.floor((input.budgetFen * tier.maxBudgetShareBasisPoints) / 10_000));
  }
  return { count: tier.maxCount ?? Infinity, amount };
}

function quotaOf(input: AllocationInput, category: string) {
  const quota = input.categoryQuotas?.find((entry) => entry.category === category);
  return {
    min: quota?.minCount ?? 0,
    max: quota?.maxCount ?? Infinity,
    maxAmount: quota?.maxAmountFen ?? Infinity,
  };
}

type Decision = { tier: number; amount: number } | null;

// The lexicographic optimum by brute force: options for each proposal in rank order are listed from best to
// worst (funded in the highest tier with the largest amount ... not funded), so the first complete
// allocation that satisfies every rule is the lexicographic maximum.
function bruteForce(input: AllocationInput): Map<string, Decision> | 'infeasible' {
  const ordered = [...input.candidates].sort((left, right) => left.rank - right.rank);
  const decisions: Decision[] = [];
  const tierCount = input.tiers.map(() => 0);
  const tierAmount = input.tiers.map(() => 0);
  const categoryCount = new Map<string, number>();
  const categoryAmount = new Map<string, number>();
  let spent = 0;
  const visit = (index: number): boolean => {
    if (index === ordered.length) {
      return CATEGORIES.every(
        (category) => (categoryCount.get(category) ?? 0) >= quotaOf(input, category).min,
      );
    }
    const candidate = ordered[index];
    const quota = quotaOf(input, candidate.category);
    for (let tier = 0; tier < input.tiers.length; tier++) {
      if (candidate.score < input.tiers[tier].minScore) continue;
      const limit = tierLimit(input, tier);
      const floor = floorOf(input, candidate, tier);
      for (let amount = entitlementOf(input, candidate, tier); amount >= floor; amount--) {
        const fits =
          spent + amount <= input.budgetFen &&
          tierCount[tier] < limit.count &&
          tierAmount[tier] + amount <= limit.amount &&
          (categoryCount.get(candidate.category) ?? 0) < quota.max &&
          (categoryAmount.get(candidate.category) ?? 0) + amount <= quota.maxAmount;
        if (!fits) continue;
        spent += amount;
        tierCount[tier]++;
        tierAmount[tier] += amount;
        categoryCount.set(candidate.category, (categoryCount.get(candidate.category) ?? 0) + 1);
        categoryAmount.set(candidate.category, (categoryAmount.get(candidate.category) ?? 0) + amount);
        decisions.push({ tier, amount });
        if (visit(index + 1)) return true;
        decisions.pop();
        spent -= amount;
        tierCount[tier]--;
        tierAmount[tier] -= amount;
        categoryCount.set(candidate.category, (categoryCount.get(candidate.category) ?? 0) - 1);
        categoryAmount.set(candidate.category, (categoryAmount.get(candidate.category) ?? 0) - amount);
      }
    }
    decisions.push(null);
    if (visit(index + 1)) return true;
    decisions.pop();
    return false;
  };
  if (!visit(0)) return 'infeasible';
  return new Map(ordered.map((candidate, index) => [candidate.id, decisions[index]]));
}

function decisionsOf(input: AllocationInput, result: AllocationMade): Map<string, Decision> {
  const tierIndex = new Map(input.tiers.map((tier, index) => [tier.id, index]));
  const decisions = new Map<string, Decision>(input.candidates.map((candidate) => [candidate.id, null]));
  for (const award of result.awards) {
    decisions.set(award.candidateId, {
      tier: tierIndex.get(award.tierId) as number,
      amount: award.amountFen,
    });
  }
  return decisions;
}

// Every rule checked on the result; returns the broken ones.
function brokenRules(input: AllocationInput, result: AllocationMade): string[] {
  const broken: string[] = [];
  const byId = new Map(input.candidates.map((candidate) => [candidate.id, candidate]));
  const tierCount = input.tiers.map(() => 0);
  const tierAmount = input.tiers.map(() => 0);
  const categoryCount = new Map<string, number>();
  const categoryAmount = new Map<string, number>();
  let spent = 0;
  for (const award of result.awards) {
    const candidate = byId.get(award.candidateId) as AwardCandidate;
    const tier = input.tiers.findIndex((entry) => entry.id === award.tierId);
    if (!Number.isInteger(award.amountFen)) broken.push(`${award.candidateId} amount not whole fen`);
    const entitlement = entitlementOf(input, candidate, tier);
    if (award.amountFen > entitlement || award.amountFen < floorOf(input, candidate, tier)) {
      broken.push(`${award.candidateId} amount outside floor..min(request, tier cap)`);
    }
    if (award.partial !== award.amountFen < entitlement) broken.push(`${award.candidateId} partial flag`);
    if (candidate.score < input.tiers[tier].minScore)
      broken.push(`${award.candidateId} below its tier's threshold`);
    spent += award.amountFen;
    tierCount[tier]++;
    tierAmount[tier] += award.amountFen;
    categoryCount.set(candidate.category, (categoryCount.get(candidate.category) ?? 0) + 1);
    categoryAmount.set(candidate.category, (categoryAmount.get(candidate.category) ?? 0) + award.amountFen);
  }
  if (spent > input.budgetFen) broken.push('over budget');
  if (spent !== result.totalAwardedFen || input.budgetFen - spent !== result.unspentFen)
    broken.push('totals');
  input.tiers.forEach((tier, index) => {
    const limit = tierLimit(input, index);
    if (tierCount[index] > limit.count || tierAmount[index] > limit.amount)
      broken.push(`tier ${tier.id} over limit`);
  });
  for (const category of CATEGORIES) {
    const quota = quotaOf(input, category);
    const count = categoryCount.get(category) ?? 0;
    if (count < quota.min || count > quota.max) broken.push(`${category} count outside quota`);
    if ((categoryAmount.get(category) ?? 0) > quota.maxAmount) broken.push(`${category} over amount quota`);
  }
  const decided = new Set([
    ...result.awards.map((award) => award.candidateId),
    ...result.unfunded.map((entry) => entry.candidateId),
  ]);
  if (
    decided.size !== input.candidates.length ||
    result.awards.length + result.unfunded.length !== input.candidates.length
  ) {
    broken.push('every candidate exactly once');
  }
  return broken;
}

// The reason each unfunded proposal should carry, from the awards made to higher-ranked proposals.
function expectedReason(
  input: AllocationInput,
  result: AllocationMade,
  candidate: AwardCandidate,
): UnfundedReason {
  const eligible = eligibleTiers(input, candidate);
  if (eligible.length === 0) return 'below_threshold';
  const earlier = result.awards.filter((award) => award.rank < candidate.rank);
  const countIn = (tierId: string) => earlier.filter((award) => award.tierId === tierId).length;
  const amountIn = (tierId: string) =>
    earlier.filter((award) => award.tierId === tierId).reduce((sum, award) => sum + award.amountFen, 0);
  const withPlaces = eligible.filter((tier) => countIn(input.tiers[tier].id) < tierLimit(input, tier).count);
  if (withPlaces.length === 0) return 'rank';
  const quota = quotaOf(input, candidate.category);
  const sameCategory = earlier.filter((award) => award.category === candidate.category);
  const cheapestFloor = Math.min(...withPlaces.map((tier) => floorOf(input, candidate, tier)));
  if (
    sameCategory.length >= quota.max ||
    quota.maxAmount - sameCategory.reduce((sum, award) => sum + award.amountFen, 0) < cheapestFloor
  ) {
    return 'quota';
  }
  const budgetLeft = input.budgetFen - earlier.reduce((sum, award) => sum + award.amountFen, 0);
  const moneyShort = withPlaces.every(
    (tier) =>
      Math.min(budgetLeft, tierLimit(input, tier).amount - amountIn(input.tiers[tier].id)) <
      floorOf(input, candidate, tier),
  );
  return moneyShort ? 'budget' : 'quota';
}

function instance(maxCandidates: number, partial: boolean): fc.Arbitrary<AllocationInput> {
  const candidate = (index: number) =>
    fc.record({
      id: fc.constant(`p${index}`),
      category: fc.constantFrom(...CATEGORIES),
      requestedFen: fc.integer({ min: 1, max: partial ? 6 : 12 }),
      score: fc.integer({ min: 55, max: 100 }),
      minimumAwardPercent: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      floorShare: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    });
  return fc
    .integer({ min: 1, max: maxCandidates })
    .chain((count) =>
      fc.record({
        candidates: fc.tuple(...Array.from({ length: count }, (_, index) => candidate(index))),
        ranks: fc.shuffledSubarray(
          Array.from({ length: count }, (_, index) => index + 1),
          { minLength: count, maxLength: count },
        ),
        budgetFen: fc.integer({ min: 0, max: partial ? 20 : 40 }),
        keyTier: fc.record({
          minScore: fc.integer({ min: 70, max: 95 }),
          maxCount: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
          maxAmountFen: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
          maxBudgetShareBasisPoints: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
          maxAwardFen: fc.option(fc.integer({ min: 1, max: partial ? 6 : 12 }), { nil: undefined, freq: 2 }),
        }),
        shortlistTier: fc.option(
          fc.record({
            minScore: fc.integer({ min: 50, max: 75 }),
            maxCount: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
            maxAmountFen: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
            maxAwardFen: fc.option(fc.integer({ min: 1, max: partial ? 6 : 12 }), {
              nil: undefined,
              freq: 2,
            }),
          }),
          { nil: undefined },
        ),
        quotas: fc.array(
          fc.record({
            category: fc.constantFrom(...CATEGORIES),
            minCount: fc.option(fc.constantFrom(0, 1, 1, 1, 2), { nil: undefined }),
            extra: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
            maxAmountFen: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
          }),
          { maxLength: 3 },
        ),
        partialPercent: fc.integer({ min: 1, max: 100 }),
      }),
    )
    .map(({ candidates, ranks, budgetFen, keyTier, shortlistTier, quotas, partialPercent }) => ({
      candidates: candidates.map(({ floorShare, ...rest }, index) => ({
        ...rest,
        rank: ranks[index],
        minimumAwardFen: floorShare === undefined ? undefined : Math.min(floorShare, rest.requestedFen),
      })),
      budgetFen,
      tiers: [{ id: 'key', ...keyTier }, ...(shortlistTier ? [{ id: 'shortlist', ...shortlistTier }] : [])],
      categoryQuotas: [...new Map(quotas.map((quota) => [quota.category, quota])).values()].map(
        ({ category, minCount, extra, maxAmountFen }) => ({
          category,
          minCount,
          maxCount: extra === undefined ? undefined : (minCount ?? 0) + extra,
          maxAmountFen,
        }),
      ),
      partialFunding: partial ? { minimumPercent: partialPercent } : undefined,
    }));
}

// Rounds where every category has a minimum and candidates to meet it, so the look-ahead (and HiGHS) decides.
function quotaInstance(maxCandidates: number, partial: boolean): fc.Arbitrary<AllocationInput> {
  return fc
    .tuple(
      instance(maxCandidates, partial),
      fc.constantFrom(0, 1),
      fc.integer({ min: 0, max: 2 }),
      fc.boolean(),
    )
    .filter(([input]) => input.candidates.length >= 3)
    .map(([input, shift, extraBudget, twoOfFirst]) => ({
      ...input,
      budgetFen: input.budgetFen + extraBudget * 10,
      candidates: input.candidates.map((candidate, index) => ({
        ...candidate,
        category: CATEGORIES[(index + shift) % CATEGORIES.length],
        score: Math.max(candidate.score, 76),
      })),
      categoryQuotas: CATEGORIES.map((category, index) => ({
        category,
        minCount: index === 2 && shift === 1 ? 0 : index === 0 && twoOfFirst ? 2 : 1,
        maxCount: input.categoryQuotas?.find((quota) => quota.category === category)?.maxCount,
      })).map((quota) => ({
        ...quota,
        maxCount: quota.maxCount === undefined ? undefined : Math.max(quota.maxCount, quota.minCount),
      })),
    }));
}

// The per-category figures of an infeasibility explanation, recomputed from the input.
function expectTrueMinimumFigures(input: AllocationInput, explanation: AllocationInfeasibility): void {
  // Reported in category-name order.
  const figures = [...CATEGORIES]
    .sort()
    .filter((category) => quotaOf(input, category).min > 0)
    .map((category) => {
      const minCount = quotaOf(input, category).min;
      const floors = input.candidates
        .filter((candidate) => candidate.category === category && eligibleTiers(input, candidate).length > 0)
        .map((candidate) =>
          Math.min(...eligibleTiers(input, candidate).map((tier) => floorOf(input, candidate, tier))),
        )
        .sort((a, b) => a - b);
      const cheapestFen =
        floors.length < minCount ? null : floors.slice(0, minCount).reduce((sum, floor) => sum + floor, 0);
      return { category, minCount, eligibleCandidates: floors.length, cheapestFen };
    });
  expect(explanation.categories).toEqual(figures);
  expect(explanation.reasons.includes('too_few_eligible_candidates')).toBe(
    figures.some((entry) => entry.cheapestFen === null),
  );
  const cheapest = figures.some((entry) => entry.cheapestFen === null)
    ? null
    : figures.reduce((sum, entry) => sum + (entry.cheapestFen ?? 0), 0);
  expect(explanation.cheapestMinimumsFen).toBe(cheapest);
  expect(explanation.reasons.includes('minimums_exceed_budget')).toBe(
    cheapest !== null && cheapest > input.budgetFen,
  );
}

function allocated(result: AllocationResult): AllocationMade {
  if (result.status !== 'allocated') throw new Error(`expected an allocation, got ${JSON.stringify(result)}`);
  return result;
}

describe('allocateAwards', () => {
  it('equals the brute-force lexicographic optimum by rank (full requests only)', async () => {
    await fc.assert(
      fc.asyncProperty(instance(6, false), async (input) => {
        const expected = bruteForce(input);
        const result = await allocateAwards(input);
        if (expected === 'infeasible') {
          expect(result.status).toBe('infeasible');
          return;
        }
        const made = allocated(result);
        expect(brokenRules(input, made)).toEqual([]);
        expect(decisionsOf(input, made)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('equals the brute-force lexicographic optimum by rank with partial funding', async () => {
    await fc.assert(
      fc.asyncProperty(instance(5, true), async (input) => {
        const expected = bruteForce(input);
        const result = await allocateAwards(input);
        if (expected === 'infeasible') {
          expect(result.status).toBe('infeasible');
          return;
        }
        const made = allocated(result);
        expect(brokenRules(input, made)).toEqual([]);
        expect(decisionsOf(input, made)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('equals the brute-force optimum when category minimums drive the look-ahead', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain((partial) => quotaInstance(partial ? 5 : 6, partial)),
        async (input) => {
          const expected = bruteForce(input);
          const result = await allocateAwards(input);
          if (expected === 'infeasible') {
            expect(result.status).toBe('infeasible');
            if (result.status === 'infeasible') expectTrueMinimumFigures(input, result.explanation);
            return;
          }
          const made = allocated(result);
          expect(brokenRules(input, made)).toEqual([]);
          expect(decisionsOf(input, made)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives every unfunded proposal its reason and every above-threshold one its reserve position', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.boolean().chain((partial) => instance(8, partial)),
        async (_, input) => {
          const result = await allocateAwards(input);
          fc.pre(result.status === 'allocated');
          const made = allocated(result);
          const byId = new Map(input.candidates.map((candidate) => [candidate.id, candidate]));
          let position = 0;
          for (const entry of [...made.unfunded].sort((left, right) => left.rank - right.rank)) {
            const candidate = byId.get(entry.candidateId) as AwardCandidate;
            expect(entry.reason).toBe(expectedReason(input, made, candidate));
            if (entry.reason === 'below_threshold') {
              expect(entry.reservePosition).toBeUndefined();
            } else {
              position++;
              expect(entry.reservePosition).toBe(position);
              expect(made.reserveList[position - 1]).toBe(entry.candidateId);
            }
          }
          expect(made.reserveList).toHaveLength(position);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never exceeds budget, tier limits or quotas on larger rounds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain((partial) =>
          instance(40, partial).map((input) => ({
            ...input,
            budgetFen: input.budgetFen * 8,
            tiers: input.tiers.map((tier) => ({
              ...tier,
              maxCount: tier.maxCount === undefined ? undefined : tier.maxCount * 5,
            })),
          })),
        ),
        async (input) => {
          const result = await allocateAwards(input);
          if (result.status === 'allocated') expect(brokenRules(input, result)).toEqual([]);
          else expect(result.explanation.reasons.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same allocation whatever the input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        instance(8, true),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        async (input, keys) => {
          const shuffled = {
            ...input,
            candidates: input.candidates
              .map((candidate, index) => ({ candidate, key: keys[index] * 8 + index }))
              .sort((left, right) => left.key - right.key)
              .map(({ candidate }) => candidate),
          };
          expect(await allocateAwards(shuffled)).toEqual(await allocateAwards(input));
        },
      ),
      { numRuns: 150 },
    );
  });

  const proposal = (
    id: string,
    rank: number,
    requestedFen: number,
    overrides: Partial<AwardCandidate> = {},
  ): AwardCandidate => ({
    id,
    rank,
    requestedFen,
    category: 'elderly',
    score: 90,
    ...overrides,
  });
  const anyTier = [{ id: 'shortlist', minScore: 60 }];

  it('funds down the ranked list and skips a proposal the remaining budget cannot carry', async () => {
    const made = allocated(
      await allocateAwards({
        candidates: [proposal('a', 1, 80_00), proposal('b', 2, 60_00), proposal('c', 3, 20_00)],
        budgetFen: 100_00,
        tiers: anyTier,
      }),
    );
    expect(made.awards.map((award) => [award.candidateId, award.amountFen])).toEqual([
      ['a', 80_00],
      ['c', 20_00],
    ]);
    expect(made.unfunded).toEqual([{ candidateId: 'b', rank: 2, reason: 'budget', reservePosition: 1 }]);
    expect(made.unspentFen).toBe(0);
  });

  it('cuts the marginal proposal to what is left when partial funding allows, never a higher one', async () => {
    const made = allocated(
      await allocateAwards({
        candidates: [proposal('a', 1, 80_00), proposal('b', 2, 60_00)],
        budgetFen: 120_00,
        tiers: anyTier,
        partialFunding: { minimumPercent: 50 },
      }),
    );
    expect(made.awards.map((award) => [award.candidateId, award.amountFen, award.partial])).toEqual([
      ['a', 80_00, false],
      ['b', 40_00, true],
    ]);
  });

  it('puts the best qualifying proposals in the key tier and the rest in the shortlist', async () => {
    const made = allocated(
      await allocateAwards({
        candidates: [
          proposal('a', 1, 10_00, { score: 95 }),
          proposal('b', 2, 10_00, { score: 92 }),
          proposal('c', 3, 10_00, { score: 75 }),
          proposal('d', 4, 10_00, { score: 72 }),
          proposal('e', 5, 10_00, { score: 65 }),
        ],
        budgetFen: 1_000_00,
        tiers: [
          { id: 'key', minScore: 90, maxCount: 1 },
          { id: 'shortlist', minScore: 70, maxCount: 2 },
        ],
      }),
    );
    expect(made.awards.map((award) => [award.candidateId, award.tierId])).toEqual([
      ['a', 'key'],
      ['b', 'shortlist'],
      ['c', 'shortlist'],
    ]);
    expect(made.unfunded).toEqual([
      { candidateId: 'd', rank: 4, reason: 'rank', reservePosition: 1 },
      { candidateId: 'e', rank: 5, reason: 'below_threshold' },
    ]);
  });

  it('caps each award at its tier’s per-award cap, floors applying to the capped amount', async () => {
    const made = allocated(
      await allocateAwards({
        candidates: [
          proposal('a', 1, 80_00),
          proposal('b', 2, 30_00),
          proposal('c', 3, 30_00),
          proposal('d', 4, 30_00),
        ],
        budgetFen: 105_00,
        tiers: [
          { id: 'key', minScore: 0, maxCount: 1, maxAwardFen: 50_00 },
          { id: 'shortlist', minScore: 0, maxAwardFen: 20_00 },
        ],
        partialFunding: { minimumPercent: 50 },
      }),
    );
    expect(
      made.awards.map((award) => [award.candidateId, award.tierId, award.amountFen, award.partial]),
    ).toEqual([
      ['a', 'key', 50_00, false],
      ['b', 'shortlist', 20_00, false],
      ['c', 'shortlist', 20_00, false],
      // 15_00 left is at least half of the capped 20_00, so a partial award.
      ['d', 'shortlist', 15_00, true],
    ]);
    await expect(
      allocateAwards({
        candidates: [proposal('a', 1, 10_00)],
        budgetFen: 100_00,
        tiers: [{ id: 'key', minScore: 0, maxAwardFen: 0 }],
      }),
    ).rejects.toThrow(/maxAwardFen/);
  });

  it('keeps money for a category minimum and says so', async () => {
    const made = allocated(
      await allocateAwards({
        candidates: [
          proposal('a', 1, 40_00),
          proposal('b', 2, 40_00),
          proposal('c', 3, 35_00),
          proposal('y', 4, 30_00, { category: 'youth' }),
        ],
        budgetFen: 100_00,
        tiers: anyTier,
        categoryQuotas: [{ category: 'youth', minCount: 1 }],
      }),
    );
    expect(made.awards.map((award) => award.candidateId)).toEqual(['a', 'y']);
    expect(made.unfunded.map((entry) => [entry.candidateId, entry.reason])).toEqual([
      ['b', 'quota'],
      ['c', 'quota'],
    ]);
  });

  it('stops at a category maximum and funds the next category instead', async () => {
    const made = allocated(
      await allocateAwards({
        candidates: [
          proposal('a', 1, 10_00),
          proposal('b', 2, 10_00),
          proposal('y', 3, 10_00, { category: 'youth' }),
        ],
        budgetFen: 100_00,
        tiers: anyTier,
        categoryQuotas: [{ category: 'elderly', maxCount: 1 }],
      }),
    );
    expect(made.awards.map((award) => award.candidateId)).toEqual(['a', 'y']);
    expect(made.unfunded).toEqual([{ candidateId: 'b', rank: 2, reason: 'quota', reservePosition: 1 }]);
  });

  it('explains quotas that no allocation can meet', async () => {
    const result = await allocateAwards({
      candidates: [
        proposal('y1', 1, 50_00, { category: 'youth' }),
        proposal('c1', 2, 80_00, { category: 'culture' }),
      ],
      budgetFen: 100_00,
      tiers: anyTier,
      categoryQuotas: [
        { category: 'youth', minCount: 2 },
        { category: 'culture', minCount: 1 },
      ],
    });
    expect(result).toEqual({
      status: 'infeasible',
      explanation: {
        reasons: ['too_few_eligible_candidates'],
        budgetFen: 100_00,
        cheapestMinimumsFen: null,
        minimumAwards: 3,
        tierPlaces: null,
        categories: [
          { category: 'culture', minCount: 1, eligibleCandidates: 1, cheapestFen: 80_00 },
          { category: 'youth', minCount: 2, eligibleCandidates: 1, cheapestFen: null },
        ],
      },
    });
    const overBudget = await allocateAwards({
      candidates: [
        proposal('y1', 1, 50_00, { category: 'youth' }),
        proposal('c1', 2, 80_00, { category: 'culture' }),
      ],
      budgetFen: 100_00,
      tiers: anyTier,
      categoryQuotas: [
        { category: 'youth', minCount: 1 },
        { category: 'culture', minCount: 1 },
      ],
    });
    expect(overBudget).toMatchObject({
      status: 'infeasible',
      explanation: { reasons: ['minimums_exceed_budget'], cheapestMinimumsFen: 130_00 },
    });
  });

  it('counts a tier place only if the tier’s money can fill it', async () => {
    const result = await allocateAwards({
      candidates: [
        proposal('a', 1, 30_00, { category: 'youth' }),
        proposal('b', 2, 30_00, { category: 'culture' }),
        proposal('c', 3, 30_00, { category: 'culture' }),
      ],
      budgetFen: 100_00,
      tiers: [{ id: 'key', minScore: 80, maxCount: 5, maxAmountFen: 50_00 }],
      categoryQuotas: [
        { category: 'youth', minCount: 1 },
        { category: 'culture', minCount: 1 },
      ],
    });
    expect(result).toMatchObject({
      status: 'infeasible',
      explanation: {
        reasons: ['minimums_exceed_tier_places'],
        minimumAwards: 2,
        tierPlaces: 5,
        cheapestMinimumsFen: 60_00,
      },
    });
  });

  it('rejects malformed rounds before allocating', async () => {
    const base: AllocationInput = {
      candidates: [proposal('a', 1, 10_00)],
      budgetFen: 100_00,
      tiers: anyTier,
    };
    await expect(allocateAwards({ ...base, budgetFen: 10.5 })).rejects.toThrow(AllocationInputError);
    await expect(
      allocateAwards({ ...base, candidates: [proposal('a', 1, 10_00), proposal('b', 1, 10_00)] }),
    ).rejects.toThrow(/rank/);
    await expect(allocateAwards({ ...base, tiers: [] })).rejects.toThrow(/tier/);
    await expect(
      allocateAwards({ ...base, categoryQuotas: [{ category: 'elderly', minCount: 3, maxCount: 2 }] }),
    ).rejects.toThrow(/minCount/);
    await expect(allocateAwards({ ...base, partialFunding: { minimumPercent: 0 } })).rejects.toThrow(
      /percentage/,
    );
  });
});
