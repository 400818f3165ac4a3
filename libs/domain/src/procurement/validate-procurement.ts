import type { WorkingDayCalendar } from '../calendar';
import { isFen } from '../money';
import { decimalPlaces } from '../review/scoring/decimal';
import { checkKey, checkText, checkUnique, isWholeNumberAtLeast } from '../templates/template-errors';
import { checkGradeBands } from '../templates/validate-stage-settings';
import { checkCommitteeComposition } from './committee';
import {
  collector,
  METHOD_NAMES,
  type ProcurementReport,
  type ProcurementValidationError,
} from './procurement-errors';
import {
  DEFAULT_PROCUREMENT_RULES,
  PROCUREMENT_METHODS,
  type PaymentMilestone,
  type ProcurementRules,
  type ProcurementSettings,
} from './procurement-rules';

/** What milestone events can refer to: the delivery reports and evaluation phases of the process. */
export interface MilestoneTargets {
  reportKeys: readonly string[];
  evaluationPhases: readonly ('midterm' | 'final')[];
}

/**
 * Checks a project's settings against the rules (DOMAIN.md's defaults unless the project overrides them): method,
 * budget, price weight for the method, minimum valid bids, tender period, confirmation time, committee, payment
 * milestones and grade bands. Returns every error with its field path and a message in Chinese and English.
 * With `targets`, milestone events must name a report or evaluation phase the process has.
 */
export function validateProcurementSettings(
  settings: ProcurementSettings,
  rules: ProcurementRules = DEFAULT_PROCUREMENT_RULES,
  targets?: MilestoneTargets,
): ProcurementValidationError[] {
  const { errors, report } = collector();
  const { method } = settings;
  if (!PROCUREMENT_METHODS.includes(method)) {
    report('method', 'unknown_method', {
      zh: `采购方式须为 ${PROCUREMENT_METHODS.join('、')} 之一`,
      en: `The method is one of ${PROCUREMENT_METHODS.join(', ')}`,
    });
    return errors;
  }
  const name = METHOD_NAMES[method];
  if (!isFen(settings.budgetCeilingFen) || settings.budgetCeilingFen === 0) {
    report('budgetCeilingFen', 'invalid_amount', {
      zh: '最高限价必须是以分为单位的正整数',
      en: 'The budget ceiling must be a positive whole number of fen',
    });
  }
  checkPriceWeight(report, settings, rules);
  const minBids = rules.minValidBids[method];
  if (!isWholeNumberAtLeast(settings.minValidBids, minBids)) {
    report('minValidBids', 'min_bids_below_rule', {
      zh: `${name.zh}的最少有效投标数须为不小于 ${minBids} 的整数`,
      en: `The minimum number of valid bids in ${name.en} is a whole number of at least ${minBids}`,
    });
  }
  const minDays = rules.minTenderWorkingDays[method];
  if (!isWholeNumberAtLeast(settings.tenderPeriodWorkingDays, minDays)) {
    report('tenderPeriodWorkingDays', 'tender_period_too_short', {
      zh: `${name.zh}的投标期不得少于 ${minDays} 个工作日`,
      en: `The tender period of ${name.en} lasts at least ${minDays} working days`,
    });
  }
  const maxConfirmation = rules.maxConfirmationWorkingDays;
  if (
    !isWholeNumberAtLeast(settings.confirmationWorkingDays, 1) ||
    settings.confirmationWorkingDays > maxConfirmation
  ) {
    report('confirmationWorkingDays', 'confirmation_too_long', {
      zh: `采购人确认中标结果的期限须为 1 至 ${maxConfirmation} 个工作日`,
      en: `The department confirms the award within 1 to ${maxConfirmation} working days`,
    });
  }
  checkCommitteeComposition(report, 'committee.size', settings.committee, {
    method,
    budgetCeilingFen: isFen(settings.budgetCeilingFen) ? settings.budgetCeilingFen : 0,
    rules,
  });
  checkMilestones(report, settings.paymentMilestones, targets);
  if (settings.grades !== undefined) checkGradeBands(report, 'grades', settings.grades);
  return errors;
}

function checkPriceWeight(
  report: ProcurementReport,
  settings: ProcurementSettings,
  rules: ProcurementRules,
): void {
  const { min, max } = rules.priceWeight[settings.method];
  const weight = settings.priceWeightPercent;
  const name = METHOD_NAMES[settings.method];
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < min || weight > max) {
    report('priceWeightPercent', 'price_weight_out_of_range', {
      zh: `${name.zh}中服务类项目的价格权重须在 ${min}%–${max}% 之间（现为 ${weight}%）`,
      en: `The price weight of services in ${name.en} lies between ${min} % and ${max} % (is ${weight} %)`,
    });
  } else if (decimalPlaces(weight, 2) === undefined) {
    report('priceWeightPercent', 'price_weight_too_precise', {
      zh: '价格权重最多保留两位小数',
      en: 'The price weight has at most 2 decimals',
    });
  }
}

/**
 * Payment milestones: at least one, whole percentages from 1 to 100 adding up to 100, unique keys, each tied to
 * a delivery report or a passed evaluation that the process has.
 */
export function checkMilestones(
  report: ProcurementReport,
  milestones: readonly PaymentMilestone[],
  targets?: MilestoneTargets,
  path = 'paymentMilestones',
): void {
  if (!Array.isArray(milestones) || milestones.length === 0) {
    report(path, 'no_milestones', {
      zh: '至少需要一个付款节点',
      en: 'At least one payment milestone is needed',
    });
    return;
  }
  let total = 0;
  milestones.forEach((milestone, index) => {
    const at = `${path}[${index}]`;
    checkKey(report, `${at}.key`, milestone.key);
    checkText(report, `${at}.name`, milestone.name);
    if (!isWholeNumberAtLeast(milestone.percent, 1) || milestone.percent > 100) {
      report(`${at}.percent`, 'invalid_percent', {
        zh: '付款比例必须是 1 到 100 之间的整数',
        en: 'A milestone is a whole percentage from 1 to 100',
      });
    } else {
      total += milestone.percent;
    }
    const on = milestone.on;
    if (on?.event === 'delivery') {
      if (targets && !targets.reportKeys.includes(on.reportKey)) {
        report(`${at}.on.reportKey`, 'unknown_milestone_report', {
          zh: `没有名为「${on.reportKey}」的交付报告`,
          en: `No delivery report is called "${on.reportKey}"`,
        });
      }
    } else if (on?.event === 'evaluation') {
      if (on.phase !== 'midterm' && on.phase !== 'final') {
        report(`${at}.on.phase`, 'unknown_milestone_phase', {
          zh: '评估节点须为 midterm 或 final',
          en: 'An evaluation milestone is midterm or final',
        });
      } else if (targets && !targets.evaluationPhases.includes(on.phase)) {
        report(`${at}.on.phase`, 'unknown_milestone_phase', {
          zh: `流程中没有「${on.phase}」评估`,
          en: `The process has no ${on.phase} evaluation`,
        });
      }
    } else {
      report(`${at}.on`, 'unknown_milestone_event', {
        zh: '付款节点须关联交付（delivery）或评估（evaluation）事件',
        en: 'A milestone is tied to a delivery or an evaluation event',
      });
    }
  });
  checkUnique(
    report,
    milestones.map((milestone, index) => ({ path: `${path}[${index}].key`, key: milestone.key })),
  );
  if (total !== 100) {
    report(path, 'milestones_not_100', {
      zh: `各付款节点比例合计须为 100%，现为 ${total}%`,
      en: `Payment milestones must add up to 100 %, they add up to ${total} %`,
    });
  }
}

/**
 * Checks an actual tender window on the holiday calendar: from publication to the bid deadline at least the
 * project's tender period in working days (the publication day itself does not count).
 */
export function checkTenderWindow(
  calendar: WorkingDayCalendar,
  window: { publishedAt: string; bidDeadline: string },
  settings: Pick<ProcurementSettings, 'tenderPeriodWorkingDays'>,
): ProcurementValidationError[] {
  const { errors, report } = collector();
  const { workingDays } = calendar.countWorkingDays(
    new Date(window.publishedAt),
    new Date(window.bidDeadline),
  );
  if (workingDays < settings.tenderPeriodWorkingDays) {
    report('bidDeadline', 'tender_period_too_short', {
      zh: `投标截止时间距发布仅 ${workingDays} 个工作日，不得少于 ${settings.tenderPeriodWorkingDays} 个工作日`,
      en: `The bid deadline is ${workingDays} working days after publication; at least ${settings.tenderPeriodWorkingDays} are needed`,
    });
  }
  return errors;
}
