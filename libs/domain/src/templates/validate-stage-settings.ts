import {
  PRICE_CRITERION_ID,
  RUBRIC_PRESETS,
  TECHNICAL_CRITERION_ID,
  validateRankingOptions,
} from '../review/scoring';
import { decimalPlaces } from '../review/scoring/decimal';
import { isFen } from '../money';
import {
  TRANCHE_EVENTS,
  type AdvancementRule,
  type CategoryQuota,
  type EvaluationStage,
  type ImplementationStage,
  type RevisionRule,
  type Stage,
} from './stages';
import {
  checkKey,
  checkText,
  checkUnique,
  isPercent,
  isWholeNumberAtLeast,
  reportCount,
  reportPercent,
  type Report,
} from './template-errors';
import { checkDuration, compareDurations, type DurationAt } from './validate-durations';

function checkRevision(report: Report, path: string, rule: RevisionRule, durations: DurationAt[]): void {
  if (!rule.allowed) return;
  checkDuration(report, `${path}.deadline`, rule.deadline, durations);
  if (!isWholeNumberAtLeast(rule.maxRounds, 1)) reportCount(report, `${path}.maxRounds`, 1);
}

/** Checks the settings of a stage according to its kind. */
// Category quotas of a decision: one per category, whole-number counts with min ≤ max, positive money caps.
function checkCategoryQuotas(report: Report, path: string, quotas: CategoryQuota[] | undefined): void {
  if (quotas === undefined) return;
  if (!Array.isArray(quotas)) {
    report(path, 'invalid_setting', { zh: '类别配额必须是列表', en: 'Category quotas must be a list' });
    return;
  }
  const seen = new Set<string>();
  quotas.forEach((quota, index) => {
    const quotaPath = `${path}[${index}]`;
    if (typeof quota.category !== 'string' || quota.category.trim() === '') {
      report(`${quotaPath}.category`, 'invalid_category', {
        zh: '类别配额须指明项目类别',
        en: 'A category quota needs a category',
      });
    } else if (seen.has(quota.category)) {
      report(`${quotaPath}.category`, 'duplicate_category_quota', {
        zh: `类别「${quota.category}」的配额重复`,
        en: `Category "${quota.category}" has more than one quota`,
      });
    }
    seen.add(quota.category);
    const minValid = quota.minCount === undefined || isWholeNumberAtLeast(quota.minCount, 0);
    const maxValid = quota.maxCount === undefined || isWholeNumberAtLeast(quota.maxCount, 0);
    if (!minValid) reportCount(report, `${quotaPath}.minCount`, 0);
    if (!maxValid) reportCount(report, `${quotaPath}.maxCount`, 0);
    if (
      minValid &&
      maxValid &&
      quota.minCount !== undefined &&
      quota.maxCount !== undefined &&
      quota.minCount > quota.maxCount
    ) {
      report(`${quotaPath}.minCount`, 'quota_min_above_max', {
        zh: '类别配额的最少数量不能大于最多数量',
        en: "A category quota's minimum count may not exceed its maximum",
      });
    }
    if (quota.maxAmountFen !== undefined && (!isFen(quota.maxAmountFen) || quota.maxAmountFen === 0)) {
      report(`${quotaPath}.maxAmountFen`, 'invalid_amount', {
        zh: '类别资助总额上限必须是以分为单位的正整数',
        en: "A category's money cap must be a positive whole number of fen",
      });
    }
  });
}

export function checkSettings(report: Report, stage: Stage, path: string, durations: DurationAt[]): void {
  const settingsPath = `${path}.settings`;
  switch (stage.kind) {
    case 'submission': {
      if (!['program_call', 'per_case'].includes(stage.settings.window)) {
        report(`${settingsPath}.window`, 'invalid_setting', {
          zh: '征集窗口须为 program_call 或 per_case',
          en: 'The window is program_call or per_case',
        });
      }
      checkRevision(report, `${settingsPath}.revision`, stage.settings.revision, durations);
      checkOptionalBoolean(report, `${settingsPath}.sealed`, stage.settings.sealed);
      return;
    }
    case 'screening': {
      const { checklist, minEligible } = stage.settings;
      if (minEligible !== undefined && !isWholeNumberAtLeast(minEligible, 1)) {
        reportCount(report, `${settingsPath}.minEligible`, 1);
      }
      if (checklist.length === 0) {
        report(`${settingsPath}.checklist`, 'empty_checklist', {
          zh: '资格审查至少需要一个审查项',
          en: 'Screening needs at least one checklist item',
        });
      }
      checklist.forEach((item, index) => {
        checkKey(report, `${settingsPath}.checklist[${index}].key`, item.key);
        checkText(report, `${settingsPath}.checklist[${index}].label`, item.label);
      });
      checkUnique(
        report,
        checklist.map((item, index) => ({ path: `${settingsPath}.checklist[${index}].key`, key: item.key })),
      );
      checkRevision(report, `${settingsPath}.revision`, stage.settings.revision, durations);
      return;
    }
    case 'review': {
      const { settings } = stage;
      if (settings.level !== 'street' && settings.level !== 'district') {
        report(`${settingsPath}.level`, 'invalid_setting', {
          zh: '评审层级须为 street 或 district',
          en: 'Review level is street or district',
        });
      }
      if (settings.disagreement !== 'consensus' && settings.disagreement !== 'extra_reviewer') {
        report(`${settingsPath}.disagreement`, 'invalid_setting', {
          zh: '分歧处理须为 consensus 或 extra_reviewer',
          en: 'Disagreement resolution is consensus or extra_reviewer',
        });
      }
      if (typeof settings.rubricId !== 'string' || settings.rubricId.trim() === '') {
        report(`${settingsPath}.rubricId`, 'missing_rubric', {
          zh: '评审须指定评分细则',
          en: 'A review needs a rubric',
        });
      }
      if (!isWholeNumberAtLeast(settings.reviewersPerCase, 1)) {
        report(`${settingsPath}.reviewersPerCase`, 'reviewers_per_case_below_one', {
          zh: '每个案件至少需要 1 名评审专家',
          en: 'Each case needs at least 1 reviewer',
        });
      }
      checkAdvancement(report, `${settingsPath}.advancement`, settings.advancement);
      if (
        settings.requireDistrictExpert !== undefined &&
        typeof settings.requireDistrictExpert !== 'boolean'
      ) {
        report(`${settingsPath}.requireDistrictExpert`, 'invalid_setting', {
          zh: '是否要求区级专家须为 true 或 false',
          en: 'requireDistrictExpert is true or false',
        });
      }
      const rubric = RUBRIC_PRESETS[settings.rubricId];
      if (settings.priceScoring !== undefined) {
        checkPriceScoring(report, `${settingsPath}.priceScoring`, settings.priceScoring.priceWeightPercent);
        if (rubric?.criteria.some((c) => c.id === PRICE_CRITERION_ID || c.id === TECHNICAL_CRITERION_ID)) {
          report(`${settingsPath}.rubricId`, 'invalid_setting', {
            zh: '综合评分的评分细则不能含有名为 price 或 technical 的评分项',
            en: 'A rubric scored with price may not have criteria named price or technical',
          });
        }
      }
      if (settings.tieBreaks !== undefined && rubric) {
        // A tie-break on a criterion the rubric does not have could never separate two cases.
        for (const error of validateRankingOptions(rubric, {
          basis: 'mean',
          tieBreaks: settings.tieBreaks,
        })) {
          report(`${settingsPath}.${error.field}`, 'invalid_setting', {
            zh: '排名并列规则须引用评分细则中的评分项',
            en: 'Tie-breaks must name criteria of the rubric',
          });
        }
      }
      return;
    }
    case 'decision': {
      const { tiers, budget, partialFunding, categoryQuotas, allocation } = stage.settings;
      if (allocation !== undefined && allocation !== 'program' && allocation !== 'by_hand') {
        report(`${settingsPath}.allocation`, 'invalid_setting', {
          zh: '分配方式须为 program（项目统一分配）或 by_hand（逐个决定）',
          en: 'The allocation must be program (allocated across the program) or by_hand (case by case)',
        });
      }
      if (allocation === 'by_hand' && categoryQuotas !== undefined && categoryQuotas.length > 0) {
        // Quotas bind an allocation across cases; a case decided on its own has none to respect.
        report(`${settingsPath}.categoryQuotas`, 'invalid_setting', {
          zh: '逐个决定的资助不能设置类别配额',
          en: 'A decision taken case by case cannot have category quotas',
        });
      }
      if (tiers.length === 0) {
        report(`${settingsPath}.tiers`, 'no_tiers', {
          zh: '至少需要一个资助档次',
          en: 'A decision needs award tiers',
        });
      }
      let previousCap: number | undefined;
      let previousMinScore: number | undefined;
      tiers.forEach((tier, index) => {
        const tierPath = `${settingsPath}.tiers[${index}]`;
        checkKey(report, `${tierPath}.key`, tier.key);
        checkText(report, `${tierPath}.name`, tier.name);
        if (tier.maxAwards !== undefined && !isWholeNumberAtLeast(tier.maxAwards, 1)) {
          reportCount(report, `${tierPath}.maxAwards`, 1);
        }
        if (tier.maxAwardFen !== undefined) {
          if (!isFen(tier.maxAwardFen) || tier.maxAwardFen === 0) {
            report(`${tierPath}.maxAwardFen`, 'invalid_amount', {
              zh: '资助上限必须是以分为单位的正整数',
              en: 'An award cap must be a positive whole number of fen',
            });
          } else if (previousCap !== undefined && tier.maxAwardFen > previousCap) {
            // Tiers are listed highest first: 重点资助 is never capped below 入围.
            report(`${tierPath}.maxAwardFen`, 'tier_order', {
              zh: '资助档次须从高到低排列，后一档的上限不能高于前一档',
              en: 'Tiers go from highest to lowest: a later tier may not have a higher cap',
            });
          }
          previousCap = tier.maxAwardFen;
        }
        if (tier.minScore !== undefined) {
          if (typeof tier.minScore !== 'number' || !Number.isFinite(tier.minScore) || tier.minScore < 0) {
            report(`${tierPath}.minScore`, 'invalid_score', {
              zh: '最低分数必须是不小于 0 的数',
              en: 'A minimum score must be a number of at least 0',
            });
            return;
          }
          if (previousMinScore !== undefined && tier.minScore > previousMinScore) {
            // A higher tier never asks for less than a lower one: 重点资助 needs at least 入围's score.
            report(`${tierPath}.minScore`, 'tier_order', {
              zh: '资助档次须从高到低排列，后一档的最低分数不能高于前一档',
              en: 'Tiers go from highest to lowest: a later tier may not need a higher score',
            });
          }
        }
        previousMinScore = tier.minScore ?? 0;
      });
      checkCategoryQuotas(report, `${settingsPath}.categoryQuotas`, categoryQuotas);
      checkUnique(
        report,
        tiers.map((tier, index) => ({ path: `${settingsPath}.tiers[${index}].key`, key: tier.key })),
      );
      if (budget.source === 'template' && (!isFen(budget.totalFen) || budget.totalFen === 0)) {
        report(`${settingsPath}.budget.totalFen`, 'invalid_amount', {
          zh: '预算必须是以分为单位的正整数',
          en: 'The budget must be a positive whole number of fen',
        });
      }
      if (partialFunding.allowed && !isPercent(partialFunding.floorPercent)) {
        reportPercent(report, `${settingsPath}.partialFunding.floorPercent`);
      }
      return;
    }
    case 'public_notice':
      return;
    case 'agreement': {
      const { signatories } = stage.settings;
      if (signatories.length === 0) {
        report(`${settingsPath}.signatories`, 'no_signatories', {
          zh: '协议至少需要一方签署',
          en: 'An agreement needs at least one signatory',
        });
      }
      signatories.forEach((role, index) => {
        if (!(stage.permissions[role] ?? []).includes('sign_agreement')) {
          report(`${settingsPath}.signatories[${index}]`, 'signatory_cannot_sign', {
            zh: `签署方「${role}」没有被授予「sign_agreement」`,
            en: `Signatory "${role}" is not granted "sign_agreement"`,
          });
        }
      });
      return;
    }
    case 'implementation':
      checkImplementation(report, stage, settingsPath, durations);
      return;
    case 'evaluation':
      checkEvaluation(report, stage, path);
      return;
    case 'closure':
      return;
  }
}

function checkOptionalBoolean(report: Report, path: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    report(path, 'invalid_setting', { zh: '须为 true 或 false', en: 'Must be true or false' });
  }
}

// The price weight of comprehensive scoring: above 0 and at most 100 percent, at most 2 decimals.
function checkPriceScoring(report: Report, path: string, weight: number): void {
  if (!isPercent(weight) || decimalPlaces(weight, 2) === undefined) {
    report(`${path}.priceWeightPercent`, 'invalid_percent', {
      zh: '价格权重必须大于 0 且不超过 100，最多两位小数',
      en: 'The price weight is above 0 and at most 100, with at most 2 decimals',
    });
  }
}

function checkAdvancement(report: Report, path: string, advancement: AdvancementRule): void {
  const invalid = (en: string, zh: string) => report(path, 'invalid_advancement', { zh, en });
  switch (advancement.rule) {
    case 'min_score':
      if (!Number.isFinite(advancement.minScore) || advancement.minScore < 0) {
        invalid('The minimum score must be a number of at least 0', '晋级分数线必须是不小于 0 的数');
      }
      return;
    case 'top_n':
      if (!isWholeNumberAtLeast(advancement.count, 1)) {
        invalid('Top-N needs a whole number of at least 1', '前 N 名须为不小于 1 的整数');
      }
      return;
    case 'top_share':
      if (!isPercent(advancement.percent)) {
        invalid('The share must be above 0 and at most 100 percent', '晋级比例必须大于 0 且不超过 100%');
      }
      return;
    case 'rubric_thresholds':
      return;
    default:
      invalid(
        'Advancement is min_score, top_n, top_share or rubric_thresholds',
        '晋级规则须为 min_score、top_n、top_share 或 rubric_thresholds',
      );
  }
}

function checkImplementation(
  report: Report,
  stage: ImplementationStage,
  path: string,
  durations: DurationAt[],
): void {
  const { reports, tranches } = stage.settings;
  reports.forEach((milestone, index) => {
    const reportPath = `${path}.reports[${index}]`;
    checkKey(report, `${reportPath}.key`, milestone.key);
    checkText(report, `${reportPath}.name`, milestone.name);
    checkDuration(report, `${reportPath}.dueAfter`, milestone.dueAfter, durations);
    checkDuration(report, `${reportPath}.remindBefore`, milestone.remindBefore, durations);
    if (milestone.overdueGrace !== undefined) {
      checkDuration(report, `${reportPath}.overdueGrace`, milestone.overdueGrace, durations);
    }
    const dueVersusStage = compareDurations(milestone.dueAfter, stage.duration);
    if (dueVersusStage !== undefined && dueVersusStage > 0) {
      report(`${reportPath}.dueAfter`, 'report_due_after_stage', {
        zh: '报告截止时间不能晚于本阶段结束',
        en: 'A report cannot be due after its stage ends',
      });
    }
    const reminderVersusDue = compareDurations(milestone.remindBefore, milestone.dueAfter);
    if (reminderVersusDue !== undefined && reminderVersusDue >= 0) {
      report(`${reportPath}.remindBefore`, 'reminder_not_before_due', {
        zh: '提前提醒的时长须短于报告的截止期限',
        en: 'The reminder lead time must be shorter than the time until the report is due',
      });
    }
  });
  checkUnique(
    report,
    reports.map((milestone, index) => ({ path: `${path}.reports[${index}].key`, key: milestone.key })),
  );
  tranches.forEach((tranche, index) => {
    const tranchePath = `${path}.tranches[${index}]`;
    checkKey(report, `${tranchePath}.key`, tranche.key);
    checkText(report, `${tranchePath}.name`, tranche.name);
    if (!isPercent(tranche.percent) || !Number.isInteger(tranche.percent)) {
      report(`${tranchePath}.percent`, 'invalid_percent', {
        zh: '拨付比例必须是 1 到 100 之间的整数',
        en: 'A tranche is a whole percentage from 1 to 100',
      });
    }
    if (!TRANCHE_EVENTS.includes(tranche.releasedOn)) {
      report(`${tranchePath}.releasedOn`, 'unknown_tranche_event', {
        zh: `未知的拨付节点「${tranche.releasedOn}」`,
        en: `Unknown tranche event "${tranche.releasedOn}"`,
      });
    }
  });
}

function checkEvaluation(report: Report, stage: EvaluationStage, stagePath: string): void {
  const path = `${stagePath}.settings`;
  const { phase, rubricId, grades, failingGrade } = stage.settings;
  if (phase !== 'midterm' && phase !== 'final') {
    report(`${path}.phase`, 'invalid_setting', {
      zh: '评估阶段须为 midterm 或 final',
      en: 'Phase is midterm or final',
    });
  }
  if (typeof rubricId !== 'string' || rubricId.trim() === '') {
    report(`${path}.rubricId`, 'missing_rubric', {
      zh: '评估须指定评分表',
      en: 'An evaluation needs a rubric',
    });
  }
  if (failingGrade !== 'stop_tranches' && failingGrade !== 'terminate') {
    report(`${path}.failingGrade`, 'invalid_setting', {
      zh: '不合格的后果须为 stop_tranches 或 terminate',
      en: 'A failing grade either stops tranches or terminates',
    });
  }
  const failed = stage.outcomes.failed;
  checkOptionalBoolean(report, `${path}.barProviderOnFail`, stage.settings.barProviderOnFail);
  if (failingGrade === 'terminate' && !(failed && 'terminal' in failed && failed.terminal === 'terminated')) {
    report(`${stagePath}.outcomes.failed`, 'failing_grade_effect_mismatch', {
      zh: '不合格即终止时，「failed」必须指向终止状态 terminated',
      en: 'When a failing grade terminates, "failed" must lead to the terminal state terminated',
    });
  }
  checkGradeBands(report, `${path}.grades`, grades);
}

/** Checks performance grade bands: keys, names, ranges within 0–100, no gap or overlap, failing bands lowest. */
export function checkGradeBands(
  report: Report,
  path: string,
  grades: EvaluationStage['settings']['grades'],
): void {
  grades.forEach((band, index) => {
    const bandPath = `${path}[${index}]`;
    checkKey(report, `${bandPath}.key`, band.key);
    checkText(report, `${bandPath}.name`, band.name);
    const inRange = (score: number) => Number.isFinite(score) && score >= 0 && score <= 100;
    if (!inRange(band.minScore) || !inRange(band.maxScore) || band.minScore >= band.maxScore) {
      report(bandPath, 'grade_band_range', {
        zh: '等级区间须在 0–100 之内，且下限小于上限',
        en: 'A grade band lies within 0–100 with its minimum below its maximum',
      });
    }
  });
  checkUnique(
    report,
    grades.map((band, index) => ({ path: `${path}[${index}].key`, key: band.key })),
  );
  checkGradeCoverage(report, path, grades);
}

function checkGradeCoverage(
  report: Report,
  path: string,
  grades: EvaluationStage['settings']['grades'],
): void {
  const sorted = [...grades].sort((a, b) => a.minScore - b.minScore);
  let reached = 0;
  for (const band of sorted) {
    if (band.minScore > reached) {
      report(path, 'grade_bands_gap', {
        zh: `等级区间在 ${reached}–${band.minScore} 之间有空缺`,
        en: `No grade band covers scores from ${reached} to ${band.minScore}`,
      });
    } else if (band.minScore < reached) {
      report(path, 'grade_bands_overlap', {
        zh: `等级「${band.key}」与其他等级在 ${band.minScore}–${reached} 重叠`,
        en: `Grade band "${band.key}" overlaps another between ${band.minScore} and ${reached}`,
      });
    }
    reached = Math.max(reached, band.maxScore);
  }
  if (reached < 100) {
    report(path, 'grade_bands_gap', {
      zh: `等级区间在 ${reached}–100 之间有空缺`,
      en: `No grade band covers scores from ${reached} to 100`,
    });
  }
  const failing = sorted.filter((band) => !band.passing);
  if (sorted.length > 0 && failing.length === 0) {
    report(path, 'no_failing_grade', {
      zh: '至少需要一个不合格等级',
      en: 'At least one grade band must be failing',
    });
  }
  const lowestPassing = sorted.find((band) => band.passing);
  if (lowestPassing && failing.some((band) => band.minScore > lowestPassing.minScore)) {
    report(path, 'grade_passing_order', {
      zh: '不合格等级的分数不能高于合格等级',
      en: 'A failing band may not score above a passing band',
    });
  }
}
