// Award allocation (ranked list within budget, tiers and quotas). It loads HiGHS (WebAssembly) for its
// look-ahead, so import it from activities or the API, never from workflow code or a shared barrel.
export {
  type AllocateAwardsOptions,
  allocateAwards,
  loadAllocationSolver,
  prepareAllocationSolver,
} from './allocate-awards';
export { warmUpSolver } from './completion-mip';
export {
  type AllocationDiagnostics,
  type AllocationInfeasibility,
  type AllocationInfeasibilityReason,
  type AllocationInfeasible,
  type AllocationInput,
  type AllocationMade,
  type AllocationResult,
  type AllocationTotal,
  type Award,
  type AwardCandidate,
  type CategoryMinimum,
  type CategoryQuota,
  type FundingTier,
  type PartialFunding,
  type UnfundedCandidate,
  type UnfundedReason,
  AllocationInputError,
} from './types';
export {
  type DecisionCase,
  type DecisionOutcome,
  type DecisionRound,
  type RankedDecisionCase,
  TOP_TIER_DEFAULT_SHARE_PERCENT,
  decisionAllocationInput,
  decisionOutcomes,
  declineReasonText,
  infeasibilityMessage,
  rankDecisionCases,
  withoutCategoryMinimums,
} from './decision-allocation';
