import {
  GOVERNMENT_PROCUREMENT_TEMPLATE,
  validateTemplate,
  type PaymentTranche,
  type ProcessTemplate,
  type Stage,
} from '../templates';
import type { ProcurementValidationError } from './procurement-errors';
import {
  DEFAULT_PROCUREMENT_RULES,
  type PaymentMilestone,
  type ProcurementRules,
  type ProcurementSettings,
} from './procurement-rules';
import { validateProcurementSettings, type MilestoneTargets } from './validate-procurement';

/** A project's template snapshot, or why its settings cannot make one. */
export type ProcurementTemplateResult =
  | { template: ProcessTemplate; errors?: undefined }
  | { template?: undefined; errors: ProcurementValidationError[] };

/** The delivery reports and evaluation phases a procurement template offers its payment milestones. */
export function milestoneTargets(template: ProcessTemplate): MilestoneTargets {
  return {
    reportKeys: template.stages.flatMap((stage) =>
      stage.kind === 'implementation' ? stage.settings.reports.map((report) => report.key) : [],
    ),
    evaluationPhases: template.stages.flatMap((stage) =>
      stage.kind === 'evaluation' ? [stage.settings.phase] : [],
    ),
  };
}

function trancheOf(milestone: PaymentMilestone): PaymentTranche {
  const { key, name, percent, on } = milestone;
  if (on.event === 'delivery') {
    return { key, name, percent, releasedOn: 'report_accepted', reportKey: on.reportKey };
  }
  return { key, name, percent, releasedOn: on.phase === 'midterm' ? 'midterm_passed' : 'final_passed' };
}

// Each milestone goes to the implementation stage whose report pays it; evaluation milestones to the last
// implementation stage, where delivery goes on when they fall due.
function placeMilestones(stages: Stage[], milestones: readonly PaymentMilestone[]): void {
  const implementation = stages.filter((stage) => stage.kind === 'implementation');
  for (const stage of implementation) stage.settings.tranches = [];
  const last = implementation[implementation.length - 1];
  for (const milestone of milestones) {
    const { on } = milestone;
    const home =
      on.event === 'delivery'
        ? (implementation.find((stage) => stage.settings.reports.some((r) => r.key === on.reportKey)) ?? last)
        : last;
    home.settings.tranches.push(trancheOf(milestone));
  }
}

/**
 * A project's own snapshot of the government-procurement template: its tender period, minimum of valid bids,
 * committee size, price weight, confirmation time, payment milestones and grade bands in place of the template's
 * defaults. The settings are checked against the rules first, the snapshot against the template validator after,
 * and every error of either is returned with its field path.
 */
export function procurementTemplate(
  settings: ProcurementSettings,
  rules: ProcurementRules = DEFAULT_PROCUREMENT_RULES,
  base: ProcessTemplate = GOVERNMENT_PROCUREMENT_TEMPLATE,
): ProcurementTemplateResult {
  const settingErrors = validateProcurementSettings(settings, rules, milestoneTargets(base));
  if (settingErrors.length > 0) return { errors: settingErrors };
  const template = JSON.parse(JSON.stringify(base)) as ProcessTemplate;
  for (const stage of template.stages) {
    switch (stage.kind) {
      case 'submission':
        if (stage.settings.sealed) stage.duration = { workingDays: settings.tenderPeriodWorkingDays };
        break;
      case 'screening':
        stage.settings.minEligible = settings.minValidBids;
        break;
      case 'review':
        if (stage.settings.priceScoring) {
          stage.settings.priceScoring = { priceWeightPercent: settings.priceWeightPercent };
          // Every committee member scores every bid.
          stage.settings.reviewersPerCase = settings.committee.size;
        }
        break;
      case 'decision':
        stage.duration = { workingDays: settings.confirmationWorkingDays };
        break;
      case 'evaluation':
        if (settings.grades) stage.settings.grades = settings.grades.map((band) => ({ ...band }));
        break;
      default:
        break;
    }
  }
  placeMilestones(template.stages, settings.paymentMilestones);
  const templateErrors = validateTemplate(template);
  if (templateErrors.length > 0) return { errors: templateErrors };
  return { template };
}
