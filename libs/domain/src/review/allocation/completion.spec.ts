import { loadAllocationSolver, prepareAllocationSolver } from './allocate-awards';
import {
  type CompletionItem,
  type CompletionProblem,
  carryOverPlan,
  evaluatePlan,
  fixedTierBound,
  rememberPlan,
} from './completion';
import { warmUpSolver } from './completion-mip';

const item = (
  position: number,
  category: number,
  floorFen: number,
  tiers: number[] = [0, 1],
): CompletionItem => ({
  position,
  floorFen,
  tierFloorFen: [floorFen, floorFen],
  category,
  tiers,
});

function problem(items: CompletionItem[], need: number[], position: number): CompletionProblem {
  return {
    items,
    need,
    categoryCountRoom: need.map(() => Infinity),
    categoryAmountRoom: need.map(() => Infinity),
    tierCountRoom: [2, 3],
    tierAmountRoom: [500, Infinity],
    budgetRoom: 10_000,
    position,
  };
}

describe('carryOverPlan', () => {
  const earlier = problem(
    [item(3, 0, 100), item(4, 0, 200, [1]), item(5, 1, 300), item(6, 1, 50, [1])],
    [2, 2],
    2,
  );
  const remembered = rememberPlan(earlier, [
    { item: 0, tier: 0 },
    { item: 1, tier: 1 },
    { item: 2, tier: 0 },
    { item: 3, tier: 1 },
  ]);

  it('keeps the picks still open, under their new indices', () => {
    const later = problem(
      [item(4, 0, 200, [1]), item(5, 1, 300), item(6, 1, 50, [1]), item(3, 0, 100)],
      [2, 2],
      2,
    );
    const plan = carryOverPlan(later, remembered);
    expect(plan).toEqual(
      expect.arrayContaining([
        { item: 3, tier: 0 },
        { item: 0, tier: 1 },
      ]),
    );
    expect(plan && evaluatePlan(later, plan)).toBe(0);
  });

  it('drops a decided pick and fills its category with the cheapest unused proposal', () => {
    // Position 3 was decided (not funded): category 0 still needs two, and 7 is the cheapest left.
    const later = problem(
      [item(4, 0, 200, [1]), item(5, 1, 300), item(6, 1, 50, [1]), item(7, 0, 120), item(8, 0, 90)],
      [2, 2],
      3,
    );
    const plan = carryOverPlan(later, remembered)!;
    const picked = plan.map((pick) => later.items[pick.item].position).sort();
    expect(picked).toEqual([4, 5, 6, 8]);
  });

  it('drops the dearest surplus pick when a category needs fewer', () => {
    const later = problem([item(4, 0, 200, [1]), item(5, 1, 300), item(6, 1, 50, [1])], [1, 1], 3);
    const plan = carryOverPlan(later, remembered)!;
    expect(plan.map((pick) => later.items[pick.item].position).sort()).toEqual([4, 6]);
  });

  it('replaces a proposal that left the pool by one of its group that is no dearer, else fills from the rest', () => {
    const cheaper = problem(
      [item(3, 0, 100), item(9, 0, 150, [1]), item(5, 1, 300), item(6, 1, 50, [1])],
      [2, 2],
      2,
    );
    const plan = carryOverPlan(cheaper, remembered)!;
    expect(plan.map((pick) => cheaper.items[pick.item].position).sort()).toEqual([3, 5, 6, 9]);
    expect(plan).toContainEqual({ item: 1, tier: 1 });
    // Position 4 (200) left the pool and the one of its group left costs more: the category is filled from
    // what is left, in that proposal's cheapest tier.
    const dearer = problem(
      [item(3, 0, 100), item(9, 0, 250, [1]), item(5, 1, 300), item(6, 1, 50, [1])],
      [2, 2],
      2,
    );
    const filled = carryOverPlan(dearer, remembered)!;
    expect(filled.map((pick) => dearer.items[pick.item].position).sort()).toEqual([3, 5, 6, 9]);
  });

  it('moves picks out of a full tier and swaps dear picks for cheaper ones when a tier’s money is short', () => {
    // The shortlist has one place and the key tier 160: the remembered shortlist picks 4 and 6 cannot both
    // stay, and 5 (300) in the key tier is too dear, so 7 (120) of its category takes its place.
    const later: CompletionProblem = {
      ...problem(
        [item(3, 0, 100), item(4, 0, 200, [1]), item(5, 1, 300), item(6, 1, 50), item(7, 1, 120)],
        [2, 2],
        2,
      ),
      tierCountRoom: [3, 1],
      tierAmountRoom: [300, Infinity],
    };
    const plan = carryOverPlan(later, remembered)!;
    expect(evaluatePlan(later, plan)).toBe(0);
    expect(plan.map((pick) => [later.items[pick.item].position, pick.tier]).sort()).toEqual([
      [3, 0],
      [4, 1],
      [6, 0],
      [7, 0],
    ]);
  });
});

describe('fixedTierBound', () => {
  // Three proposals needed, the shortlist (tier 1) has room for one: two must go to the key tier (tier 0), and
  // the cheapest two that can are 100 and 150 (the 50 one qualifies for the shortlist only).
  const items = [item(1, 0, 300), item(2, 0, 150), item(3, 1, 100), item(4, 1, 50, [1])];
  const base: CompletionProblem = {
    ...problem(items, [2, 1], 0),
    tierCountRoom: [5, 1],
    tierAmountRoom: [1_000, Infinity],
    fixed: { category: 1, tier: 0, minFen: 100, maxFen: 900 },
  };

  it('bounds the fixed award by its tier’s money less the least the completion must put there', () => {
    expect(fixedTierBound(base)).toBe(1_000 - 250);
    // A plan that reaches the bound (the 300 one in the shortlist, 150 and 100 in the key tier): it is tight.
    const plan = [
      { item: 0, tier: 1 },
      { item: 1, tier: 0 },
      { item: 2, tier: 0 },
    ];
    expect(evaluatePlan(base, plan)).toBe(1_000 - 250);
  });

  it('is no bound when the tier’s money is unlimited, and null when the places cannot hold the need', () => {
    expect(fixedTierBound({ ...base, tierAmountRoom: [Infinity, Infinity] })).toBe(Infinity);
    expect(fixedTierBound({ ...base, tierCountRoom: [1, 1] })).toBeNull();
  });
});

describe('allocation solver', () => {
  it('is loaded once per process and warmed up once', async () => {
    const prepared = await prepareAllocationSolver();
    expect(prepared).toBe(await loadAllocationSolver());
    expect(await prepareAllocationSolver()).toBe(prepared);
    expect(warmUpSolver(prepared, 3)).toBe(3);
  });
});
