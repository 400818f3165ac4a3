import type { ProcessTemplate } from './process-template';
import { isRole, type Role, type StageAction } from './roles';
import {
  STAGE_KIND_ACTIONS,
  type OutcomeTransition,
  type Stage,
  type StageOutcome,
  type TerminalState,
} from './stages';

/** Where a case goes after an outcome: into another stage, or to a terminal state. */
export type NextStep = { kind: 'stage'; stage: Stage } | { kind: 'terminal'; state: TerminalState };

/** Thrown when a template is asked about a stage or outcome it does not have: a bug, never a user error. */
export class StageMachineError extends Error {
  constructor(
    readonly code: 'unknown_stage' | 'unmapped_outcome',
    message: string,
  ) {
    super(message);
    this.name = 'StageMachineError';
  }
}

/** The stage with the given key, or undefined. */
export function findStage(template: ProcessTemplate, stageKey: string): Stage | undefined {
  return template.stages.find((stage) => stage.key === stageKey);
}

/** The stage with the given key; throws a StageMachineError when the template has none. */
export function requireStage(template: ProcessTemplate, stageKey: string): Stage {
  const stage = findStage(template, stageKey);
  if (!stage) {
    throw new StageMachineError(
      'unknown_stage',
      `Template ${template.key} v${template.version} has no stage "${stageKey}"`,
    );
  }
  return stage;
}

/** The stage every case of the template starts in. */
export function firstStage(template: ProcessTemplate): Stage {
  const [first] = template.stages;
  if (!first) throw new StageMachineError('unknown_stage', `Template ${template.key} has no stages`);
  return first;
}

/** True when some role is granted the action in the stage. */
export function stageGrants(stage: Stage, action: StageAction): boolean {
  return Object.values(stage.permissions).some((actions) => actions?.includes(action));
}

/** The outcomes a stage can produce given its settings and permissions; each must lead somewhere. */
export function possibleOutcomes(stage: Stage): StageOutcome[] {
  const withdrawal: StageOutcome[] = stageGrants(stage, 'withdraw') ? ['withdrawn'] : [];
  switch (stage.kind) {
    case 'submission':
      return [
        'submitted',
        'not_submitted',
        ...withdrawal,
        ...(stage.settings.revision.allowed ? (['revision_missed'] as const) : []),
      ];
    case 'screening':
      return [
        'eligible',
        'ineligible',
        ...withdrawal,
        ...(stage.settings.revision.allowed ? (['revision_missed'] as const) : []),
        ...(stage.settings.minEligible !== undefined ? (['too_few_eligible'] as const) : []),
      ];
    case 'review':
      return ['advanced', 'not_advanced', ...withdrawal];
    case 'decision':
      return ['awarded', 'declined', ...withdrawal];
    case 'public_notice':
      return [
        'confirmed',
        ...(stage.settings.objectionsAllowed ? (['objection_upheld'] as const) : []),
        ...withdrawal,
      ];
    case 'agreement':
      return ['signed', 'not_signed', ...withdrawal];
    case 'implementation':
      return ['completed', 'terminated'];
    case 'evaluation':
      return ['passed', 'failed'];
    case 'closure':
      return ['closed'];
  }
}

/** Where an outcome of a stage leads; throws a StageMachineError for an unknown stage or unmapped outcome. */
export function nextStage(template: ProcessTemplate, stageKey: string, outcome: string): NextStep {
  const stage = requireStage(template, stageKey);
  const transition = (stage.outcomes as Partial<Record<string, OutcomeTransition>>)[outcome];
  if (!transition) {
    throw new StageMachineError(
      'unmapped_outcome',
      `Stage "${stageKey}" of template ${template.key} v${template.version} does not map outcome "${outcome}"`,
    );
  }
  if ('terminal' in transition) return { kind: 'terminal', state: transition.terminal };
  return { kind: 'stage', stage: requireStage(template, transition.stage) };
}

/** The actions a role may take in a stage: what the template grants, limited to what the stage kind supports. */
export function allowedActions(template: ProcessTemplate, stageKey: string, role: Role): StageAction[] {
  const stage = requireStage(template, stageKey);
  const supported: readonly StageAction[] = STAGE_KIND_ACTIONS[stage.kind];
  return (stage.permissions[role] ?? []).filter((action) => supported.includes(action));
}

/** True when any of an actor's roles may take the action in the stage (unknown role names grant nothing). */
export function mayAct(
  template: ProcessTemplate,
  stageKey: string,
  roles: readonly string[],
  action: StageAction,
): boolean {
  requireStage(template, stageKey);
  return roles.some((role) => isRole(role) && allowedActions(template, stageKey, role).includes(action));
}
