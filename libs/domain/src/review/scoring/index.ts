// Scoring rules of the review engine: rubrics, score sheets, aggregation, calibration, disagreement,
// consensus, ranking and procurement price scores. Pure and synchronous, so workflow update validators can call them.
export {
  CHINESE_100_POINT_RUBRIC,
  EU_STYLE_RUBRIC,
  PERFORMANCE_EVALUATION_RUBRIC,
  PROCUREMENT_TECHNICAL_RUBRIC,
  RUBRIC_PRESETS,
} from './presets';
export {
  type Criterion,
  type CriterionScale,
  type Rubric,
  findCriterion,
  rubricTotalRange,
  validateRubric,
} from './rubric';
export type {
  FieldError,
  FieldErrorCode,
  FieldErrorParams,
  FieldSubject,
  LocalizedFieldError,
  ReportedValue,
  ScoringLocale,
} from './field-error';
export { localizeFieldError, renderFieldError, renderIneligibleReason } from './messages';
export {
  type ScoreSheet,
  type ScoreSheetInput,
  type ScoreSheetResult,
  computeTotal,
  isOnScale,
  parseScoreSheet,
  validateScoreSheet,
} from './score-sheet';
export {
  type CalibratedReview,
  type CalibrationModel,
  type CalibrationStatus,
  type MeanSd,
  type ReviewScores,
  type ReviewerCalibration,
  DEFAULT_CALIBRATION_MIN_REVIEWS,
  buildCalibrationModel,
  calibrateReview,
} from './calibration';
export {
  type DisagreementResolution,
  type DisagreementResult,
  type DisagreementRule,
  type DisagreementStatus,
  type SpreadFlag,
  DEFAULT_DISAGREEMENT_RULE,
  detectDisagreement,
  disagreementThresholds,
  validateDisagreementRule,
} from './disagreement';
export {
  type AggregateCaseInput,
  type CaseScoreSummary,
  type ConsensusRecord,
  type ReviewResult,
  type ScoreSet,
  aggregateCaseScores,
} from './aggregation';
export {
  type ConsensusInput,
  type ConsensusOptions,
  type ConsensusResult,
  applyConsensus,
} from './consensus';
export {
  type IneligibleReason,
  type RankKey,
  type RankedCase,
  type RankingEntry,
  type RankingOptions,
  type ScoreBasis,
  type Separation,
  type ThresholdCheck,
  type TieBreak,
  DEFAULT_TIE_BREAKS,
  effectiveTieBreaks,
  rankCases,
  validateRankingOptions,
} from './ranking';
export {
  type BidEvaluation,
  type BidToScore,
  type ProcurementMethod,
  type ScoredBid,
  PRICE_WEIGHT_LIMITS,
  evaluateBids,
  priceScore,
  validatePriceWeight,
} from './price-score';
export { MAX_DECIMALS, SCORE_DECIMALS } from './decimal';
export {
  type PricedCase,
  LOWER_PRICE_TIE_BREAKS,
  PRICE_CRITERION_ID,
  TECHNICAL_CRITERION_ID,
  technicalPoints,
  withPriceCriterion,
} from './comprehensive-score';
