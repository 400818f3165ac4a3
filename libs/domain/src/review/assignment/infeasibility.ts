import { INELIGIBLE, type AssignmentInstance } from './instance';
import type { AssignmentInfeasibility, AssignmentInfeasibilityReason, DeficientSet } from './types';

/** Node numbering of the flow model: reviewers, then cases, then district seats, then the pool (internal). */
export interface FlowLayout {
  readonly nodeCount: number;
  readonly pool: number;
  /** Seat node of case c, or -1 when the case needs no district expert. */
  readonly seatOfCase: Int32Array;
}

/** Final flow of an infeasible big-M solve, read back from the network simplex (internal). */
export interface FlowSnapshot {
  /** 1 where reviewer r reviews case c, row-major by case. */
  readonly pairFlow: Uint8Array;
  /** Flow on pool → reviewer, i.e. the reviewer's load. */
  readonly reviewerLoad: Int32Array;
  /** Flow on seat → case: reviews a case gets from district experts. */
  readonly seatFlow: Int32Array;
  /** Per node: > 0 supply the model could not ship, < 0 demand it could not meet. */
  readonly imbalance: Float64Array;
}

/** Counts that are cheap to check and explain most infeasible rounds without solving anything. */
export function countShortages(instance: AssignmentInstance): AssignmentInfeasibility {
  const { caseCount, reviewerCount, panelSize, affinity, needsDistrictExpert, isDistrictReviewer } = instance;
  const reasons: AssignmentInfeasibilityReason[] = [];
  let capacity = 0;
  let minimumLoadTotal = 0;
  let districtCapacity = 0;
  for (let r = 0; r < reviewerCount; r++) {
    capacity += instance.maxLoad[r];
    minimumLoadTotal += instance.minLoad[r];
    if (isDistrictReviewer[r]) districtCapacity += instance.maxLoad[r];
  }
  const demand = caseCount * panelSize;
  let districtDemand = 0;
  const eligibleCasesOfReviewer = new Int32Array(reviewerCount);
  const casesShortOfReviewers = [];
  const casesWithoutDistrictExpert = [];
  for (let c = 0; c < caseCount; c++) {
    const row = c * reviewerCount;
    let eligible = 0;
    let eligibleDistrict = 0;
    for (let r = 0; r < reviewerCount; r++) {
      if (affinity[row + r] === INELIGIBLE) continue;
      eligible++;
      eligibleDistrict += isDistrictReviewer[r];
      eligibleCasesOfReviewer[r]++;
    }
    if (eligible < panelSize)
      casesShortOfReviewers.push({ caseId: instance.cases[c].id, eligibleReviewers: eligible });
    if (needsDistrictExpert[c]) {
      districtDemand++;
      if (eligibleDistrict === 0) casesWithoutDistrictExpert.push(instance.cases[c].id);
    }
  }
  const reviewersShortOfCases = [];
  for (let r = 0; r < reviewerCount; r++) {
    if (instance.minLoad[r] > eligibleCasesOfReviewer[r]) {
      reviewersShortOfCases.push({
        reviewerId: instance.reviewers[r].id,
        minLoad: instance.minLoad[r],
        eligibleCases: eligibleCasesOfReviewer[r],
      });
    }
  }
  if (demand > capacity) reasons.push('demand_exceeds_capacity');
  if (minimumLoadTotal > demand) reasons.push('minimum_loads_exceed_demand');
  if (districtDemand > districtCapacity) reasons.push('district_demand_exceeds_capacity');
  if (casesShortOfReviewers.length > 0) reasons.push('case_short_of_reviewers');
  if (casesWithoutDistrictExpert.length > 0) reasons.push('case_without_district_expert');
  if (reviewersShortOfCases.length > 0) reasons.push('reviewer_short_of_cases');
  return {
    reasons,
    demand,
    capacity,
    minimumLoadTotal,
    districtDemand,
    districtCapacity,
    casesShortOfReviewers,
    casesWithoutDistrictExpert,
    reviewersShortOfCases,
  };
}

// Residual-graph searches over the whole model. Pair arcs are read from the dense matrix, so pairs the
// solver never priced into its network are included (they carry no flow and are open forward).
class ResidualGraph {
  private readonly caseBase: number;
  private readonly caseOfSeat: Int32Array;

  constructor(
    private readonly instance: AssignmentInstance,
    private readonly layout: FlowLayout,
    private readonly flow: FlowSnapshot,
  ) {
    this.caseBase = instance.reviewerCount;
    this.caseOfSeat = new Int32Array(layout.nodeCount).fill(-1);
    layout.seatOfCase.forEach((seat, c) => {
      if (seat >= 0) this.caseOfSeat[seat] = c;
    });
  }

  /** Node that the pair (c, r) flows into: the case's district seat for a district expert, else the case. */
  pairTarget(c: number, r: number): number {
    const seat = this.layout.seatOfCase[c];
    return seat >= 0 && this.instance.isDistrictReviewer[r] ? seat : this.caseBase + c;
  }

  /** Nodes from which some unmet-demand node can be reached (reverse search). */
  canReachDeficit(): Uint8Array {
    const { instance, layout, flow } = this;
    const inSet = new Uint8Array(layout.nodeCount);
    const queue: number[] = [];
    const add = (node: number) => {
      if (!inSet[node]) {
        inSet[node] = 1;
        queue.push(node);
      }
    };
    for (let node = 0; node < layout.nodeCount; node++) if (flow.imbalance[node] < 0) add(node);
    const R = instance.reviewerCount;
    while (queue.length > 0) {
      const node = queue.pop() as number;
      if (node === layout.pool) {
        for (let r = 0; r < R; r++) if (flow.reviewerLoad[r] > instance.minLoad[r]) add(r);
      } else if (node < R) {
        const r = node;
        if (flow.reviewerLoad[r] < instance.maxLoad[r]) add(layout.pool);
        for (let c = 0; c < instance.caseCount; c++) if (flow.pairFlow[c * R + r]) add(this.pairTarget(c, r));
      } else if (node < R + instance.caseCount) {
        const c = node - R;
        for (let r = 0; r < R; r++) {
          const pair = c * R + r;
          if (
            instance.affinity[pair] !== INELIGIBLE &&
            !flow.pairFlow[pair] &&
            this.pairTarget(c, r) === node
          )
            add(r);
        }
        const seat = layout.seatOfCase[c];
        if (seat >= 0 && flow.seatFlow[c] < instance.panelSize) add(seat);
      } else {
        const c = this.caseOfSeat[node];
        for (let r = 0; r < R; r++) {
          const pair = c * R + r;
          if (
            instance.isDistrictReviewer[r] &&
            instance.affinity[pair] !== INELIGIBLE &&
            !flow.pairFlow[pair]
          )
            add(r);
        }
        if (flow.seatFlow[c] > 1) add(R + c);
      }
    }
    return inSet;
  }

  /** Nodes reachable from some node with unshipped supply (forward search). */
  reachableFromSurplus(): Uint8Array {
    const { instance, layout, flow } = this;
    const inSet = new Uint8Array(layout.nodeCount);
    const queue: number[] = [];
    const add = (node: number) => {
      if (!inSet[node]) {
        inSet[node] = 1;
        queue.push(node);
      }
    };
    for (let node = 0; node < layout.nodeCount; node++) if (flow.imbalance[node] > 0) add(node);
    const R = instance.reviewerCount;
    while (queue.length > 0) {
      const node = queue.pop() as number;
      if (node === layout.pool) {
        for (let r = 0; r < R; r++) if (flow.reviewerLoad[r] < instance.maxLoad[r]) add(r);
      } else if (node < R) {
        const r = node;
        if (flow.reviewerLoad[r] > instance.minLoad[r]) add(layout.pool);
        for (let c = 0; c < instance.caseCount; c++) {
          const pair = c * R + r;
          if (instance.affinity[pair] !== INELIGIBLE && !flow.pairFlow[pair]) add(this.pairTarget(c, r));
        }
      } else if (node < R + instance.caseCount) {
        const c = node - R;
        for (let r = 0; r < R; r++) if (flow.pairFlow[c * R + r] && this.pairTarget(c, r) === node) add(r);
        const seat = layout.seatOfCase[c];
        if (seat >= 0 && flow.seatFlow[c] > 1) add(seat);
      } else {
        const c = this.caseOfSeat[node];
        if (flow.seatFlow[c] < instance.panelSize) add(R + c);
        for (let r = 0; r < R; r++) if (flow.pairFlow[c * R + r] && instance.isDistrictReviewer[r]) add(r);
      }
    }
    return inSet;
  }
}

/** Required and available reviews of a node set (see DeficientSet), computed from the input alone. */
export function measureNodeSet(
  instance: AssignmentInstance,
  layout: FlowLayout,
  inSet: Uint8Array,
  kind: DeficientSet['kind'],
): { required: number; available: number } {
  const R = instance.reviewerCount;
  const k = instance.panelSize;
  const target = (c: number, r: number) =>
    layout.seatOfCase[c] >= 0 && instance.isDistrictReviewer[r] ? layout.seatOfCase[c] : R + c;
  let required = 0;
  let available = 0;
  if (kind === 'cases_short_of_reviews') {
    for (let r = 0; r < R; r++) if (inSet[r]) available += instance.maxLoad[r];
    for (let c = 0; c < instance.caseCount; c++) {
      const seat = layout.seatOfCase[c];
      const caseIn = inSet[R + c] === 1;
      if (caseIn) required += k;
      if (seat >= 0 && inSet[seat] && !caseIn) required += 1;
      if (seat >= 0 && !inSet[seat] && caseIn) available += k;
      for (let r = 0; r < R; r++) {
        if (instance.affinity[c * R + r] !== INELIGIBLE && !inSet[r] && inSet[target(c, r)]) available += 1;
      }
    }
  } else {
    for (let r = 0; r < R; r++) if (inSet[r]) required += instance.minLoad[r];
    for (let c = 0; c < instance.caseCount; c++) {
      const seat = layout.seatOfCase[c];
      const caseIn = inSet[R + c] === 1;
      if (caseIn) available += k;
      if (seat >= 0 && !inSet[seat] && caseIn) required += 1;
      if (seat >= 0 && inSet[seat] && !caseIn) available += k;
      for (let r = 0; r < R; r++) {
        if (instance.affinity[c * R + r] !== INELIGIBLE && inSet[r] && !inSet[target(c, r)]) available += 1;
      }
    }
  }
  return { required, available };
}

/**
 * Hall-type certificate from the max-flow min cut. The big-M network simplex leaves the least possible flow
 * on artificial arcs, i.e. its real flow is a maximum feasible flow; the nodes that can still reach an unmet
 * demand through residual arcs then form a set whose demand exceeds everything that can enter it. If that set
 * contains the pool, the shortfall is on the supply side: minimum loads that cannot be placed, found by the
 * forward search from unshipped supply instead.
 */
export function findDeficientSet(
  instance: AssignmentInstance,
  layout: FlowLayout,
  flow: FlowSnapshot,
): DeficientSet {
  const graph = new ResidualGraph(instance, layout, flow);
  let inSet = graph.canReachDeficit();
  let kind: DeficientSet['kind'] = 'cases_short_of_reviews';
  if (inSet[layout.pool]) {
    inSet = graph.reachableFromSurplus();
    kind = 'minimum_loads_unplaceable';
    if (inSet[layout.pool])
      throw new Error('assignment: residual searches disagree; the flow is not maximum');
  }
  const R = instance.reviewerCount;
  const caseIds: string[] = [];
  const districtSeatCaseIds: string[] = [];
  for (let c = 0; c < instance.caseCount; c++) {
    if (inSet[R + c]) caseIds.push(instance.cases[c].id);
    const seat = layout.seatOfCase[c];
    if (seat >= 0 && inSet[seat]) districtSeatCaseIds.push(instance.cases[c].id);
  }
  const reviewerIds = instance.reviewers.filter((_, r) => inSet[r]).map((reviewer) => reviewer.id);
  const { required, available } = measureNodeSet(instance, layout, inSet, kind);
  if (required <= available) throw new Error('assignment: the min-cut set does not prove infeasibility');
  return { kind, caseIds, districtSeatCaseIds, reviewerIds, required, available };
}
