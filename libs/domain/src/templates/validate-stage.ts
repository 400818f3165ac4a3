import { ROLES, STAGE_ACTIONS, isRole, type Role, type StageAction } from './roles';
import { possibleOutcomes, stageGrants } from './stage-machine';
import {
  STAGE_KIND_ACTIONS,
  STAGE_KINDS,
  STAGE_OUTCOMES,
  TERMINAL_STATES,
  type OutcomeTransition,
  type RevisionRule,
  type Stage,
} from './stages';
import { checkKey, checkText, type Report } from './template-errors';
import { checkDuration, type DurationAt } from './validate-durations';
import { checkSettings } from './validate-stage-settings';

// Deciding actions stay with staff, experts and evaluators: an organization never judges its own case.
const JUDGING_ACTIONS: readonly StageAction[] = [
  'screen',
  'request_revision',
  'assign_reviewers',
  'submit_review',
  'resolve_disagreement',
  'record_outcome',
  'award',
  'decline',
  'resolve_objection',
  'accept_report',
  'record_evaluation',
  'release_tranche',
  'close',
];
// Scores and conflict declarations must come from the assigned expert in person.
const REVIEWER_ONLY_ACTIONS: readonly StageAction[] = ['submit_review', 'declare_conflict'];

function requiredActions(stage: Stage): StageAction[] {
  const revisionActions = (rule: RevisionRule): StageAction[] =>
    rule.allowed ? ['request_revision', 'resubmit'] : [];
  switch (stage.kind) {
    case 'submission':
      return ['submit', ...revisionActions(stage.settings.revision)];
    case 'screening':
      return ['screen', ...revisionActions(stage.settings.revision)];
    case 'review':
      return ['assign_reviewers', 'submit_review'];
    case 'decision':
      return ['award'];
    case 'public_notice':
      return stage.settings.objectionsAllowed ? ['object', 'resolve_objection'] : [];
    case 'agreement':
      return ['sign_agreement'];
    case 'implementation':
      return [
        ...(stage.settings.reports.length > 0 ? (['submit_report'] as const) : []),
        ...(stage.settings.tranches.length > 0 ? (['release_tranche'] as const) : []),
      ];
    case 'evaluation':
      return ['record_evaluation'];
    case 'closure':
      return ['close'];
  }
}

/** Checks one stage: key, name, duration, permissions, outcomes and its kind's settings. */
export function checkStage(
  report: Report,
  stage: Stage,
  path: string,
  stageKeys: Set<string>,
  durations: DurationAt[],
): void {
  checkKey(report, `${path}.key`, stage.key);
  checkText(report, `${path}.name`, stage.name);
  if (!STAGE_KINDS.includes(stage.kind)) {
    report(`${path}.kind`, 'unknown_stage_kind', {
      zh: `未知的阶段类型「${stage.kind}」`,
      en: `Unknown stage kind "${stage.kind}"`,
    });
    return;
  }
  checkDuration(report, `${path}.duration`, stage.duration, durations);
  checkPermissions(report, stage, path);
  checkOutcomes(report, stage, path, stageKeys);
  checkSettings(report, stage, path, durations);
}

function checkPermissions(report: Report, stage: Stage, path: string): void {
  const supported: readonly StageAction[] = STAGE_KIND_ACTIONS[stage.kind];
  for (const [role, actions] of Object.entries(stage.permissions)) {
    const rolePath = `${path}.permissions.${role}`;
    if (!isRole(role)) {
      report(rolePath, 'unknown_role', {
        zh: `未知的角色「${role}」，可用：${ROLES.join('、')}`,
        en: `Unknown role "${role}"; known roles are ${ROLES.join(', ')}`,
      });
      continue;
    }
    (actions ?? []).forEach((action, index) => {
      const actionPath = `${rolePath}[${index}]`;
      if (!(STAGE_ACTIONS as readonly string[]).includes(action)) {
        report(actionPath, 'unknown_action', {
          zh: `未知的操作「${action}」`,
          en: `Unknown action "${action}"`,
        });
      } else if (!supported.includes(action)) {
        report(actionPath, 'action_not_in_stage_kind', {
          zh: `「${stage.kind}」类阶段不支持操作「${action}」`,
          en: `Action "${action}" has no meaning in a ${stage.kind} stage`,
        });
      } else if (role === 'leadership') {
        // DOMAIN: leadership has read-only pipelines and statistics.
        report(actionPath, 'read_only_role', {
          zh: '领导角色只读，不能授予操作',
          en: 'Leadership is read-only and cannot be granted actions',
        });
      } else if (role === 'applicant' && JUDGING_ACTIONS.includes(action)) {
        report(actionPath, 'applicant_may_not_judge', {
          zh: `申报单位不能执行评判操作「${action}」`,
          en: `An applicant may not take the deciding action "${action}"`,
        });
      } else if (role !== 'reviewer' && REVIEWER_ONLY_ACTIONS.includes(action)) {
        report(actionPath, 'reviewer_only_action', {
          zh: `操作「${action}」只能授予评审专家`,
          en: `Only reviewers may be granted "${action}"`,
        });
      }
    });
  }
  for (const action of requiredActions(stage)) {
    if (!stageGrants(stage, action)) {
      report(`${path}.permissions`, 'missing_actor', {
        zh: `没有任何角色被授予本阶段必需的操作「${action}」`,
        en: `No role is granted "${action}", which this stage needs`,
      });
    }
  }
  if (stage.kind === 'submission' || stage.kind === 'screening') {
    if (!stage.settings.revision.allowed && stageGrants(stage, 'request_revision')) {
      report(`${path}.permissions`, 'revision_not_allowed', {
        zh: '本阶段不允许补正，却授予了「request_revision」',
        en: '"request_revision" is granted but the stage does not allow revision',
      });
    }
  }
  if (stage.kind === 'public_notice' && !stage.settings.objectionsAllowed && stageGrants(stage, 'object')) {
    report(`${path}.permissions`, 'objections_not_allowed', {
      zh: '本公示不接受异议，却授予了「object」',
      en: '"object" is granted but the notice does not accept objections',
    });
  }
}

function checkTransition(
  report: Report,
  path: string,
  transition: OutcomeTransition,
  stageKey: string,
  stageKeys: Set<string>,
): void {
  if ('stage' in transition) {
    if (!stageKeys.has(transition.stage)) {
      report(path, 'unknown_target_stage', {
        zh: `去向阶段「${transition.stage}」不存在`,
        en: `Target stage "${transition.stage}" does not exist`,
      });
    } else if (transition.stage === stageKey) {
      report(path, 'self_transition', {
        zh: '结果不能指回本阶段；补正等循环在阶段内部处理',
        en: 'An outcome may not lead back into its own stage; revisions happen within a stage',
      });
    }
  } else if (!(TERMINAL_STATES as readonly string[]).includes(transition.terminal)) {
    report(path, 'unknown_terminal_state', {
      zh: `未知的终止状态「${transition.terminal}」`,
      en: `Unknown terminal state "${transition.terminal}"`,
    });
  }
}

function checkOutcomes(report: Report, stage: Stage, path: string, stageKeys: Set<string>): void {
  const known: readonly string[] = STAGE_OUTCOMES[stage.kind];
  const outcomes = stage.outcomes as Partial<Record<string, OutcomeTransition>>;
  for (const [outcome, transition] of Object.entries(outcomes)) {
    const outcomePath = `${path}.outcomes.${outcome}`;
    if (!known.includes(outcome)) {
      report(outcomePath, 'unknown_outcome', {
        zh: `「${stage.kind}」类阶段没有结果「${outcome}」`,
        en: `A ${stage.kind} stage has no outcome "${outcome}"`,
      });
    } else if (transition) {
      checkTransition(report, outcomePath, transition, stage.key, stageKeys);
    }
  }
  const possible = possibleOutcomes(stage);
  for (const outcome of possible) {
    if (!outcomes[outcome]) {
      report(`${path}.outcomes.${outcome}`, 'missing_outcome', {
        zh: `结果「${outcome}」可能出现，但没有指定去向`,
        en: `Outcome "${outcome}" can occur but leads nowhere`,
      });
    }
  }
  const rule = stage.onDeadline;
  if ('recordOutcome' in rule) {
    if (!(possible as string[]).includes(rule.recordOutcome)) {
      report(`${path}.onDeadline.recordOutcome`, 'deadline_outcome_impossible', {
        zh: `到期结果「${rule.recordOutcome}」不是本阶段可能的结果`,
        en: `Deadline outcome "${rule.recordOutcome}" is not a possible outcome of this stage`,
      });
    }
  } else if (rule.notify.length === 0) {
    report(`${path}.onDeadline.notify`, 'no_roles_to_notify', {
      zh: '到期提醒至少需要一个角色',
      en: 'A deadline notice needs at least one role to notify',
    });
  } else {
    rule.notify.forEach((role: Role, index) => {
      if (!isRole(role)) {
        report(`${path}.onDeadline.notify[${index}]`, 'unknown_role', {
          zh: `未知的角色「${role}」`,
          en: `Unknown role "${role}"`,
        });
      }
    });
  }
}
