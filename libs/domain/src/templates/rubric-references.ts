// Templates refer to rubrics by id only; the rubric definitions (criteria, scales, weights, thresholds) belong
// to the scoring rules in libs/domain/src/review/scoring, whose presets carry the same ids (EU_STYLE_RUBRIC,
// CHINESE_100_POINT_RUBRIC). The performance evaluation sheet has no preset there yet.

/** EU-style rubric: criteria scored 0–5 in half points, threshold 3 per criterion and 10 of 15 overall. */
export const EU_STYLE_RUBRIC_ID = 'eu-style-3x5';

/** Chinese 100-point sheet: necessity 20, feasibility 30, team 20, budget reasonableness 15, social benefit 15. */
export const HUNDRED_POINT_RUBRIC_ID = 'cn-100-point';

/** Technical sheet for bids on purchased services, out of 100, scaled to (100 − price weight) with price scoring. */
export const PROCUREMENT_TECHNICAL_RUBRIC_ID = 'procurement-services-technical';

/** Performance evaluation sheet out of 100: budget execution 10, outputs 50, outcomes 30, satisfaction 10. */
export const PERFORMANCE_EVALUATION_RUBRIC_ID = 'performance-evaluation-100';
