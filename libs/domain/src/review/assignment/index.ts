// Reviewer assignment: exact min-cost-flow solver and its types. Pure and synchronous (no wasm), so any
// layer may import it.
export { solveAssignment } from './solve-assignment';
export {
  MAIN_EXPERTISE_AFFINITY,
  MAX_ABS_AFFINITY,
  OTHER_EXPERTISE_AFFINITY,
  affinityForCategory,
  affinityFromTable,
  expertiseAffinity,
} from './affinity';
export {
  type AffinityFunction,
  type AffinityTable,
  type AssignmentCase,
  type AssignmentDiagnostics,
  type AssignmentInfeasibility,
  type AssignmentInfeasibilityReason,
  type AssignmentInfeasible,
  type AssignmentInput,
  type AssignmentResult,
  type AssignmentReviewer,
  type AssignmentSolved,
  type CaseConflict,
  type CaseShortOfReviewers,
  type DeficientSet,
  type OrganizationConflict,
  type ReviewPanel,
  type ReviewerLevel,
  type ReviewerLoad,
  type ReviewerShortOfCases,
  AssignmentInputError,
} from './types';
