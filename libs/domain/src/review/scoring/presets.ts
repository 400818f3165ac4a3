import type { Criterion, Rubric } from './rubric';

// Presets are shared constants: frozen all the way down so no caller can change a template by accident.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function euCriterion(id: string, zh: string, en: string): Criterion {
  return {
    id,
    name: { zh, en },
    scale: { min: 0, max: 5, step: 0.5 },
    weight: 1,
    threshold: 3,
    // A score that fails the criterion's threshold must say why, so the applicant can read the reason.
    commentRequiredBelow: 3,
  };
}

function pointsCriterion(id: string, zh: string, en: string, points: number): Criterion {
  return { id, name: { zh, en }, scale: { min: 0, max: points, step: 1 }, weight: 1 };
}

/**
 * EU-style rubric (DOMAIN.md): three criteria scored 0–5 in half points, weight 1, threshold 3 on each and 10 of
 * 15 on the total; the criteria are Horizon Europe's award criteria.
 */
export const EU_STYLE_RUBRIC: Rubric = deepFreeze({
  id: 'eu-style-3x5',
  name: { zh: '欧盟式评分表（三项，每项 0–5 分）', en: 'EU-style rubric (three criteria, 0–5 each)' },
  totalFormula: 'weightedSum',
  totalThreshold: 10,
  criteria: [
    euCriterion('excellence', '卓越性', 'Excellence'),
    euCriterion('impact', '影响力', 'Impact'),
    euCriterion('implementation', '实施质量与效率', 'Quality and efficiency of implementation'),
  ],
});

/**
 * Chinese 100-point sheet (DOMAIN.md): necessity 20, feasibility 30, team capacity 20, budget reasonableness 15,
 * social benefit 15, in whole points with weight 1 (the scale max is the criterion's points). The source sets no
 * pass line, so the preset has no thresholds; programs add their own.
 */
export const CHINESE_100_POINT_RUBRIC: Rubric = deepFreeze({
  id: 'cn-100-point',
  name: { zh: '百分制评分表', en: '100-point score sheet' },
  totalFormula: 'weightedSum',
  criteria: [
    pointsCriterion('necessity', '必要性', 'Necessity', 20),
    pointsCriterion('feasibility', '可行性', 'Feasibility', 30),
    pointsCriterion('teamCapacity', '团队能力', 'Team capacity', 20),
    pointsCriterion('budgetReasonableness', '预算合理性', 'Budget reasonableness', 15),
    pointsCriterion('socialBenefit', '社会效益', 'Social benefit', 15),
  ],
});

/**
 * Performance evaluation sheet out of 100 (DOMAIN.md default weights): budget execution 10, outputs 50,
 * outcomes 30, satisfaction 10, in whole points; the grade bands (优秀 ≥ 90 …) are applied by the evaluation stage.
 */
export const PERFORMANCE_EVALUATION_RUBRIC: Rubric = deepFreeze({
  id: 'performance-evaluation-100',
  name: { zh: '绩效评估表', en: 'Performance evaluation sheet' },
  totalFormula: 'weightedSum',
  criteria: [
    pointsCriterion('budgetExecution', '预算执行', 'Budget execution', 10),
    pointsCriterion('outputs', '产出', 'Outputs', 50),
    pointsCriterion('outcomes', '效果', 'Outcomes', 30),
    pointsCriterion('satisfaction', '满意度', 'Satisfaction', 10),
  ],
});

/**
 * Technical sheet for bids on a purchase of services, out of 100 in whole points: service plan 30, team and
 * qualifications 25, record on similar projects 20, quality assurance 15, knowledge of the community 10. With
 * comprehensive scoring its total is scaled to the points left after the price weight (90 at 10 %).
 */
export const PROCUREMENT_TECHNICAL_RUBRIC: Rubric = deepFreeze({
  id: 'procurement-services-technical',
  name: { zh: '政府购买服务技术评分表', en: 'Technical sheet for purchased services' },
  totalFormula: 'weightedSum',
  criteria: [
    pointsCriterion('servicePlan', '服务方案', 'Service plan', 30),
    pointsCriterion('teamQualifications', '团队与资质', 'Team and qualifications', 25),
    pointsCriterion('trackRecord', '类似项目业绩', 'Record on similar projects', 20),
    pointsCriterion('qualityAssurance', '质量保障措施', 'Quality assurance', 15),
    pointsCriterion('communityKnowledge', '社区了解程度', 'Knowledge of the community', 10),
  ],
});

/** Every preset by id, so a template's `rubricId` resolves to its rubric. */
export const RUBRIC_PRESETS: Readonly<Record<string, Rubric>> = Object.freeze(
  Object.fromEntries(
    [
      EU_STYLE_RUBRIC,
      CHINESE_100_POINT_RUBRIC,
      PERFORMANCE_EVALUATION_RUBRIC,
      PROCUREMENT_TECHNICAL_RUBRIC,
    ].map((rubric) => [rubric.id, rubric]),
  ),
);
