import {
  MAIN_EXPERTISE_AFFINITY,
  MAX_ABS_AFFINITY,
  affinityForCategory,
  affinityFromTable,
  expertiseAffinity,
} from './affinity';
import {
  type AffinityFunction,
  type AssignmentCase,
  type AssignmentInput,
  AssignmentInputError,
  type AssignmentReviewer,
} from './types';

/** Marks a (case, reviewer) pair that may not be assigned: conflict of interest or unavailable reviewer. */
export const INELIGIBLE = -0x80000000;

// The solver keeps a dense case × reviewer matrix (4 bytes a pair): 25 million pairs is 100 MB, five times
// the benchmark round. Larger rounds should be split (by street or category) before assignment.
const MAX_PAIRS = 25_000_000;

/** Validated, id-sorted input with the dense pair matrix the solvers work on (internal). */
export interface AssignmentInstance {
  /** Sorted by id, so results never depend on input order. */
  readonly cases: readonly AssignmentCase[];
  readonly reviewers: readonly AssignmentReviewer[];
  readonly caseCount: number;
  readonly reviewerCount: number;
  readonly panelSize: number;
  /** Row-major by case: affinity[c * reviewerCount + r], or INELIGIBLE. */
  readonly affinity: Int32Array;
  readonly needsDistrictExpert: Uint8Array;
  readonly isDistrictReviewer: Uint8Array;
  /** 0 for unavailable reviewers. */
  readonly maxLoad: Int32Array;
  readonly minLoad: Int32Array;
  readonly maxAbsAffinity: number;
}

function compareIds(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

function requireCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AssignmentInputError(`${what} must be a non-negative integer, got ${value}`);
  }
}

function indexById<T extends { readonly id: string }>(
  items: readonly T[],
  what: string,
): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, position) => {
    if (typeof item.id !== 'string' || item.id.length === 0) {
      throw new AssignmentInputError(`${what} without id`);
    }
    if (index.has(item.id)) throw new AssignmentInputError(`duplicate ${what} id ${item.id}`);
    index.set(item.id, position);
  });
  return index;
}

/** Validates the input, sorts it by id and builds the eligibility/affinity matrix. */
export function buildAssignmentInstance(input: AssignmentInput): AssignmentInstance {
  const panelSize = input.reviewersPerCase;
  if (!Number.isSafeInteger(panelSize) || panelSize < 1) {
    throw new AssignmentInputError(`reviewersPerCase must be a positive integer, got ${panelSize}`);
  }
  const cases = [...input.cases].sort((left, right) => compareIds(left.id, right.id));
  const reviewers = [...input.reviewers].sort((left, right) => compareIds(left.id, right.id));
  const caseIndex = indexById(cases, 'case');
  const reviewerIndex = indexById(reviewers, 'reviewer');
  const caseCount = cases.length;
  const reviewerCount = reviewers.length;
  if (caseCount * reviewerCount > MAX_PAIRS) {
    throw new AssignmentInputError(
      `${caseCount} cases × ${reviewerCount} reviewers exceeds ${MAX_PAIRS} pairs`,
    );
  }

  const maxLoad = new Int32Array(reviewerCount);
  const minLoad = new Int32Array(reviewerCount);
  const isDistrictReviewer = new Uint8Array(reviewerCount);
  reviewers.forEach((reviewer, r) => {
    requireCount(reviewer.maxLoad, `maxLoad of reviewer ${reviewer.id}`);
    const reviewerMinLoad = reviewer.minLoad ?? 0;
    requireCount(reviewerMinLoad, `minLoad of reviewer ${reviewer.id}`);
    if (reviewerMinLoad > reviewer.maxLoad) {
      throw new AssignmentInputError(`minLoad above maxLoad for reviewer ${reviewer.id}`);
    }
    // Loads live in Int32Array.
    if (reviewer.maxLoad > 0x3fffffff) throw new AssignmentInputError(`maxLoad too large for ${reviewer.id}`);
    isDistrictReviewer[r] = reviewer.level === 'district' ? 1 : 0;
    // Unavailable reviewers take no cases and owe no minimum.
    maxLoad[r] = reviewer.available ? reviewer.maxLoad : 0;
    minLoad[r] = reviewer.available ? reviewerMinLoad : 0;
  });

  const needsDistrictExpert = new Uint8Array(caseCount);
  cases.forEach((reviewedCase, c) => {
    needsDistrictExpert[c] =
      input.atLeastOneDistrictExpertPerCase || reviewedCase.requiresDistrictExpert ? 1 : 0;
  });

  const affinity = new Int32Array(caseCount * reviewerCount).fill(INELIGIBLE);
  for (let c = 0; c < caseCount; c++) {
    const row = c * reviewerCount;
    for (let r = 0; r < reviewerCount; r++) if (reviewers[r].available) affinity[row + r] = 0;
  }
  markConflicts(input, cases, reviewers, caseIndex, reviewerIndex, affinity);
  const maxAbsAffinity = fillAffinities(input, cases, reviewers, affinity);

  return {
    cases,
    reviewers,
    caseCount,
    reviewerCount,
    panelSize,
    affinity,
    needsDistrictExpert,
    isDistrictReviewer,
    maxLoad,
    minLoad,
    maxAbsAffinity,
  };
}

// Three sources of conflict of interest (DOMAIN.md): the reviewer's own organization, and declarations
// per case or per organization. Declarations about cases or reviewers outside this round are irrelevant.
function markConflicts(
  input: AssignmentInput,
  cases: readonly AssignmentCase[],
  reviewers: readonly AssignmentReviewer[],
  caseIndex: ReadonlyMap<string, number>,
  reviewerIndex: ReadonlyMap<string, number>,
  affinity: Int32Array,
): void {
  const reviewerCount = reviewers.length;
  const casesByOrganization = new Map<string, number[]>();
  cases.forEach((reviewedCase, c) => {
    const list = casesByOrganization.get(reviewedCase.organizationId);
    if (list) list.push(c);
    else casesByOrganization.set(reviewedCase.organizationId, [c]);
  });
  const excludeOrganization = (r: number, organizationId: string | undefined) => {
    if (organizationId === undefined) return;
    for (const c of casesByOrganization.get(organizationId) ?? []) {
      affinity[c * reviewerCount + r] = INELIGIBLE;
    }
  };
  reviewers.forEach((reviewer, r) => excludeOrganization(r, reviewer.organizationId));
  for (const conflict of input.organizationConflicts ?? []) {
    const r = reviewerIndex.get(conflict.reviewerId);
    if (r !== undefined) excludeOrganization(r, conflict.organizationId);
  }
  for (const conflict of input.caseConflicts ?? []) {
    const r = reviewerIndex.get(conflict.reviewerId);
    const c = caseIndex.get(conflict.caseId);
    if (r !== undefined && c !== undefined) affinity[c * reviewerCount + r] = INELIGIBLE;
  }
}

function checkedAffinity(value: number, reviewedCase: AssignmentCase, reviewer: AssignmentReviewer): number {
  if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_ABS_AFFINITY) {
    throw new AssignmentInputError(
      `affinity of reviewer ${reviewer.id} for case ${reviewedCase.id} must be an integer within ±${MAX_ABS_AFFINITY}, got ${value}`,
    );
  }
  return value;
}

function fillAffinities(
  input: AssignmentInput,
  cases: readonly AssignmentCase[],
  reviewers: readonly AssignmentReviewer[],
  affinity: Int32Array,
): number {
  const reviewerCount = reviewers.length;
  let maxAbs = 0;
  if (input.affinity === undefined || input.affinity === expertiseAffinity) {
    // Fast path for the default rule: it depends only on (category, reviewer), so compute each once.
    const categories = new Map<string, Int32Array>();
    for (let c = 0; c < cases.length; c++) {
      let byReviewer = categories.get(cases[c].category);
      if (!byReviewer) {
        byReviewer = Int32Array.from(reviewers, (reviewer) =>
          affinityForCategory(reviewer, cases[c].category),
        );
        categories.set(cases[c].category, byReviewer);
      }
      const row = c * reviewerCount;
      for (let r = 0; r < reviewerCount; r++) {
        if (affinity[row + r] !== INELIGIBLE) affinity[row + r] = byReviewer[r];
      }
    }
    return MAIN_EXPERTISE_AFFINITY;
  }
  const score: AffinityFunction =
    typeof input.affinity === 'function' ? input.affinity : affinityFromTable(input.affinity);
  for (let c = 0; c < cases.length; c++) {
    const row = c * reviewerCount;
    for (let r = 0; r < reviewerCount; r++) {
      if (affinity[row + r] === INELIGIBLE) continue;
      const value = checkedAffinity(score(cases[c], reviewers[r]), cases[c], reviewers[r]);
      affinity[row + r] = value;
      if (Math.abs(value) > maxAbs) maxAbs = Math.abs(value);
    }
  }
  return maxAbs;
}
