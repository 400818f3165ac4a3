// Look-ahead for category minimums. When the allocation decides a proposal, it must know whether the
// proposals ranked below can still meet every category's minimum count within what is left (money, places,
// category and tier limits). That "completion" question is a small integer program; this file holds its
// data, the exact integer check of a proposed plan and the cheap exact bounds. The HiGHS model is in
// completion-mip.ts.

import { NetworkSimplex } from '../assignment/network-simplex';

/** A lower-ranked proposal that could help meet a category minimum, at its smallest possible award. */
export interface CompletionItem {
  /** The proposal's position in rank order: names it across the questions of one allocation run. */
  readonly position: number;
  /** Smallest award in any of its tiers. */
  readonly floorFen: number;
  /** Per tier index: smallest award in that tier (tiers' per-award caps can lower it); read for its tiers only. */
  readonly tierFloorFen: readonly number[];
  readonly category: number;
  /** Tiers it qualifies for (indices). */
  readonly tiers: readonly number[];
}

/** The proposal being decided: its category, tier and the range its award may take. */
export interface FixedAward {
  readonly category: number;
  readonly tier: number;
  readonly minFen: number;
  readonly maxFen: number;
}

/** Can the remaining proposals meet every minimum, and how large may the fixed award then be? (internal) */
export interface CompletionProblem {
  readonly items: readonly CompletionItem[];
  /** Per category: items still needed to reach its minimum (after the fixed award). */
  readonly need: readonly number[];
  /** Per category: further awards allowed (after the fixed award); Infinity when unlimited. */
  readonly categoryCountRoom: readonly number[];
  /** Per category: money left before the fixed award; Infinity when unlimited. */
  readonly categoryAmountRoom: readonly number[];
  /** Per tier: places left after the fixed award. */
  readonly tierCountRoom: readonly number[];
  /** Per tier: money left before the fixed award. */
  readonly tierAmountRoom: readonly number[];
  readonly budgetRoom: number;
  readonly fixed?: FixedAward;
  /** Position of the proposal being decided (-1 before the first): the items are the ones ranked below it. */
  readonly position: number;
}

/** Items chosen to meet the minimums, each in one tier. */
export interface CompletionPick {
  readonly item: number;
  readonly tier: number;
}

/**
 * Exact check of a plan in integers. Returns the largest fixed award the plan leaves room for (0 without a
 * fixed award), or null when the plan breaks a limit, misses a minimum or leaves less than the floor.
 */
export function evaluatePlan(problem: CompletionProblem, picks: readonly CompletionPick[]): number | null {
  const categories = problem.need.length;
  const count = new Array<number>(categories).fill(0);
  const categoryAmount = new Array<number>(categories).fill(0);
  const tierCount = new Array<number>(problem.tierCountRoom.length).fill(0);
  const tierAmount = new Array<number>(problem.tierCountRoom.length).fill(0);
  const used = new Set<number>();
  let total = 0;
  for (const { item, tier } of picks) {
    const candidate = problem.items[item];
    if (used.has(item) || !candidate.tiers.includes(tier)) return null;
    used.add(item);
    const floor = candidate.tierFloorFen[tier];
    count[candidate.category]++;
    categoryAmount[candidate.category] += floor;
    tierCount[tier]++;
    tierAmount[tier] += floor;
    total += floor;
  }
  for (let c = 0; c < categories; c++) {
    if (count[c] < problem.need[c] || count[c] > problem.categoryCountRoom[c]) return null;
    if (categoryAmount[c] > problem.categoryAmountRoom[c]) return null;
  }
  for (let t = 0; t < tierCount.length; t++) {
    if (tierCount[t] > problem.tierCountRoom[t] || tierAmount[t] > problem.tierAmountRoom[t]) return null;
  }
  if (total > problem.budgetRoom) return null;
  const fixed = problem.fixed;
  if (!fixed) return 0;
  const room = Math.min(
    fixed.maxFen,
    problem.budgetRoom - total,
    problem.tierAmountRoom[fixed.tier] - tierAmount[fixed.tier],
    problem.categoryAmountRoom[fixed.category] - categoryAmount[fixed.category],
  );
  return room >= fixed.minFen ? room : null;
}

/** Items of each category, cheapest first (ties by position, i.e. by rank). */
function cheapestByCategory(problem: CompletionProblem): number[][] {
  const byCategory: number[][] = problem.need.map(() => []);
  problem.items.forEach((item, index) => byCategory[item.category].push(index));
  for (const list of byCategory)
    list.sort((a, b) => problem.items[a].floorFen - problem.items[b].floorFen || a - b);
  return byCategory;
}

/** Most picks a tier can take: its places, and no more of the cheapest eligible items than its money covers
(after the fixed award's floor when the fixed award sits in it). */
export function usablePlaces(problem: CompletionProblem, tier: number): number {
  let money = problem.tierAmountRoom[tier] - (problem.fixed?.tier === tier ? problem.fixed.minFen : 0);
  const floors = problem.items
    .filter((item) => item.tiers.includes(tier))
    .map((item) => item.tierFloorFen[tier])
    .sort((a, b) => a - b);
  let affordable = 0;
  for (const floor of floors) {
    if (floor > money) break;
    money -= floor;
    affordable++;
  }
  return Math.min(problem.tierCountRoom[tier], affordable);
}

/**
 * Hall-type count check over tiers: for any set E of tiers, the picks that qualify only for tiers in E must
 * fit in E's usable places, and the rest can take at most the usable places outside E. Checked for E = all
 * tiers and each item's set of eligible tiers (nested by score, so these are the binding ones).
 */
export function enoughPlaces(problem: CompletionProblem): boolean {
  const totalNeed = problem.need.reduce((sum, need) => sum + need, 0);
  const places = problem.tierCountRoom.map((_, tier) => usablePlaces(problem, tier));
  const allTiers = places.map((_, tier) => tier);
  const sets = [
    allTiers,
    ...new Map(problem.items.map((item) => [item.tiers.join(','), item.tiers])).values(),
  ];
  for (const inside of sets) {
    let placesInside = 0;
    let placesOutside = 0;
    places.forEach((room, tier) => {
      if (inside.includes(tier)) placesInside += room;
      else placesOutside += room;
    });
    const canGoOutside = problem.need.map(() => 0);
    for (const item of problem.items) {
      if (item.tiers.some((tier) => !inside.includes(tier))) canGoOutside[item.category]++;
    }
    const outside = Math.min(
      placesOutside,
      problem.need.reduce((sum, need, category) => sum + Math.min(need, canGoOutside[category]), 0),
    );
    if (totalNeed > placesInside + outside) return false;
  }
  return true;
}

/**
 * Exact upper bound on the fixed award (or 0 without one) from relaxations: every completion pays at least
 * the cheapest `need` floors of each category (each item at its cheapest tier). Null when even that is impossible.
 */
export function relaxedBound(problem: CompletionProblem): number | null {
  const byCategory = cheapestByCategory(problem);
  let total = 0;
  const categoryCost: number[] = [];
  for (let c = 0; c < problem.need.length; c++) {
    if (byCategory[c].length < problem.need[c] || problem.need[c] > problem.categoryCountRoom[c]) return null;
    let cost = 0;
    for (let i = 0; i < problem.need[c]; i++) cost += problem.items[byCategory[c][i]].floorFen;
    if (cost > problem.categoryAmountRoom[c]) return null;
    categoryCost.push(cost);
    total += cost;
  }
  if (total > problem.budgetRoom || !enoughPlaces(problem)) return null;
  const fixed = problem.fixed;
  if (!fixed) return 0;
  const room = Math.min(
    fixed.maxFen,
    problem.budgetRoom - total,
    problem.categoryAmountRoom[fixed.category] - categoryCost[fixed.category],
  );
  return room >= fixed.minFen ? room : null;
}

/** How a quick plan chooses among an item's eligible tiers that still have room. */
export type TierPreference = 'most_slack' | 'most_money' | 'lowest_priority';

// Swaps one chosen item that qualifies only for tiers in `inside` for the unused item of the same category
// that also qualifies elsewhere and costs least extra. False when there is no such swap.
function swapOutOf(
  problem: CompletionProblem,
  byCategory: readonly number[][],
  chosen: Set<number>,
  inside: readonly number[],
): boolean {
  const confined = (index: number) => problem.items[index].tiers.every((tier) => inside.includes(tier));
  let best: { out: number; in: number; extra: number } | undefined;
  for (const out of chosen) {
    if (!confined(out)) continue;
    const replacement = byCategory[problem.items[out].category].find(
      (index) => !chosen.has(index) && !confined(index),
    );
    if (replacement === undefined) continue;
    const extra = problem.items[replacement].floorFen - problem.items[out].floorFen;
    if (!best || extra < best.extra) best = { out, in: replacement, extra };
  }
  if (!best) return false;
  chosen.delete(best.out);
  chosen.add(best.in);
  return true;
}

// The cheapest `need` items of each category, then repaired for tier places: while the items that qualify
// only for some set E of tiers outnumber E's usable places, swap one for a dearer item that qualifies
// elsewhere. Null when no swap can repair it (the MIP decides then).
function choosePicks(problem: CompletionProblem, byCategory: readonly number[][]): Set<number> | null {
  const chosen = new Set<number>();
  for (let c = 0; c < problem.need.length; c++) {
    for (let i = 0; i < problem.need[c] && i < byCategory[c].length; i++) chosen.add(byCategory[c][i]);
  }
  const sets = [...new Map(problem.items.map((item) => [item.tiers.join(','), item.tiers])).values()].sort(
    (a, b) => a.length - b.length,
  );
  const usable = problem.tierCountRoom.map((_, tier) => usablePlaces(problem, tier));
  for (const inside of sets) {
    const places = inside.reduce((sum, tier) => sum + usable[tier], 0);
    const confined = [...chosen].filter((index) =>
      problem.items[index].tiers.every((tier) => inside.includes(tier)),
    );
    for (let excess = confined.length - places; excess > 0; excess--) {
      if (!swapOutOf(problem, byCategory, chosen, inside)) return null;
    }
  }
  return chosen;
}

// Places the chosen items, fewest eligible tiers first so the least flexible choose first, each in a tier with
// room chosen by `preference` and away from the fixed award's tier where possible. Null when an item finds
// no room (a heuristic: the MIP may still find a plan).
function placePicks(
  problem: CompletionProblem,
  chosen: readonly number[],
  preference: TierPreference,
): CompletionPick[] | null {
  const tierCount = [...problem.tierCountRoom];
  const tierAmount = [...problem.tierAmountRoom];
  const fixedTier = problem.fixed?.tier ?? -1;
  if (problem.fixed) tierAmount[fixedTier] -= problem.fixed.minFen;
  // Dearest first among equally flexible items, so the cheap ones are left for the last places, which are
  // often in the fixed award's tier.
  const order = [...chosen].sort(
    (a, b) =>
      problem.items[a].tiers.length - problem.items[b].tiers.length ||
      problem.items[b].floorFen - problem.items[a].floorFen ||
      a - b,
  );
  // Items not yet placed that could use each tier: a tier's slack is its places minus that demand.
  const demand = tierCount.map(
    (_, tier) => order.filter((index) => problem.items[index].tiers.includes(tier)).length,
  );
  const secondary = (tier: number) => {
    if (preference === 'most_slack') return tierCount[tier] - demand[tier];
    return preference === 'most_money' ? tierAmount[tier] : tier;
  };
  const picks: CompletionPick[] = [];
  for (const index of order) {
    const item = problem.items[index];
    let tier = -1;
    for (const option of item.tiers) {
      if (tierCount[option] <= 0 || tierAmount[option] < item.tierFloorFen[option]) continue;
      const avoidsFixed = option === fixedTier ? 0 : 1;
      const bestAvoidsFixed = tier === fixedTier ? 0 : 1;
      if (
        tier < 0 ||
        avoidsFixed > bestAvoidsFixed ||
        (avoidsFixed === bestAvoidsFixed && secondary(option) >= secondary(tier))
      ) {
        tier = option;
      }
    }
    if (tier < 0) return null;
    for (const option of item.tiers) demand[option]--;
    tierCount[tier]--;
    tierAmount[tier] -= item.tierFloorFen[tier];
    picks.push({ item: index, tier });
  }
  return picks;
}

/**
 * A quick plan: the cheapest items per category, repaired for tier places, then placed by `preference`.
 * Often valid; when it is, and it reaches the relaxed bound, no solver is needed.
 */
export function greedyPlan(problem: CompletionProblem, preference: TierPreference): CompletionPick[] | null {
  const chosen = choosePicks(problem, cheapestByCategory(problem));
  return chosen && placePicks(problem, [...chosen], preference);
}

/** A pick of an earlier question's plan, kept with its item so that a later question can reuse it. */
export interface RememberedPick {
  readonly item: CompletionItem;
  readonly tier: number;
}

/** Keeps a plan with its items, so it stays meaningful after the item list of the next question changes. */
export function rememberPlan(problem: CompletionProblem, picks: readonly CompletionPick[]): RememberedPick[] {
  return picks.map(({ item, tier }) => ({ item: problem.items[item], tier }));
}

/**
 * An earlier question's plan carried over to this one (a warm start): consecutive decisions differ by one
 * proposal, so the plan that answered the last question is usually close to one that answers this. Picks of
 * proposals now decided are dropped; a proposal that left the look-ahead pool is replaced by an unused one of
 * the same category and tiers whose floor in that tier is no higher; surplus picks of a category (the dearest)
 * are dropped and missing ones filled with its cheapest unused items. Null when that fails. Only a candidate:
 * the caller verifies it with evaluatePlan, so a poor carry-over costs a solve, never a wrong answer.
 */
export function carryOverPlan(
  problem: CompletionProblem,
  remembered: readonly RememberedPick[],
): CompletionPick[] | null {
  const indexOf = new Map(problem.items.map((item, index) => [item.position, index]));
  const used = new Set<number>();
  const picks: CompletionPick[] = [];
  const sameGroup = (left: CompletionItem, right: CompletionItem) =>
    left.category === right.category && left.tiers.join(',') === right.tiers.join(',');
  const missing: RememberedPick[] = [];
  for (const pick of remembered) {
    const index = indexOf.get(pick.item.position);
    if (index !== undefined) {
      used.add(index);
      picks.push({ item: index, tier: pick.tier });
    } else if (pick.item.position > problem.position) {
      // Still open but out of this question's pool; a pick at or above the current position is decided.
      missing.push(pick);
    }
  }
  for (const { item, tier } of missing) {
    let substitute = -1;
    problem.items.forEach((candidate, at) => {
      if (used.has(at) || !sameGroup(candidate, item)) return;
      if (candidate.tierFloorFen[tier] > item.tierFloorFen[tier]) return;
      if (substitute < 0 || candidate.tierFloorFen[tier] < problem.items[substitute].tierFloorFen[tier])
        substitute = at;
    });
    // None: the category needs fewer now (its pool shrank with its need), or the fill below takes over.
    if (substitute < 0) continue;
    used.add(substitute);
    picks.push({ item: substitute, tier });
  }
  const result: CompletionPick[] = [];
  for (let category = 0; category < problem.need.length; category++) {
    const own = picks
      .filter((pick) => problem.items[pick.item].category === category)
      .sort(
        (a, b) =>
          problem.items[a.item].tierFloorFen[a.tier] - problem.items[b.item].tierFloorFen[b.tier] ||
          a.item - b.item,
      );
    const kept = own.slice(0, problem.need[category]);
    if (kept.length < problem.need[category]) {
      const spare = problem.items
        .map((item, index) => ({ item, index }))
        .filter(({ item, index }) => item.category === category && !used.has(index))
        .sort((a, b) => a.item.floorFen - b.item.floorFen || a.index - b.index);
      for (const { item, index } of spare.slice(0, problem.need[category] - kept.length)) {
        // Its cheapest tier; evaluatePlan will say whether that tier still has room.
        const tier = item.tiers.reduce((best, option) =>
          item.tierFloorFen[option] < item.tierFloorFen[best] ? option : best,
        );
        used.add(index);
        kept.push({ item: index, tier });
      }
      if (kept.length < problem.need[category]) return null;
    }
    result.push(...kept);
  }
  relieveFullTiers(problem, result);
  relieveTierMoney(problem, result);
  return result;
}

// While a tier's picks cost more than its money, swap the pick whose replacement saves most for an unused
// proposal of the same category that qualifies for the tier at a lower floor. Stops when no swap helps.
function relieveTierMoney(problem: CompletionProblem, picks: CompletionPick[]): void {
  const used = new Set(picks.map((pick) => pick.item));
  for (let tier = 0; tier < problem.tierAmountRoom.length; tier++) {
    const room = problem.tierAmountRoom[tier] - (problem.fixed?.tier === tier ? problem.fixed.minFen : 0);
    let spent = picks.reduce(
      (sum, pick) => (pick.tier === tier ? sum + problem.items[pick.item].tierFloorFen[tier] : sum),
      0,
    );
    while (spent > room) {
      let swap: { at: number; item: number; saving: number } | undefined;
      picks.forEach((pick, at) => {
        if (pick.tier !== tier) return;
        const current = problem.items[pick.item];
        problem.items.forEach((candidate, index) => {
          if (used.has(index) || candidate.category !== current.category || !candidate.tiers.includes(tier))
            return;
          const saving = current.tierFloorFen[tier] - candidate.tierFloorFen[tier];
          if (saving > 0 && (!swap || saving > swap.saving)) swap = { at, item: index, saving };
        });
      });
      if (!swap) return;
      const { at, item, saving } = swap;
      used.delete(picks[at].item);
      used.add(item);
      picks[at] = { item, tier };
      spent -= saving;
    }
  }
}

// The fixed award may take a place the carried-over plan used: while a tier holds more picks than it has
// places, move the pick that is cheapest to move to another of its tiers with a place free (money is left to
// evaluatePlan). Stops when no move helps.
function relieveFullTiers(problem: CompletionProblem, picks: CompletionPick[]): void {
  const count = problem.tierCountRoom.map(() => 0);
  for (const pick of picks) count[pick.tier]++;
  for (let tier = 0; tier < count.length; tier++) {
    while (count[tier] > problem.tierCountRoom[tier]) {
      let move: { at: number; to: number; floor: number } | undefined;
      picks.forEach((pick, at) => {
        if (pick.tier !== tier) return;
        const item = problem.items[pick.item];
        for (const to of item.tiers) {
          if (to === tier || count[to] >= problem.tierCountRoom[to]) continue;
          if (!move || item.tierFloorFen[to] < move.floor) move = { at, to, floor: item.tierFloorFen[to] };
        }
      });
      if (!move) return;
      const { at, to } = move;
      count[tier]--;
      count[to]++;
      picks[at] = { item: picks[at].item, tier: to };
    }
  }
}

/**
 * Exact upper bound on the fixed award from the money its own tier must give to the completion: a plan needs
 * `need` proposals of each category, each in a tier it qualifies for, no tier holding more than its usable
 * places, and whatever it puts in the fixed award's tier is paid from that tier's money. The least a plan can
 * put there is a min-cost flow (source → category, `need` each → proposal, at most 1 → tier, cost its floor
 * in the fixed tier and 0 elsewhere → sink, at most the usable places), solved exactly by the network simplex
 * (integral by total unimodularity). Every real plan is such a flow once its surplus picks are dropped (which
 * only frees money), and it meets more limits than the flow, so the tier's money minus that least amount bounds
 * the fixed award from above. Infinity without a fixed award or when its tier's money is unlimited; null when
 * no flow exists (then no plan does).
 */
export function fixedTierBound(problem: CompletionProblem): number | null {
  const fixed = problem.fixed;
  if (!fixed || problem.tierAmountRoom[fixed.tier] === Infinity) return Infinity;
  const categories = problem.need.length;
  const tiers = problem.tierCountRoom.length;
  const totalNeed = problem.need.reduce((sum, need) => sum + need, 0);
  // Nodes: 0 source, 1..categories, then items, then tiers, then the sink.
  const itemBase = 1 + categories;
  const tierBase = itemBase + problem.items.length;
  const sink = tierBase + tiers;
  const supplies = new Array<number>(sink + 1).fill(0);
  supplies[0] = totalNeed;
  supplies[sink] = -totalNeed;
  const maxFloor = problem.items.reduce((most, item) => Math.max(most, ...item.tierFloorFen), 0);
  const flow = new NetworkSimplex(supplies, { costBound: maxFloor, expectedArcs: 4 * problem.items.length });
  problem.need.forEach((need, category) => {
    if (need > 0) flow.addArc(0, 1 + category, need, need, 0);
  });
  const costly: { arc: number; floor: number }[] = [];
  problem.items.forEach((item, index) => {
    if (problem.need[item.category] === 0) return;
    flow.addArc(1 + item.category, itemBase + index, 0, 1, 0);
    for (const tier of item.tiers) {
      const floor = tier === fixed.tier ? item.tierFloorFen[tier] : 0;
      const arc = flow.addArc(itemBase + index, tierBase + tier, 0, 1, floor);
      if (floor > 0) costly.push({ arc, floor });
    }
  });
  for (let tier = 0; tier < tiers; tier++) {
    const places = usablePlaces(problem, tier);
    if (places > 0) flow.addArc(tierBase + tier, sink, 0, Math.min(places, totalNeed), 0);
  }
  if (flow.solve() === 'infeasible') return null;
  const least = costly.reduce((sum, { arc, floor }) => sum + flow.flowOn(arc) * floor, 0);
  return problem.tierAmountRoom[fixed.tier] - least;
}
