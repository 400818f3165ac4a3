// Benchmark: exact reviewer assignment on a district-sized round (10,000 cases × 500 reviewers × 3 per
// panel) against a greedy baseline on the same seeded instance. Run after the build:
//   node dist/bench/assignment.bench.js
import {
  type AssignmentCase,
  type AssignmentInput,
  type AssignmentReviewer,
  type CaseConflict,
  type OrganizationConflict,
  affinityForCategory,
  solveAssignment,
} from '../libs/domain/src/review/assignment';

const CASES = 10_000;
const REVIEWERS = 500;
const PANEL_SIZE = 3;
const ORGANIZATIONS = 800;
const SEED = 20130401;

// Category mix of the 190 district-level projects in DOMAIN.md (elderly 56, disability 22, youth 23, ...).
const CATEGORY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['elderly', 56],
  ['disability_hardship', 22],
  ['youth', 23],
  ['new_residents', 17],
  ['culture', 12],
  ['environment', 10],
  ['food_safety', 5],
  ['other', 45],
];
// The six streets of the source district.
const STREETS = ['hubin', 'qingbo', 'xiaoying', 'ziyang', 'wangjiang', 'nanxing'];

// mulberry32: a small seeded generator, so every run benchmarks the same instance.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildInstance(): AssignmentInput {
  const random = seededRandom(SEED);
  const integer = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const totalWeight = CATEGORY_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const pickCategory = () => {
    let roll = random() * totalWeight;
    for (const [category, weight] of CATEGORY_WEIGHTS) {
      roll -= weight;
      if (roll < 0) return category;
    }
    return CATEGORY_WEIGHTS[CATEGORY_WEIGHTS.length - 1][0];
  };
  const organizationId = (index: number) => `org-${String(index).padStart(4, '0')}`;

  const cases: AssignmentCase[] = [];
  for (let c = 0; c < CASES; c++) {
    cases.push({
      id: `case-${String(c).padStart(5, '0')}`,
      category: pickCategory(),
      street: STREETS[integer(0, STREETS.length - 1)],
      organizationId: organizationId(integer(0, ORGANIZATIONS - 1)),
    });
  }
  const reviewers: AssignmentReviewer[] = [];
  for (let r = 0; r < REVIEWERS; r++) {
    const district = random() < 0.2;
    // The expert registry is not shaped like the year's applications: fields are drawn uniformly, so
    // elderly-care experts are scarce relative to demand and panels must trade match quality for coverage.
    const expertise: string[] = [];
    const wanted = integer(1, 3);
    while (expertise.length < wanted) {
      const category = CATEGORY_WEIGHTS[integer(0, CATEGORY_WEIGHTS.length - 1)][0];
      if (!expertise.includes(category)) expertise.push(category);
    }
    reviewers.push({
      id: `reviewer-${String(r).padStart(3, '0')}`,
      expertise,
      organizationId: random() < 0.3 ? organizationId(integer(0, ORGANIZATIONS - 1)) : undefined,
      level: district ? 'district' : 'street',
      // District experts carry the district-expert seat of every panel, so they take more cases.
      maxLoad: district ? integer(90, 120) : integer(50, 70),
      minLoad: random() < 0.1 ? integer(10, 30) : undefined,
      available: random() < 0.97,
    });
  }
  const caseConflicts: CaseConflict[] = [];
  for (const reviewedCase of cases) {
    const declared = integer(0, 6);
    for (let i = 0; i < declared; i++) {
      caseConflicts.push({ reviewerId: reviewers[integer(0, REVIEWERS - 1)].id, caseId: reviewedCase.id });
    }
  }
  const organizationConflicts: OrganizationConflict[] = [];
  for (const reviewer of reviewers) {
    const declared = integer(0, 4);
    for (let i = 0; i < declared; i++) {
      organizationConflicts.push({
        reviewerId: reviewer.id,
        organizationId: organizationId(integer(0, ORGANIZATIONS - 1)),
      });
    }
  }
  return {
    cases,
    reviewers,
    reviewersPerCase: PANEL_SIZE,
    caseConflicts,
    organizationConflicts,
    atLeastOneDistrictExpertPerCase: true,
  };
}

// Conflict matrix built the plain way, for the baseline and for the independent constraint check.
function conflictMatrix(input: AssignmentInput): {
  conflicted: Uint8Array;
  caseIndex: Map<string, number>;
  reviewerIndex: Map<string, number>;
} {
  const caseIndex = new Map(input.cases.map((reviewedCase, c) => [reviewedCase.id, c]));
  const reviewerIndex = new Map(input.reviewers.map((reviewer, r) => [reviewer.id, r]));
  const R = input.reviewers.length;
  const conflicted = new Uint8Array(input.cases.length * R);
  const byOrganization = new Map<string, number[]>();
  input.cases.forEach((reviewedCase, c) => {
    byOrganization.set(reviewedCase.organizationId, [
      ...(byOrganization.get(reviewedCase.organizationId) ?? []),
      c,
    ]);
  });
  input.reviewers.forEach((reviewer, r) => {
    if (reviewer.organizationId)
      for (const c of byOrganization.get(reviewer.organizationId) ?? []) conflicted[c * R + r] = 1;
  });
  for (const conflict of input.organizationConflicts ?? []) {
    const r = reviewerIndex.get(conflict.reviewerId) as number;
    for (const c of byOrganization.get(conflict.organizationId) ?? []) conflicted[c * R + r] = 1;
  }
  for (const conflict of input.caseConflicts ?? []) {
    conflicted[
      (caseIndex.get(conflict.caseId) as number) * R + (reviewerIndex.get(conflict.reviewerId) as number)
    ] = 1;
  }
  return { conflicted, caseIndex, reviewerIndex };
}

interface GreedyOutcome {
  readonly totalAffinity: number;
  readonly unfilledSeats: number;
  readonly unmetMinimumLoads: number;
}

// Baseline: cases in id order, each takes its best-matched reviewers with room left (a district expert first
// when the rule applies), ties to the less loaded reviewer. Minimum loads are not planned for.
function greedyAssignment(input: AssignmentInput, conflicted: Uint8Array): GreedyOutcome {
  const R = input.reviewers.length;
  const load = new Int32Array(R);
  const order = input.cases.map((_, c) => c).sort((a, b) => (input.cases[a].id < input.cases[b].id ? -1 : 1));
  let totalAffinity = 0;
  let unfilledSeats = 0;
  for (const c of order) {
    const reviewedCase = input.cases[c];
    const chosen = new Set<number>();
    const pick = (districtOnly: boolean) => {
      let best = -1;
      let bestAffinity = -Infinity;
      for (let r = 0; r < R; r++) {
        const reviewer = input.reviewers[r];
        if (!reviewer.available || conflicted[c * R + r] || chosen.has(r) || load[r] >= reviewer.maxLoad)
          continue;
        if (districtOnly && reviewer.level !== 'district') continue;
        const affinity = affinityForCategory(reviewer, reviewedCase.category);
        if (affinity > bestAffinity || (affinity === bestAffinity && load[r] < load[best])) {
          best = r;
          bestAffinity = affinity;
        }
      }
      if (best < 0) return false;
      chosen.add(best);
      load[best]++;
      totalAffinity += bestAffinity;
      return true;
    };
    if (input.atLeastOneDistrictExpertPerCase && !pick(true)) unfilledSeats++;
    while (chosen.size < PANEL_SIZE) {
      if (!pick(false)) {
        unfilledSeats += PANEL_SIZE - chosen.size;
        break;
      }
    }
  }
  const unmetMinimumLoads = input.reviewers.filter(
    (reviewer, r) => reviewer.available && load[r] < (reviewer.minLoad ?? 0),
  ).length;
  return { totalAffinity, unfilledSeats, unmetMinimumLoads };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function main(): void {
  const input = buildInstance();
  const { conflicted, reviewerIndex } = conflictMatrix(input);
  let conflictedPairs = 0;
  for (const flag of conflicted) conflictedPairs += flag;
  console.log(
    `instance: ${CASES} cases × ${REVIEWERS} reviewers × ${PANEL_SIZE} per panel, ` +
      `${input.reviewers.filter((reviewer) => reviewer.level === 'district').length} district-level, ` +
      `conflicts ${((100 * conflictedPairs) / conflicted.length).toFixed(2)} % of pairs, district expert required on every panel`,
  );

  const heapBefore = process.memoryUsage();
  const started = performance.now();
  const result = solveAssignment(input);
  const solveMs = performance.now() - started;
  const heapAfter = process.memoryUsage();
  if (result.status !== 'assigned') {
    console.log('exact: infeasible', JSON.stringify(result.explanation).slice(0, 500));
    process.exitCode = 1;
    return;
  }

  // Independent check of every constraint on the exact result.
  const R = input.reviewers.length;
  const load = new Int32Array(R);
  let violations = 0;
  const caseById = new Map(input.cases.map((reviewedCase, c) => [reviewedCase.id, c]));
  for (const panel of result.panels) {
    const c = caseById.get(panel.caseId) as number;
    if (new Set(panel.reviewerIds).size !== PANEL_SIZE) violations++;
    let district = 0;
    for (const reviewerId of panel.reviewerIds) {
      const r = reviewerIndex.get(reviewerId) as number;
      load[r]++;
      if (conflicted[c * R + r] || !input.reviewers[r].available) violations++;
      if (input.reviewers[r].level === 'district') district++;
    }
    if (district === 0) violations++;
  }
  input.reviewers.forEach((reviewer, r) => {
    if (load[r] > reviewer.maxLoad || (reviewer.available && load[r] < (reviewer.minLoad ?? 0))) violations++;
  });

  const greedyStarted = performance.now();
  const greedy = greedyAssignment(input, conflicted);
  const greedyMs = performance.now() - greedyStarted;

  const { diagnostics } = result;
  console.log(`exact solve time: ${(solveMs / 1000).toFixed(3)} s`);
  console.log(
    `exact: total affinity ${result.totalAffinity}, constraint violations ${violations}, ` +
      `${diagnostics.eligiblePairs} eligible pairs, ${diagnostics.pairsInModel} in model, ` +
      `${diagnostics.pricingRounds} pricing rounds, ${diagnostics.pivots} pivots`,
  );
  console.log(
    `greedy: total affinity ${greedy.totalAffinity}, unfilled seats ${greedy.unfilledSeats}, ` +
      `reviewers below minimum load ${greedy.unmetMinimumLoads}, time ${(greedyMs / 1000).toFixed(3)} s`,
  );
  console.log(`ratio: ${(result.totalAffinity / greedy.totalAffinity).toFixed(4)}`);
  console.log(
    `memory: rss ${megabytes(heapAfter.rss)}, heap used ${megabytes(heapAfter.heapUsed)}, ` +
      `array buffers ${megabytes(heapAfter.arrayBuffers)} (before solve: rss ${megabytes(heapBefore.rss)})`,
  );
  if (violations > 0) process.exitCode = 1;
}

main();
