import { CASE_SUBJECTS, type ProcessTemplate } from './process-template';
import type { FormField } from './form';
import { TRANCHE_EVENTS, type OutcomeTransition, type Stage, type TrancheEvent } from './stages';
import {
  InvalidTemplateError,
  checkKey,
  checkText,
  checkUnique,
  type Report,
  type TemplateValidationError,
} from './template-errors';
import { checkFormDefinition } from './validate-form-definition';
import { checkDurationUnits, type DurationAt } from './validate-durations';
import { checkStage } from './validate-stage';

export {
  InvalidTemplateError,
  type TemplateErrorCode,
  type TemplateValidationError,
} from './template-errors';

/** Checks a template against every structural and business rule; returns all errors, none when valid. */
export function validateTemplate(template: ProcessTemplate): TemplateValidationError[] {
  const errors: TemplateValidationError[] = [];
  const report: Report = (path, code, message) => errors.push({ path, code, message });

  checkKey(report, 'key', template.key);
  if (!Number.isInteger(template.version) || template.version < 1) {
    report('version', 'invalid_version', {
      zh: '版本号必须是不小于 1 的整数',
      en: 'Version must be a whole number of at least 1',
    });
  }
  checkText(report, 'name', template.name);
  if (!CASE_SUBJECTS.includes(template.caseSubject)) {
    report('caseSubject', 'unknown_case_subject', {
      zh: `未知的案件类型「${template.caseSubject}」`,
      en: `Unknown case subject "${template.caseSubject}"`,
    });
  }
  const fields = checkFormDefinition(report, template.form);
  checkRequestedAmountField(report, template, fields);

  if (template.stages.length === 0) {
    report('stages', 'no_stages', { zh: '模板至少需要一个阶段', en: 'A template needs at least one stage' });
    return errors;
  }
  checkUnique(
    report,
    template.stages.map((stage, index) => ({ path: `stages[${index}].key`, key: stage.key })),
  );
  const stageKeys = new Set(template.stages.map((stage) => stage.key));
  const durations: DurationAt[] = [];
  template.stages.forEach((stage, index) => {
    checkStage(report, stage, `stages[${index}]`, stageKeys, durations);
  });
  checkDurationUnits(report, durations);
  checkGraph(report, template.stages);
  checkPaymentPlan(report, template.stages);
  return errors;
}

/** Throws an InvalidTemplateError listing every problem unless the template is valid. */
export function assertValidTemplate(template: ProcessTemplate): void {
  const errors = validateTemplate(template);
  if (errors.length > 0) throw new InvalidTemplateError(errors);
}

function checkRequestedAmountField(
  report: Report,
  template: ProcessTemplate,
  fields: Map<string, FormField>,
): void {
  const { requestedAmountField } = template;
  if (requestedAmountField === undefined) {
    if (template.stages.some((stage) => stage.kind === 'decision')) {
      report('requestedAmountField', 'requested_amount_field_missing', {
        zh: '含资助决定阶段的模板必须指明申请金额字段',
        en: 'A template with a decision stage must name the requested amount field',
      });
    }
    return;
  }
  if (fields.get(requestedAmountField)?.type !== 'money') {
    report('requestedAmountField', 'requested_amount_field_invalid', {
      zh: `申请金额字段「${requestedAmountField}」必须是表单中的金额字段`,
      en: `Requested amount field "${requestedAmountField}" must be a money field of the form`,
    });
  }
}

function targetsOf(stage: Stage): OutcomeTransition[] {
  return Object.values(stage.outcomes as Partial<Record<string, OutcomeTransition>>).filter(
    (transition): transition is OutcomeTransition => transition !== undefined,
  );
}

// Every stage must be reachable from the first and have a way to a terminal state, so no case is stranded in a
// loop.
function checkGraph(report: Report, stages: Stage[]): void {
  const byKey = new Map(stages.map((stage) => [stage.key, stage]));
  const reachable = new Set<string>([stages[0].key]);
  const queue = [stages[0]];
  while (queue.length > 0) {
    const stage = queue.shift() as Stage;
    for (const transition of targetsOf(stage)) {
      if ('stage' in transition && byKey.has(transition.stage) && !reachable.has(transition.stage)) {
        reachable.add(transition.stage);
        queue.push(byKey.get(transition.stage) as Stage);
      }
    }
  }
  const canEnd = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const stage of stages) {
      if (canEnd.has(stage.key)) continue;
      const ends = targetsOf(stage).some((transition) =>
        'terminal' in transition ? true : canEnd.has(transition.stage),
      );
      if (ends) {
        canEnd.add(stage.key);
        grew = true;
      }
    }
  }
  stages.forEach((stage, index) => {
    if (!reachable.has(stage.key)) {
      report(`stages[${index}]`, 'unreachable_stage', {
        zh: `阶段「${stage.key}」无法从第一个阶段到达`,
        en: `Stage "${stage.key}" cannot be reached from the first stage`,
      });
    }
    if (!canEnd.has(stage.key)) {
      report(`stages[${index}]`, 'no_path_to_end', {
        zh: `从阶段「${stage.key}」出发无法到达任何终止状态`,
        en: `No path leads from stage "${stage.key}" to a terminal state`,
      });
    }
  });
}

// The tranches of all implementation stages form one payment plan: 100 % of the award, each tranche tied to an
// event that some stage of the template produces.
function checkPaymentPlan(report: Report, stages: Stage[]): void {
  const evaluationPhases: { phase: string; path: string }[] = [];
  stages.forEach((stage, index) => {
    if (stage.kind === 'evaluation') {
      evaluationPhases.push({ phase: stage.settings.phase, path: `stages[${index}].settings.phase` });
    }
  });
  const seenPhases = new Set<string>();
  for (const { phase, path } of evaluationPhases) {
    if (seenPhases.has(phase)) {
      report(path, 'duplicate_evaluation_phase', {
        zh: `「${phase}」评估只能有一个，否则拨付节点含义不明`,
        en: `Only one ${phase} evaluation is allowed, so tranche events stay unambiguous`,
      });
    }
    seenPhases.add(phase);
  }
  const producible = new Set<TrancheEvent>();
  if (stages.some((stage) => stage.kind === 'agreement')) producible.add('agreement_signed');
  if (seenPhases.has('midterm')) producible.add('midterm_passed');
  if (seenPhases.has('final')) producible.add('final_passed');
  if (stages.some((stage) => stage.kind === 'closure')) producible.add('closed');
  const reportKeys = new Set(
    stages.flatMap((stage) =>
      stage.kind === 'implementation' ? stage.settings.reports.map((report) => report.key) : [],
    ),
  );
  if (reportKeys.size > 0) producible.add('report_accepted');

  const trancheKeys: { path: string; key: string }[] = [];
  let total = 0;
  let firstPlanPath: string | undefined;
  stages.forEach((stage, index) => {
    if (stage.kind !== 'implementation') return;
    const path = `stages[${index}].settings.tranches`;
    stage.settings.tranches.forEach((tranche, trancheIndex) => {
      firstPlanPath ??= path;
      trancheKeys.push({ path: `${path}[${trancheIndex}].key`, key: tranche.key });
      total += typeof tranche.percent === 'number' ? tranche.percent : 0;
      if (TRANCHE_EVENTS.includes(tranche.releasedOn) && !producible.has(tranche.releasedOn)) {
        report(`${path}[${trancheIndex}].releasedOn`, 'tranche_event_impossible', {
          zh: `模板中没有会产生「${tranche.releasedOn}」的阶段`,
          en: `No stage of the template produces "${tranche.releasedOn}"`,
        });
      }
      // A delivery milestone names the report whose acceptance pays it; other events name none.
      if (tranche.releasedOn === 'report_accepted' && reportKeys.size > 0) {
        if (tranche.reportKey === undefined || !reportKeys.has(tranche.reportKey)) {
          report(`${path}[${trancheIndex}].reportKey`, 'unknown_tranche_report', {
            zh: `拨付节点须指明实施阶段中的一份报告（现为「${tranche.reportKey ?? ''}」）`,
            en: `The tranche must name a report of an implementation stage (got "${tranche.reportKey ?? ''}")`,
          });
        }
      } else if (tranche.reportKey !== undefined && tranche.releasedOn !== 'report_accepted') {
        report(`${path}[${trancheIndex}].reportKey`, 'invalid_setting', {
          zh: '只有「report_accepted」拨付节点才指明报告',
          en: 'Only a report_accepted tranche names a report',
        });
      }
    });
  });
  checkUnique(report, trancheKeys);
  if (firstPlanPath !== undefined && total !== 100) {
    report(firstPlanPath, 'tranches_not_100', {
      zh: `各期拨付比例合计须为 100%，现为 ${total}%`,
      en: `Tranches must add up to 100 %, they add up to ${total} %`,
    });
  }
}
