import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { expertiseAffinity } from './affinity';
import { solveAssignment } from './solve-assignment';
import {
  type AssignmentCase,
  type AssignmentInput,
  AssignmentInputError,
  type AssignmentResult,
  type AssignmentReviewer,
  type DeficientSet,
} from './types';

const CATEGORIES = ['elderly', 'youth', 'culture'];
const ORGANIZATIONS = ['org-a', 'org-b', 'org-c'];

// Independent reading of the rules, written without the solver's matrix: who may review what, and how much.
function affinityOf(
  input: AssignmentInput,
  reviewedCase: AssignmentCase,
  reviewer: AssignmentReviewer,
): number {
  const affinity = input.affinity ?? expertiseAffinity;
  if (typeof affinity === 'function') return affinity(reviewedCase, reviewer);
  return affinity[reviewedCase.id]?.[reviewer.id] ?? 0;
}

function isEligible(
  input: AssignmentInput,
  reviewedCase: AssignmentCase,
  reviewer: AssignmentReviewer,
): boolean {
  if (!reviewer.available) return false;
  if (reviewer.organizationId === reviewedCase.organizationId) return false;
  const declaredCase = (input.caseConflicts ?? []).some(
    (conflict) => conflict.reviewerId === reviewer.id && conflict.caseId === reviewedCase.id,
  );
  const declaredOrganization = (input.organizationConflicts ?? []).some(
    (conflict) =>
      conflict.reviewerId === reviewer.id && conflict.organizationId === reviewedCase.organizationId,
  );
  return !declaredCase && !declaredOrganization;
}

function needsDistrict(input: AssignmentInput, reviewedCase: AssignmentCase): boolean {
  return Boolean(input.atLeastOneDistrictExpertPerCase || reviewedCase.requiresDistrictExpert);
}

function combinations<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...combinations(rest, size - 1).map((tail) => [first, ...tail]), ...combinations(rest, size)];
}

// Enumerates every panel for every case and keeps the best total that satisfies all constraints.
function bruteForceOptimum(input: AssignmentInput): number | 'infeasible' {
  const k = input.reviewersPerCase;
  const loads = new Map(input.reviewers.map((reviewer) => [reviewer.id, 0]));
  const panelsPerCase = input.cases.map((reviewedCase) =>
    combinations(
      input.reviewers.filter((reviewer) => isEligible(input, reviewedCase, reviewer)),
      k,
    ).filter(
      (panel) =>
        !needsDistrict(input, reviewedCase) || panel.some((reviewer) => reviewer.level === 'district'),
    ),
  );
  let best: number | undefined;
  const visit = (index: number, total: number) => {
    if (index === input.cases.length) {
      const loadsOk = input.reviewers.every(
        (reviewer) => !reviewer.available || (loads.get(reviewer.id) as number) >= (reviewer.minLoad ?? 0),
      );
      if (loadsOk && (best === undefined || total > best)) best = total;
      return;
    }
    for (const panel of panelsPerCase[index]) {
      if (panel.some((reviewer) => (loads.get(reviewer.id) as number) >= reviewer.maxLoad)) continue;
      for (const reviewer of panel) loads.set(reviewer.id, (loads.get(reviewer.id) as number) + 1);
      const gain = panel.reduce((sum, reviewer) => sum + affinityOf(input, input.cases[index], reviewer), 0);
      visit(index + 1, total + gain);
      for (const reviewer of panel) loads.set(reviewer.id, (loads.get(reviewer.id) as number) - 1);
    }
  };
  visit(0, 0);
  return best ?? 'infeasible';
}

// Every rule checked on the returned panels; returns the list of broken rules (empty when all hold).
function brokenRules(input: AssignmentInput, result: AssignmentResult): string[] {
  if (result.status !== 'assigned') return ['not assigned'];
  const broken: string[] = [];
  const caseById = new Map(input.cases.map((reviewedCase) => [reviewedCase.id, reviewedCase]));
  const reviewerById = new Map(input.reviewers.map((reviewer) => [reviewer.id, reviewer]));
  const loads = new Map<string, number>();
  let total = 0;
  if (result.panels.length !== input.cases.length) broken.push('panel count');
  for (const panel of result.panels) {
    const reviewedCase = caseById.get(panel.caseId);
    if (!reviewedCase) {
      broken.push(`unknown case ${panel.caseId}`);
      continue;
    }
    if (new Set(panel.reviewerIds).size !== input.reviewersPerCase)
      broken.push(`panel size of ${panel.caseId}`);
    let panelAffinity = 0;
    for (const reviewerId of panel.reviewerIds) {
      const reviewer = reviewerById.get(reviewerId) as AssignmentReviewer;
      if (!isEligible(input, reviewedCase, reviewer))
        broken.push(`${reviewerId} not eligible for ${panel.caseId}`);
      loads.set(reviewerId, (loads.get(reviewerId) ?? 0) + 1);
      panelAffinity += affinityOf(input, reviewedCase, reviewer);
    }
    if (panelAffinity !== panel.affinity) broken.push(`panel affinity of ${panel.caseId}`);
    total += panelAffinity;
    const hasDistrict = panel.reviewerIds.some((id) => reviewerById.get(id)?.level === 'district');
    if (needsDistrict(input, reviewedCase) && !hasDistrict)
      broken.push(`no district expert on ${panel.caseId}`);
  }
  for (const reviewer of input.reviewers) {
    const load = loads.get(reviewer.id) ?? 0;
    if (load > reviewer.maxLoad) broken.push(`${reviewer.id} over maxLoad`);
    if (reviewer.available && load < (reviewer.minLoad ?? 0)) broken.push(`${reviewer.id} under minLoad`);
    const reported = result.reviewerLoads.find((entry) => entry.reviewerId === reviewer.id);
    if (reviewer.available && reported?.load !== load) broken.push(`reported load of ${reviewer.id}`);
  }
  if (total !== result.totalAffinity) broken.push('total affinity');
  return broken;
}

// Hoffman's condition recomputed from the certificate's member lists and the raw input.
function recomputeDeficiency(
  input: AssignmentInput,
  set: DeficientSet,
): { required: number; available: number } {
  const k = input.reviewersPerCase;
  const cases = new Set(set.caseIds);
  const seats = new Set(set.districtSeatCaseIds);
  const reviewers = new Set(set.reviewerIds);
  let required = 0;
  let available = 0;
  const shortOfReviews = set.kind === 'cases_short_of_reviews';
  for (const reviewer of input.reviewers) {
    if (!reviewers.has(reviewer.id) || !reviewer.available) continue;
    if (shortOfReviews) available += reviewer.maxLoad;
    else required += reviewer.minLoad ?? 0;
  }
  for (const reviewedCase of input.cases) {
    const caseIn = cases.has(reviewedCase.id);
    const hasSeat = needsDistrict(input, reviewedCase);
    const seatIn = hasSeat && seats.has(reviewedCase.id);
    // The case's own k seats, and the seat → case arc when it crosses the boundary either way.
    if (caseIn) {
      if (shortOfReviews) required += k;
      else available += k;
    }
    if (hasSeat && seatIn && !caseIn) {
      if (shortOfReviews) required += 1;
      else available += k;
    }
    if (hasSeat && !seatIn && caseIn) {
      if (shortOfReviews) available += k;
      else required += 1;
    }
    for (const reviewer of input.reviewers) {
      if (!isEligible(input, reviewedCase, reviewer)) continue;
      const targetIn = hasSeat && reviewer.level === 'district' ? seatIn : caseIn;
      const reviewerIn = reviewers.has(reviewer.id);
      if (shortOfReviews && !reviewerIn && targetIn) available += 1;
      if (!shortOfReviews && reviewerIn && !targetIn) available += 1;
    }
  }
  return { required, available };
}

const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((roll) => roll === 1);

const smallInstance: fc.Arbitrary<AssignmentInput> = fc
  .record({
    caseCount: fc.integer({ min: 1, max: 4 }),
    reviewerCount: fc.integer({ min: 3, max: 6 }),
    reviewersPerCase: fc.integer({ min: 1, max: 2 }),
    idOrder: fc.array(fc.nat(99), { minLength: 9, maxLength: 9 }),
  })
  .chain(({ caseCount, reviewerCount, reviewersPerCase, idOrder }) => {
    // Ids are not in creation order, so sorting by id matters.
    const caseIds = Array.from({ length: caseCount }, (_, i) => `case-${idOrder[i]}-${i}`);
    const reviewerIds = Array.from({ length: reviewerCount }, (_, i) => `rev-${idOrder[8 - i]}-${i}`);
    const reviewedCase = (id: string) =>
      fc.record({
        id: fc.constant(id),
        category: fc.constantFrom(...CATEGORIES),
        street: fc.constantFrom('hubin', 'ziyang'),
        organizationId: fc.constantFrom(...ORGANIZATIONS),
        requiresDistrictExpert: oneIn(5),
      });
    const reviewer = (id: string) =>
      fc
        .record({
          id: fc.constant(id),
          expertise: fc.shuffledSubarray(CATEGORIES),
          organizationId: fc.option(fc.constantFrom(...ORGANIZATIONS), { nil: undefined }),
          level: fc.constantFrom('street' as const, 'district' as const),
          maxLoad: fc.integer({ min: 0, max: 4 }).map((load) => (load === 0 ? 0 : load + 1)),
          minLoadShare: fc.integer({ min: 0, max: 4 }),
          available: fc.integer({ min: 0, max: 9 }).map((roll) => roll > 0),
        })
        .map(({ minLoadShare, ...rest }) => ({ ...rest, minLoad: minLoadShare > 3 ? 1 : 0 }))
        .map((candidate) => ({ ...candidate, minLoad: Math.min(candidate.minLoad, candidate.maxLoad) }));
    return fc.record({
      cases: fc.tuple(...caseIds.map(reviewedCase)),
      reviewers: fc.tuple(...reviewerIds.map(reviewer)),
      reviewersPerCase: fc.constant(reviewersPerCase),
      caseConflicts: fc
        .shuffledSubarray(
          caseIds.flatMap((caseId) => reviewerIds.map((reviewerId) => ({ reviewerId, caseId }))),
        )
        .map((conflicts) => conflicts.slice(0, 3)),
      organizationConflicts: fc
        .shuffledSubarray(
          ORGANIZATIONS.flatMap((organizationId) =>
            reviewerIds.map((reviewerId) => ({ reviewerId, organizationId })),
          ),
        )
        .map((conflicts) => conflicts.slice(0, 2)),
      atLeastOneDistrictExpertPerCase: oneIn(4),
      affinity: fc.option(
        fc.dictionary(
          fc.constantFrom(...caseIds),
          fc.dictionary(fc.constantFrom(...reviewerIds), fc.integer({ min: -3, max: 6 })),
        ),
        { nil: undefined },
      ),
    });
  });

function withUnavailable(input: AssignmentInput, reviewerIndex: number): AssignmentInput {
  return {
    ...input,
    reviewers: input.reviewers.map((reviewer, index) =>
      index === reviewerIndex % input.reviewers.length ? { ...reviewer, available: false } : reviewer,
    ),
  };
}

// Optimum of the LP relaxation from HiGHS: if the model is totally unimodular it equals the integer optimum.
function highsRelaxationOptimum(highs: Highs, input: AssignmentInput): number | 'infeasible' {
  const pairs: { caseIndex: number; reviewerIndex: number; affinity: number }[] = [];
  input.cases.forEach((reviewedCase, caseIndex) =>
    input.reviewers.forEach((reviewer, reviewerIndex) => {
      if (isEligible(input, reviewedCase, reviewer)) {
        pairs.push({ caseIndex, reviewerIndex, affinity: affinityOf(input, reviewedCase, reviewer) });
      }
    }),
  );
  const rows: { lower: number; upper: number; columns: number[] }[] = [];
  input.cases.forEach((reviewedCase, caseIndex) => {
    const columns = pairs.flatMap((pair, column) => (pair.caseIndex === caseIndex ? [column] : []));
    rows.push({ lower: input.reviewersPerCase, upper: input.reviewersPerCase, columns });
    if (needsDistrict(input, reviewedCase)) {
      const district = columns.filter(
        (column) => input.reviewers[pairs[column].reviewerIndex].level === 'district',
      );
      rows.push({ lower: 1, upper: Infinity, columns: district });
    }
  });
  input.reviewers.forEach((reviewer, reviewerIndex) => {
    if (!reviewer.available) return;
    const columns = pairs.flatMap((pair, column) => (pair.reviewerIndex === reviewerIndex ? [column] : []));
    rows.push({ lower: reviewer.minLoad ?? 0, upper: reviewer.maxLoad, columns });
  });
  if (rows.some((row) => row.columns.length === 0 && row.lower > 0)) return 'infeasible';
  if (pairs.length === 0) return 0;
  const starts = [0];
  const indices: number[] = [];
  for (const row of rows) {
    indices.push(...row.columns);
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols: pairs.length,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: pairs.map((pair) => pair.affinity),
    colLower: pairs.map(() => 0),
    colUpper: pairs.map(() => 1),
    rowLower: rows.map((row) => row.lower),
    rowUpper: rows.map((row) => (row.upper === Infinity ? highs.infinity : row.upper)),
    matrix: {
      format: 'csr',
      numRows: rows.length,
      numCols: pairs.length,
      starts,
      indices,
      values: indices.map(() => 1),
    },
  });
  try {
    model.options.set({ output_flag: false });
    const { modelStatus } = model.run();
    if (modelStatus === highs.constants.modelStatus.infeasible) return 'infeasible';
    if (modelStatus !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS status ${modelStatus}`);
    return model.getObjectiveValue();
  } finally {
    model.dispose();
  }
}

function reviewer(id: string, overrides: Partial<AssignmentReviewer> = {}): AssignmentReviewer {
  return { id, expertise: ['elderly'], level: 'street', maxLoad: 10, available: true, ...overrides };
}

function reviewedCase(id: string, overrides: Partial<AssignmentCase> = {}): AssignmentCase {
  return { id, category: 'elderly', street: 'hubin', organizationId: `org-of-${id}`, ...overrides };
}

describe('solveAssignment', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  it('finds the brute-force optimum on small instances and never breaks a constraint', () => {
    fc.assert(
      fc.property(smallInstance, fc.nat(), fc.boolean(), (generated, unavailable, dropOne) => {
        const input = dropOne ? withUnavailable(generated, unavailable) : generated;
        const expected = bruteForceOptimum(input);
        const result = solveAssignment(input);
        if (expected === 'infeasible') {
          expect(result.status).toBe('infeasible');
          return;
        }
        expect(brokenRules(input, result)).toEqual([]);
        expect(result.status === 'assigned' && result.totalAffinity).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('gives infeasibility explanations whose numbers are true and whose deficient set proves it', () => {
    fc.assert(
      fc.property(smallInstance, (input) => {
        const result = solveAssignment(input);
        fc.pre(result.status === 'infeasible');
        if (result.status !== 'infeasible') return;
        const explanation = result.explanation;
        const available = input.reviewers.filter((candidate) => candidate.available);
        const demand = input.cases.length * input.reviewersPerCase;
        const capacity = available.reduce((sum, candidate) => sum + candidate.maxLoad, 0);
        const minimumLoadTotal = available.reduce((sum, candidate) => sum + (candidate.minLoad ?? 0), 0);
        expect(explanation).toMatchObject({ demand, capacity, minimumLoadTotal });
        expect(explanation.reasons.length).toBeGreaterThan(0);
        expect(explanation.reasons.includes('demand_exceeds_capacity')).toBe(demand > capacity);
        expect(explanation.reasons.includes('minimum_loads_exceed_demand')).toBe(minimumLoadTotal > demand);
        const short = input.cases
          .map((candidate) => ({
            caseId: candidate.id,
            eligibleReviewers: input.reviewers.filter((someone) => isEligible(input, candidate, someone))
              .length,
          }))
          .filter((entry) => entry.eligibleReviewers < input.reviewersPerCase)
          .sort((left, right) => (left.caseId < right.caseId ? -1 : 1));
        expect(explanation.casesShortOfReviewers).toEqual(short);
        const withoutDistrict = input.cases
          .filter(
            (candidate) =>
              needsDistrict(input, candidate) &&
              !input.reviewers.some(
                (someone) => someone.level === 'district' && isEligible(input, candidate, someone),
              ),
          )
          .map((candidate) => candidate.id)
          .sort();
        expect(explanation.casesWithoutDistrictExpert).toEqual(withoutDistrict);
        const districtDemand = input.cases.filter((candidate) => needsDistrict(input, candidate)).length;
        const districtCapacity = available
          .filter((candidate) => candidate.level === 'district')
          .reduce((sum, candidate) => sum + candidate.maxLoad, 0);
        expect(explanation).toMatchObject({ districtDemand, districtCapacity });
        expect(explanation.reasons.includes('district_demand_exceeds_capacity')).toBe(
          districtDemand > districtCapacity,
        );
        const reviewersShort = available
          .map((candidate) => ({
            reviewerId: candidate.id,
            minLoad: candidate.minLoad ?? 0,
            eligibleCases: input.cases.filter((someCase) => isEligible(input, someCase, candidate)).length,
          }))
          .filter((entry) => entry.minLoad > entry.eligibleCases)
          .sort((left, right) => (left.reviewerId < right.reviewerId ? -1 : 1));
        expect(explanation.reviewersShortOfCases).toEqual(reviewersShort);
        if (explanation.deficientSet) {
          expect(explanation.reasons).toEqual(['deficient_set']);
          const { required, available: reachable } = recomputeDeficiency(input, explanation.deficientSet);
          expect({ required, available: reachable }).toEqual({
            required: explanation.deficientSet.required,
            available: explanation.deficientSet.available,
          });
          expect(required).toBeGreaterThan(reachable);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('reaches the LP optimum computed by HiGHS (integral, as total unimodularity promises)', () => {
    const mediumInstance = fc.record({
      caseCount: fc.integer({ min: 5, max: 30 }),
      reviewerCount: fc.integer({ min: 3, max: 12 }),
      reviewersPerCase: fc.integer({ min: 1, max: 3 }),
      seed: fc.nat(),
      districtRule: fc.boolean(),
      withTable: fc.boolean(),
    });
    fc.assert(
      fc.property(
        mediumInstance,
        ({ caseCount, reviewerCount, reviewersPerCase, seed, districtRule, withTable }) => {
          const random = fc.sample(fc.integer({ min: 0, max: 999 }), { seed, numRuns: 2000 });
          let cursor = 0;
          const next = (modulo: number) => random[cursor++ % random.length] % modulo;
          const cases = Array.from({ length: caseCount }, (_, i) =>
            reviewedCase(`c${i}`, { category: CATEGORIES[next(3)], organizationId: ORGANIZATIONS[next(3)] }),
          );
          const reviewers = Array.from({ length: reviewerCount }, (_, i) =>
            reviewer(`r${i}`, {
              expertise: CATEGORIES.filter(() => next(2) === 0),
              level: next(3) === 0 ? 'district' : 'street',
              organizationId: next(4) === 0 ? ORGANIZATIONS[next(3)] : undefined,
              maxLoad: 1 + next(Math.ceil((2 * caseCount * reviewersPerCase) / reviewerCount) + 1),
              minLoad: next(4) === 0 ? next(3) : 0,
              available: next(10) > 0,
            }),
          ).map((someone) => ({ ...someone, minLoad: Math.min(someone.minLoad ?? 0, someone.maxLoad) }));
          const table = Object.fromEntries(
            cases.map((candidate) => [
              candidate.id,
              Object.fromEntries(reviewers.map((someone) => [someone.id, next(7) - 1])),
            ]),
          );
          const input: AssignmentInput = {
            cases,
            reviewers,
            reviewersPerCase,
            atLeastOneDistrictExpertPerCase: districtRule,
            caseConflicts: cases
              .filter(() => next(5) === 0)
              .map((candidate) => ({ caseId: candidate.id, reviewerId: `r${next(reviewerCount)}` })),
            affinity: withTable ? table : undefined,
          };
          const reference = highsRelaxationOptimum(highs, input);
          const result = solveAssignment(input);
          if (reference === 'infeasible') {
            expect(result.status).toBe('infeasible');
            return;
          }
          expect(brokenRules(input, result)).toEqual([]);
          expect(result.status === 'assigned' && result.totalAffinity).toBeCloseTo(reference, 6);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns the same panels for the same round, whatever the input order', () => {
    fc.assert(
      fc.property(smallInstance, fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), (input, keys) => {
        const shuffle = <T>(items: readonly T[]) =>
          items
            .map((item, index) => ({ item, key: keys[index % keys.length] * 31 + index }))
            .sort((left, right) => left.key - right.key)
            .map(({ item }) => item);
        const first = solveAssignment(input);
        const again = solveAssignment(input);
        const shuffled = solveAssignment({
          ...input,
          cases: shuffle(input.cases),
          reviewers: shuffle(input.reviewers),
          caseConflicts: shuffle(input.caseConflicts ?? []),
        });
        expect(again).toEqual(first);
        expect(shuffled).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('prefers main-expertise reviewers under the default affinity', () => {
    const result = solveAssignment({
      cases: [reviewedCase('c1', { category: 'youth' })],
      reviewers: [
        reviewer('r-none', { expertise: ['culture'] }),
        reviewer('r-side', { expertise: ['elderly', 'youth'] }),
        reviewer('r-main', { expertise: ['youth'] }),
      ],
      reviewersPerCase: 2,
    });
    expect(result).toMatchObject({
      status: 'assigned',
      totalAffinity: 3,
      panels: [{ caseId: 'c1', reviewerIds: ['r-main', 'r-side'], affinity: 3 }],
    });
  });

  it('excludes the reviewer’s own organization and declared conflicts', () => {
    const result = solveAssignment({
      cases: [reviewedCase('c1', { organizationId: 'org-1' })],
      reviewers: [
        reviewer('r-own', { organizationId: 'org-1' }),
        reviewer('r-case'),
        reviewer('r-org'),
        reviewer('r-free-1', { expertise: [] }),
        reviewer('r-free-2', { expertise: [] }),
      ],
      reviewersPerCase: 2,
      caseConflicts: [{ reviewerId: 'r-case', caseId: 'c1' }],
      organizationConflicts: [{ reviewerId: 'r-org', organizationId: 'org-1' }],
    });
    expect(result).toMatchObject({ status: 'assigned', panels: [{ reviewerIds: ['r-free-1', 'r-free-2'] }] });
  });

  it('explains demand above capacity and minimum loads above demand in numbers', () => {
    const overDemand = solveAssignment({
      cases: [reviewedCase('c1'), reviewedCase('c2')],
      reviewers: [
        reviewer('r1', { maxLoad: 2 }),
        reviewer('r2', { maxLoad: 1 }),
        reviewer('r3', { maxLoad: 5, available: false }),
      ],
      reviewersPerCase: 2,
    });
    expect(overDemand).toMatchObject({
      status: 'infeasible',
      explanation: { reasons: ['demand_exceeds_capacity'], demand: 4, capacity: 3 },
    });
    const overMinimum = solveAssignment({
      cases: [reviewedCase('c1')],
      reviewers: [
        reviewer('r1', { minLoad: 1 }),
        reviewer('r2', { minLoad: 1 }),
        reviewer('r3', { minLoad: 1 }),
      ],
      reviewersPerCase: 2,
    });
    expect(overMinimum).toMatchObject({
      status: 'infeasible',
      explanation: { reasons: ['minimum_loads_exceed_demand'], demand: 2, minimumLoadTotal: 3 },
    });
  });

  it('lists cases with too few conflict-free reviewers and without a district expert', () => {
    const result = solveAssignment({
      cases: [
        reviewedCase('c1', { organizationId: 'org-x' }),
        reviewedCase('c2', { requiresDistrictExpert: true }),
      ],
      reviewers: [
        reviewer('r1', { organizationId: 'org-x' }),
        reviewer('r2'),
        reviewer('r3'),
        reviewer('d1', { level: 'district' }),
      ],
      reviewersPerCase: 3,
      caseConflicts: [
        { reviewerId: 'd1', caseId: 'c2' },
        { reviewerId: 'r3', caseId: 'c1' },
      ],
    });
    expect(result).toMatchObject({
      status: 'infeasible',
      explanation: {
        reasons: ['case_short_of_reviewers', 'case_without_district_expert'],
        casesShortOfReviewers: [{ caseId: 'c1', eligibleReviewers: 2 }],
        casesWithoutDistrictExpert: ['c2'],
      },
    });
  });

  it('finds a Hall-type set when only the combination of loads and conflicts is infeasible', () => {
    // Three cases of org-a can be reviewed only by r1 and r2, who have room for four reviews; they need six.
    const result = solveAssignment({
      cases: [
        reviewedCase('a1', { organizationId: 'org-a' }),
        reviewedCase('a2', { organizationId: 'org-a' }),
        reviewedCase('a3', { organizationId: 'org-a' }),
        reviewedCase('b1', { organizationId: 'org-b' }),
      ],
      reviewers: [
        reviewer('r1', { maxLoad: 2 }),
        reviewer('r2', { maxLoad: 2 }),
        reviewer('r3'),
        reviewer('r4'),
      ],
      reviewersPerCase: 2,
      organizationConflicts: [
        { reviewerId: 'r3', organizationId: 'org-a' },
        { reviewerId: 'r4', organizationId: 'org-a' },
      ],
    });
    expect(result).toEqual({
      status: 'infeasible',
      explanation: expect.objectContaining({
        reasons: ['deficient_set'],
        deficientSet: {
          kind: 'cases_short_of_reviews',
          caseIds: ['a1', 'a2', 'a3'],
          districtSeatCaseIds: [],
          reviewerIds: ['r1', 'r2'],
          required: 6,
          available: 4,
        },
      }),
    });
  });

  it('finds reviewers whose minimum loads cannot all be placed', () => {
    // r1 and r2 must each review two cases but may only review a1 and a2, which take one reviewer each.
    const result = solveAssignment({
      cases: [
        reviewedCase('a1', { organizationId: 'org-a' }),
        reviewedCase('a2', { organizationId: 'org-a' }),
        reviewedCase('b1', { organizationId: 'org-b' }),
        reviewedCase('b2', { organizationId: 'org-b' }),
      ],
      reviewers: [reviewer('r1', { minLoad: 2 }), reviewer('r2', { minLoad: 2 }), reviewer('r3')],
      reviewersPerCase: 1,
      organizationConflicts: [
        { reviewerId: 'r1', organizationId: 'org-b' },
        { reviewerId: 'r2', organizationId: 'org-b' },
      ],
    });
    expect(result).toMatchObject({
      status: 'infeasible',
      explanation: {
        reasons: ['deficient_set'],
        deficientSet: {
          kind: 'minimum_loads_unplaceable',
          caseIds: ['a1', 'a2'],
          reviewerIds: ['r1', 'r2'],
          required: 4,
          available: 2,
        },
      },
    });
  });

  it('finds district seats that district experts cannot fill', () => {
    // d1 is the only conflict-free district expert for both cases and has room for one.
    const input: AssignmentInput = {
      cases: [
        reviewedCase('a1', { organizationId: 'org-a' }),
        reviewedCase('a2', { organizationId: 'org-a' }),
      ],
      reviewers: [
        reviewer('d1', { level: 'district', maxLoad: 1 }),
        reviewer('d2', { level: 'district', organizationId: 'org-a' }),
        reviewer('r1'),
        reviewer('r2'),
      ],
      reviewersPerCase: 2,
      atLeastOneDistrictExpertPerCase: true,
    };
    const result = solveAssignment(input);
    expect(result.status).toBe('infeasible');
    const deficientSet = result.status === 'infeasible' ? result.explanation.deficientSet : undefined;
    expect(deficientSet?.districtSeatCaseIds).toEqual(['a1', 'a2']);
    expect(deficientSet && recomputeDeficiency(input, deficientSet)).toEqual({
      required: deficientSet?.required,
      available: deficientSet?.available,
    });
    expect(deficientSet && deficientSet.required - deficientSet.available).toBe(1);
  });

  it('rejects malformed input before solving', () => {
    const base = { cases: [reviewedCase('c1')], reviewers: [reviewer('r1')], reviewersPerCase: 1 };
    expect(() => solveAssignment({ ...base, reviewersPerCase: 0 })).toThrow(AssignmentInputError);
    expect(() => solveAssignment({ ...base, cases: [reviewedCase('c1'), reviewedCase('c1')] })).toThrow(
      /duplicate case/,
    );
    expect(() =>
      solveAssignment({ ...base, reviewers: [reviewer('r1', { minLoad: 3, maxLoad: 2 })] }),
    ).toThrow(/minLoad/);
    expect(() => solveAssignment({ ...base, affinity: () => 0.5 })).toThrow(/integer/);
  });
});
