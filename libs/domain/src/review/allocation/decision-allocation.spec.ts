import type { AwardTier } from '../../templates/stages';
import { allocateAwards } from './allocate-awards';
import {
  type DecisionCase,
  type DecisionRound,
  decisionAllocationInput,
  decisionOutcomes,
  declineReasonText,
  infeasibilityMessage,
  rankDecisionCases,
  withoutCategoryMinimums,
} from './decision-allocation';

const KEY: AwardTier = {
  key: 'key_funding',
  name: { zh: '重点资助', en: 'Key funding' },
  maxAwardFen: 5_000_000,
};
const SHORTLIST: AwardTier = {
  key: 'shortlist',
  name: { zh: '入围', en: 'Shortlisted' },
  maxAwardFen: 2_000_000,
};

const entry = (
  id: string,
  score: number | null,
  requestedFen: number,
  category = 'elderly',
): DecisionCase => ({
  id,
  score,
  requestedFen,
  category,
});

// The grant lifecycle's decision: ¥150,000, key (≤ ¥50,000, 30 % of 8 → 3 places) and shortlist (≤ ¥20,000),
// partial funding down to 50 %.
const lifecycleRound: DecisionRound = {
  tiers: [KEY, SHORTLIST],
  budgetFen: 15_000_000,
  partialFunding: { allowed: true, floorPercent: 50 },
  cases: [
    entry('A13', 70, 2_500_000),
    entry('A2', 95, 3_020_000),
    entry('A10', 85, 2_800_000),
    entry('A6', 92, 3_060_000),
    entry('A14', 65, 2_400_000),
    entry('A9', 90, 3_090_000),
    entry('A12', 75, 2_600_000),
    entry('A11', 80, 2_700_000),
  ],
};

describe('decision allocation mapping', () => {
  it('ranks by score, then lower request, then id, with no score as 0', () => {
    const ranked = rankDecisionCases([
      entry('b', 80, 100),
      entry('a', 80, 100),
      entry('c', 80, 50),
      entry('d', null, 10),
      entry('e', 90, 500),
    ]);
    expect(ranked.map((item) => [item.id, item.rank])).toEqual([
      ['e', 1],
      ['c', 2],
      ['a', 3],
      ['b', 4],
      ['d', 5],
    ]);
  });

  it('maps tiers, the top tier’s default 30 %, per-award caps, minimum scores, floor and quotas', () => {
    const { input } = decisionAllocationInput({
      ...lifecycleRound,
      tiers: [KEY, { ...SHORTLIST, minScore: 60, maxAwards: 4 }],
      partialFunding: { allowed: true, floorPercent: 33.3 },
      categoryQuotas: [{ category: 'youth', minCount: 1, maxAmountFen: 4_000_000 }],
    });
    expect(input.tiers).toEqual([
      { id: 'key_funding', minScore: 0, maxCount: 3, maxAwardFen: 5_000_000 },
      { id: 'shortlist', minScore: 60, maxCount: 4, maxAwardFen: 2_000_000 },
    ]);
    expect(input.partialFunding).toEqual({ minimumPercent: 34 });
    expect(input.categoryQuotas).toEqual([{ category: 'youth', minCount: 1, maxAmountFen: 4_000_000 }]);
    expect(input.candidates[0]).toEqual({
      id: 'A2',
      category: 'elderly',
      requestedFen: 3_020_000,
      score: 95,
      rank: 1,
    });
    const single = decisionAllocationInput({
      ...lifecycleRound,
      tiers: [KEY],
      partialFunding: { allowed: false },
    }).input;
    expect(single.tiers[0].maxCount).toBeUndefined();
    expect(single.partialFunding).toBeUndefined();
  });

  it('proposes without the category minimums when no allocation can meet them, keeping the maximums', async () => {
    const round: DecisionRound = {
      ...lifecycleRound,
      categoryQuotas: [
        // Only one food-safety proposal exists: a minimum of two cannot be met by any allocation.
        { category: 'food_safety', minCount: 2 },
        { category: 'elderly', maxCount: 1 },
      ],
      cases: lifecycleRound.cases.map((c, index) => ({
        ...c,
        category: index === 0 ? 'food_safety' : 'elderly',
      })),
    };
    const { input } = decisionAllocationInput(round);
    const strict = await allocateAwards(input);
    expect(strict.status).toBe('infeasible');
    const relaxed = await allocateAwards(withoutCategoryMinimums(input));
    if (relaxed.status !== 'allocated') throw new Error('expected an allocation without the minimums');
    const byCategory = Object.fromEntries(relaxed.categoryTotals.map((total) => [total.key, total.count]));
    expect(byCategory).toMatchObject({ food_safety: 1, elderly: 1 });
    expect(withoutCategoryMinimums(input).categoryQuotas).toEqual([
      { category: 'food_safety' },
      { category: 'elderly', maxCount: 1 },
    ]);
  });

  it('reproduces the grant lifecycle’s awards, partial award and reserve list', async () => {
    const { input, ranked } = decisionAllocationInput(lifecycleRound);
    const result = await allocateAwards(input);
    if (result.status !== 'allocated') throw new Error('expected an allocation');
    const outcomes = decisionOutcomes(lifecycleRound, ranked, result);
    expect(
      outcomes.map((outcome) =>
        outcome.outcome === 'awarded'
          ? [outcome.applicationId, outcome.tier.key, outcome.amountFen, outcome.partial]
          : [outcome.applicationId, outcome.reason, outcome.reservePosition],
      ),
    ).toEqual([
      ['A2', 'key_funding', 3_020_000, false],
      ['A6', 'key_funding', 3_060_000, false],
      ['A9', 'key_funding', 3_090_000, false],
      ['A10', 'shortlist', 2_000_000, false],
      ['A11', 'shortlist', 2_000_000, false],
      ['A12', 'shortlist', 1_830_000, true],
      ['A13', 'budget', 1],
      ['A14', 'budget', 2],
    ]);
    expect(result.unspentFen).toBe(0);
  });

  it('names each decline reason in Chinese and English', () => {
    expect(declineReasonText('budget', 1)).toBe(
      '预算不足，列入备选名单第 1 位 / budget exhausted, reserve list #1',
    );
    expect(declineReasonText('rank', 2)).toBe(
      '资助名额已满，列入备选名单第 2 位 / no places left, reserve list #2',
    );
    expect(declineReasonText('quota', 3)).toContain('reserve list #3');
    expect(declineReasonText('below_threshold')).not.toContain('reserve');
  });

  it('states the figures when category minimums cannot be met', async () => {
    const round: DecisionRound = {
      ...lifecycleRound,
      categoryQuotas: [{ category: 'youth', minCount: 1 }],
    };
    const result = await allocateAwards(decisionAllocationInput(round).input);
    if (result.status !== 'infeasible') throw new Error('expected infeasible');
    expect(infeasibilityMessage(result.explanation)).toContain('too_few_eligible_candidates');
    expect(infeasibilityMessage(result.explanation)).toContain('youth: min 1, eligible 0');
  });
});
