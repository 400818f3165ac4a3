import type { Highs } from 'highs';
import {
  type CompletionItem,
  type CompletionPick,
  type CompletionProblem,
  type RememberedPick,
  type TierPreference,
  carryOverPlan,
  evaluatePlan,
  fixedTierBound,
  greedyPlan,
  rememberPlan,
  relaxedBound,
} from './completion';

// Solver settings for the look-ahead MIPs. Gaps are zero because the answer must be the optimum, not a
// near one; tight tolerances keep binaries at 0/1 to 1e-9 so that fen amounts read back exactly. HiGHS's
// feasibility-jump heuristic costs ~10-25 ms per call even on these tiny models and finds nothing the
// branch-and-bound would not, so it is off. Presolve is off too: on these models (~150 rows, ~200 binaries,
// nothing to fix or merge) it halved no search and cost half of each solve (warm: 14 → 8 ms a solve), and
// its code is a large share of the WebAssembly V8 must compile on a process's first solves (1,000-candidate
// quota-heavy bench, first run: 1.9–3.4 s → 0.7–1.0 s). Presolve only transforms the model; the optimum and
// the infeasibility proofs are the same without it.
const MIP_OPTIONS = {
  output_flag: false,
  mip_rel_gap: 0,
  mip_abs_gap: 0,
  mip_feasibility_tolerance: 1e-9,
  primal_feasibility_tolerance: 1e-9,
  mip_heuristic_run_feasibility_jump: false,
  presolve: 'off',
} as const;

// Quick plans tried before calling the solver; each is verified exactly, so more variety only saves solves.
const TIER_PREFERENCES: readonly TierPreference[] = ['most_slack', 'most_money', 'lowest_priority'];

interface Row {
  readonly upper: number;
  readonly lower: number;
  readonly columns: number[];
  readonly values: number[];
}

/** Counters shared by the look-ahead questions of one allocation run. */
export interface CompletionStats {
  mipSolves: number;
  decidedWithoutSolver: number;
}

/** What one allocation run's look-ahead questions share: counters, and the plan that answered the last one. */
export interface CompletionMemory {
  readonly stats: CompletionStats;
  lastPlan?: readonly RememberedPick[];
}

/** A plan found by HiGHS and the optimum it reported (the fixed award, or 0). */
export interface CompletionSolution {
  readonly picks: readonly CompletionPick[];
  readonly reportedOptimum: number;
}

/**
 * Solves the completion MIP: pick items so every category minimum is met within all limits, maximising the
 * fixed award (which must be at least `atLeastFen`). Returns the plan, or null when HiGHS proves none exists.
 */
export function solveCompletionMip(
  highs: Highs,
  problem: CompletionProblem,
  atLeastFen?: number,
): CompletionSolution | null {
  const { items, fixed } = problem;
  const columnPicks: CompletionPick[] = [];
  const columnCost: number[] = [];
  const columnLower: number[] = [];
  const columnUpper: number[] = [];
  if (fixed) {
    columnPicks.push({ item: -1, tier: fixed.tier });
    columnCost.push(1);
    columnLower.push(Math.max(fixed.minFen, atLeastFen ?? fixed.minFen));
    columnUpper.push(fixed.maxFen);
    if (columnLower[0] > columnUpper[0]) return null;
  }
  items.forEach((item, index) => {
    for (const tier of item.tiers) {
      columnPicks.push({ item: index, tier });
      columnCost.push(0);
      columnLower.push(0);
      columnUpper.push(1);
    }
  });
  const fixedColumn = fixed ? 0 : -1;
  const rows: Row[] = [];
  const addRow = (lower: number, upper: number, select: (pick: CompletionPick, column: number) => number) => {
    if (upper === Infinity && lower <= 0) return;
    const columns: number[] = [];
    const values: number[] = [];
    columnPicks.forEach((pick, column) => {
      const value = select(pick, column);
      if (value !== 0) {
        columns.push(column);
        values.push(value);
      }
    });
    rows.push({ lower, upper, columns, values });
  };
  const floorOf = (pick: CompletionPick) => (pick.item >= 0 ? items[pick.item].tierFloorFen[pick.tier] : 0);
  const categoryOf = (pick: CompletionPick) => (pick.item >= 0 ? items[pick.item].category : -1);
  items.forEach((_, index) => addRow(-Infinity, 1, (pick) => (pick.item === index ? 1 : 0)));
  problem.need.forEach((need, category) => {
    addRow(need, problem.categoryCountRoom[category], (pick) => (categoryOf(pick) === category ? 1 : 0));
    addRow(-Infinity, problem.categoryAmountRoom[category], (pick, column) =>
      column === fixedColumn
        ? fixed?.category === category
          ? 1
          : 0
        : categoryOf(pick) === category
          ? floorOf(pick)
          : 0,
    );
  });
  problem.tierCountRoom.forEach((room, tier) => {
    addRow(-Infinity, room, (pick, column) => (column !== fixedColumn && pick.tier === tier ? 1 : 0));
    addRow(-Infinity, problem.tierAmountRoom[tier], (pick, column) =>
      column === fixedColumn ? (fixed?.tier === tier ? 1 : 0) : pick.tier === tier ? floorOf(pick) : 0,
    );
  });
  addRow(-Infinity, problem.budgetRoom, (pick, column) => (column === fixedColumn ? 1 : floorOf(pick)));

  if (columnPicks.length === 0)
    return evaluatePlan(problem, []) === null ? null : { picks: [], reportedOptimum: 0 };
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    indices.push(...row.columns);
    values.push(...row.values);
    starts.push(indices.length);
  }
  const finite = (bound: number) =>
    bound === Infinity ? highs.infinity : bound === -Infinity ? -highs.infinity : bound;
  const model = highs.createModel({
    numCols: columnPicks.length,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: columnCost,
    colLower: columnLower,
    colUpper: columnUpper,
    rowLower: rows.map((row) => finite(row.lower)),
    rowUpper: rows.map((row) => finite(row.upper)),
    matrix: { format: 'csr', numRows: rows.length, numCols: columnPicks.length, starts, indices, values },
    integrality: columnPicks.map(() => highs.constants.variableType.integer),
  });
  try {
    model.options.set(MIP_OPTIONS);
    const { modelStatus } = model.run();
    if (modelStatus === highs.constants.modelStatus.infeasible) return null;
    if (modelStatus !== highs.constants.modelStatus.optimal) {
      throw new Error(`allocation look-ahead: HiGHS stopped with model status ${modelStatus}`);
    }
    const solution = model.getSolution().colValue;
    const picks: CompletionPick[] = [];
    columnPicks.forEach((pick, column) => {
      if (pick.item >= 0 && solution[column] > 0.5) picks.push(pick);
    });
    return { picks, reportedOptimum: model.getObjectiveValue() };
  } finally {
    model.dispose();
  }
}

/**
 * Largest award the fixed proposal can get while the minimums stay reachable (0 when nothing is fixed), or
 * null when none. Exact: every answer is a plan re-checked in integers, and it is accepted as optimal only
 * when it reaches a valid upper bound: the relaxation bound, or HiGHS's optimum (its tolerances only enlarge
 * the feasible set, so what it reports or proves infeasible bounds the true optimum from above). Quick plans
 * (greedy ones and the last question's plan carried over) only supply lower bounds: one that reaches the
 * relaxation bound saves the solve, and otherwise the solver is asked only for something strictly better.
 */
export function bestCompletion(
  highs: Highs | undefined,
  problem: CompletionProblem,
  memory: CompletionMemory,
): number | null {
  const { stats } = memory;
  const relaxed = relaxedBound(problem);
  if (relaxed === null) {
    stats.decidedWithoutSolver++;
    return null;
  }
  let bound = relaxed;
  let quick: number | null = null;
  let quickPlan: CompletionPick[] | null = null;
  const consider = (plan: CompletionPick[] | null) => {
    const value = plan && evaluatePlan(problem, plan);
    if (value !== null && (quick === null || value > quick)) {
      quick = value;
      quickPlan = plan;
    }
  };
  if (memory.lastPlan) consider(carryOverPlan(problem, memory.lastPlan));
  for (const preference of TIER_PREFERENCES) {
    if (quick === bound) break;
    consider(greedyPlan(problem, preference));
  }
  const settle = (value: number | null, plan: CompletionPick[] | null) => {
    if (plan) memory.lastPlan = rememberPlan(problem, plan);
    return value;
  };
  if (
    quick !== null &&
    (quick === bound || !problem.fixed || problem.fixed.minFen === problem.fixed.maxFen)
  ) {
    stats.decidedWithoutSolver++;
    return settle(quick, quickPlan);
  }
  // A second, dearer bound only now that the quick plans fell short of the first: the money the fixed
  // award's tier must leave to the completion (a min-cost flow). When the tier's money is what binds, it
  // often meets the quick plan and settles the question without the solver.
  const tierBound = fixedTierBound(problem);
  if (quick !== null && (tierBound === null || tierBound < quick)) {
    throw new Error('allocation look-ahead: a bound fell below a verified plan');
  }
  if (tierBound === null || tierBound < (problem.fixed?.minFen ?? 0)) {
    stats.decidedWithoutSolver++;
    return settle(null, null);
  }
  bound = Math.min(bound, tierBound);
  if (quick !== null && quick === bound) {
    stats.decidedWithoutSolver++;
    return settle(quick, quickPlan);
  }
  if (!highs) throw new Error('allocation look-ahead needs the HiGHS solver');
  let best: number | null = quick;
  let bestPlan: CompletionPick[] | null = quickPlan;
  for (;;) {
    stats.mipSolves++;
    const solution = solveCompletionMip(highs, problem, best === null ? undefined : best + 1);
    if (solution === null) return settle(best, bestPlan);
    const value = evaluatePlan(problem, solution.picks);
    if (value === null || (best !== null && value <= best)) {
      throw new Error('allocation look-ahead: HiGHS returned a plan that fails the exact integer check');
    }
    best = value;
    bestPlan = [...solution.picks];
    // Amounts are whole fen, so a plan within a rounding error of HiGHS's optimum is the optimum.
    if (best === bound || best >= Math.floor(solution.reportedOptimum + 1e-6)) return settle(best, bestPlan);
  }
}

// A look-ahead question of the shape the quota-heavy rounds ask (8 categories each short of its minimum, a key
// tier with scarce money and a shortlist, a proposal to fund in the key tier), built from fixed numbers so that
// every process warms up on the same models.
function warmUpProblem(): CompletionProblem {
  const categories = 8;
  const perCategory = 20;
  const items: CompletionItem[] = [];
  let state = 20130402;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  for (let category = 0; category < categories; category++) {
    for (let index = 0; index < perCategory; index++) {
      // Floors of ¥12,000–¥120,000 (60 % of requests of ¥20,000–¥200,000); half qualify for the key tier.
      const floor = (120 + Math.floor(next() * 1_081)) * 10_000;
      items.push({
        position: items.length + 1,
        floorFen: floor,
        tierFloorFen: [floor, floor],
        category,
        tiers: index % 2 === 0 ? [0, 1] : [1],
      });
    }
  }
  return {
    items,
    need: Array.from({ length: categories }, (_, category) => 6 + (category % 4)),
    categoryCountRoom: Array.from({ length: categories }, () => Infinity),
    categoryAmountRoom: Array.from({ length: categories }, () => 225_000_000),
    tierCountRoom: [30, 40],
    tierAmountRoom: [60_000_000, Infinity],
    budgetRoom: 800_000_000,
    fixed: { category: 3, tier: 0, minFen: 7_770_000, maxFen: 12_950_000 },
    position: 0,
  };
}

/**
 * Solves look-ahead models of the usual size a few times and returns how many. V8 compiles HiGHS's
 * WebAssembly lazily and optimises a function only once it has run a while, so the first solves of a process
 * run several times slower than later ones; a worker does this once at start, so that its first allocation is
 * as fast as the ones after it. The results are thrown away.
 */
export function warmUpSolver(highs: Highs, solves = 24): number {
  const problem = warmUpProblem();
  const fixed = problem.fixed!;
  for (let index = 0; index < solves; index++) {
    // Asking for ever larger awards covers both answers: a plan, and (above the optimum) a proof of none.
    const step = Math.floor(((fixed.maxFen - fixed.minFen) * (index % 8)) / 7);
    solveCompletionMip(
      highs,
      { ...problem, need: problem.need.map((need) => need - (index % 3)) },
      fixed.minFen + step,
    );
  }
  return solves;
}
