/** Where a reviewer sits in the expert pool: street (街道) or district (区) level. */
export type ReviewerLevel = 'street' | 'district';

/** A case (application) that needs a review panel. */
export interface AssignmentCase {
  readonly id: string;
  readonly category: string;
  readonly street: string;
  /** Applicant organization; a reviewer affiliated with it has a conflict of interest. */
  readonly organizationId: string;
  /** This case's panel must include a district-level expert (also switched on for all by the input flag). */
  readonly requiresDistrictExpert?: boolean;
}

/** An expert who can sit on review panels. */
export interface AssignmentReviewer {
  readonly id: string;
  /** Service categories the expert knows, strongest first (the default affinity rewards the first). */
  readonly expertise: readonly string[];
  /** Organization the expert works for, if any (derived conflict with that organization's cases). */
  readonly organizationId?: string;
  readonly level: ReviewerLevel;
  /** Most cases the expert agreed to review. */
  readonly maxLoad: number;
  /** Fewest cases the expert must be given (e.g. a contracted minimum); default 0. */
  readonly minLoad?: number;
  /** Unavailable experts get no cases and their loads are not counted. */
  readonly available: boolean;
}

/** A reviewer declared a conflict with one case. */
export interface CaseConflict {
  readonly reviewerId: string;
  readonly caseId: string;
}

/** A reviewer declared a conflict with every case of one organization. */
export interface OrganizationConflict {
  readonly reviewerId: string;
  readonly organizationId: string;
}

/** Integer suitability of a reviewer for a case; higher is better. */
export type AffinityFunction = (reviewedCase: AssignmentCase, reviewer: AssignmentReviewer) => number;

/** Affinity by case id, then reviewer id; pairs missing from the table score 0. */
export type AffinityTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Everything the assignment solver needs for one review round. */
export interface AssignmentInput {
  readonly cases: readonly AssignmentCase[];
  readonly reviewers: readonly AssignmentReviewer[];
  /** Panel size, the same for every case (DOMAIN.md: at least 3 at the final stage). */
  readonly reviewersPerCase: number;
  readonly caseConflicts?: readonly CaseConflict[];
  readonly organizationConflicts?: readonly OrganizationConflict[];
  /** Every panel must include at least one district-level expert. */
  readonly atLeastOneDistrictExpertPerCase?: boolean;
  /** Default: expertiseAffinity (2 for the reviewer's main expertise, 1 for another listed one, 0 otherwise). */
  readonly affinity?: AffinityFunction | AffinityTable;
}

/** The reviewers chosen for one case. */
export interface ReviewPanel {
  readonly caseId: string;
  /** Sorted by reviewer id. */
  readonly reviewerIds: readonly string[];
  readonly affinity: number;
}

/** How many cases a reviewer received. */
export interface ReviewerLoad {
  readonly reviewerId: string;
  readonly load: number;
}

/** Solver figures, for logs and benchmarks. */
export interface AssignmentDiagnostics {
  /** Conflict-free (case, available reviewer) pairs. */
  readonly eligiblePairs: number;
  /** Pair arcs the flow model actually held when it proved optimality. */
  readonly pairsInModel: number;
  /** Times the full set of pairs was priced against the model's dual values. */
  readonly pricingRounds: number;
  readonly pivots: number;
}

/** An optimal assignment that honours every constraint. */
export interface AssignmentSolved {
  readonly status: 'assigned';
  /** One panel per case, sorted by case id. */
  readonly panels: readonly ReviewPanel[];
  readonly totalAffinity: number;
  /** Available reviewers only, sorted by reviewer id. */
  readonly reviewerLoads: readonly ReviewerLoad[];
  readonly diagnostics: AssignmentDiagnostics;
}

/** Why no assignment exists, as stable codes. */
export type AssignmentInfeasibilityReason =
  | 'demand_exceeds_capacity'
  | 'minimum_loads_exceed_demand'
  | 'district_demand_exceeds_capacity'
  | 'case_short_of_reviewers'
  | 'case_without_district_expert'
  | 'reviewer_short_of_cases'
  | 'deficient_set';

/** A case with fewer conflict-free available reviewers than the panel size. */
export interface CaseShortOfReviewers {
  readonly caseId: string;
  readonly eligibleReviewers: number;
}

/** A reviewer whose minimum load exceeds the cases they may review. */
export interface ReviewerShortOfCases {
  readonly reviewerId: string;
  readonly minLoad: number;
  readonly eligibleCases: number;
}

/**
 * A set of nodes of the flow model that proves infeasibility (Hall / Hoffman): it must receive more reviews
 * than can reach it ('cases_short_of_reviews'), or its reviewers must give more reviews than its cases and
 * the pairs leaving it can take ('minimum_loads_unplaceable'). `required > available` always.
 */
export interface DeficientSet {
  readonly kind: 'cases_short_of_reviews' | 'minimum_loads_unplaceable';
  /** Cases inside the set (their whole panel). */
  readonly caseIds: readonly string[];
  /** Cases whose district-expert seat is inside the set. */
  readonly districtSeatCaseIds: readonly string[];
  readonly reviewerIds: readonly string[];
  /**
   * For 'cases_short_of_reviews': panel seats of the cases in the set, plus one district seat for each seat
   * in the set whose case is outside. For 'minimum_loads_unplaceable': the reviewers' minimum loads, plus one
   * district seat for each case in the set whose seat is outside.
   */
  readonly required: number;
  /**
   * For 'cases_short_of_reviews': maxLoad of the reviewers in the set, plus one per conflict-free pair from a
   * reviewer outside to a case or seat inside, plus k per case inside whose district seat is outside.
   * For 'minimum_loads_unplaceable': k per case in the set, plus one per pair from a reviewer inside to a case
   * or seat outside, plus k per district seat inside whose case is outside.
   */
  readonly available: number;
}

/** Numbers that explain why no assignment exists. */
export interface AssignmentInfeasibility {
  readonly reasons: readonly AssignmentInfeasibilityReason[];
  /** Cases × reviewers per case. */
  readonly demand: number;
  /** Sum of maxLoad over available reviewers. */
  readonly capacity: number;
  /** Sum of minLoad over available reviewers. */
  readonly minimumLoadTotal: number;
  /** Cases that need a district expert. */
  readonly districtDemand: number;
  /** Sum of maxLoad over available district reviewers. */
  readonly districtCapacity: number;
  readonly casesShortOfReviewers: readonly CaseShortOfReviewers[];
  /** Cases that need a district expert but have no conflict-free available one. */
  readonly casesWithoutDistrictExpert: readonly string[];
  readonly reviewersShortOfCases: readonly ReviewerShortOfCases[];
  /** Present only when none of the counts above explains the infeasibility. */
  readonly deficientSet?: DeficientSet;
}

/** No assignment satisfies every constraint; the explanation says why. */
export interface AssignmentInfeasible {
  readonly status: 'infeasible';
  readonly explanation: AssignmentInfeasibility;
}

/** Result of solveAssignment. */
export type AssignmentResult = AssignmentSolved | AssignmentInfeasible;

/** Malformed input (duplicate ids, non-integer loads or affinities...), reported before solving. */
export class AssignmentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssignmentInputError';
  }
}
