import type { ActionRefusal } from '../cases';
import { firstStage, isRole, allowedActions, type Role, type Stage, type StageKind } from '../templates';
import { holdsRoleFor, type CaseContext } from './case-context';
import type {
  CaseActionInput,
  CaseCommand,
  CaseNotice,
  CaseState,
  CaseTransitionRecord,
  ProgramNotice,
} from './case-state';
import { CaseStep, isProgramWide, recordStep, refusal } from './case-step';
import type { StageBehaviour } from './stage-behaviour';
import { agreementStage } from './stages/agreement';
import { closureStage } from './stages/closure';
import { decisionStage } from './stages/decision';
import { evaluationStage } from './stages/evaluation';
import { implementationStage } from './stages/implementation';
import { publicNoticeStage } from './stages/public-notice';
import { reviewStage } from './stages/review';
import { screeningStage } from './stages/screening';
import { submissionStage } from './stages/submission';

const BEHAVIOURS: Record<StageKind, StageBehaviour> = {
  submission: submissionStage,
  screening: screeningStage,
  review: reviewStage,
  decision: decisionStage,
  public_notice: publicNoticeStage,
  agreement: agreementStage,
  implementation: implementationStage,
  evaluation: evaluationStage,
  closure: closureStage,
};

/** What a command did: a refusal (nothing changed), or the new state with what to record and whom to tell. */
export type CaseDecision =
  | { refusal: ActionRefusal }
  | { refusal?: undefined; state: CaseState; transitions: CaseTransitionRecord[]; notices: CaseNotice[] };

const enterStage = (step: CaseStep, stage: Stage) => BEHAVIOURS[stage.kind].enter?.(step, stage);

/** A case about to be submitted: a draft in the template's first stage, whose window closes at `windowClosesAt`. */
export function initialCaseState(
  context: CaseContext,
  now: string,
  windowClosesAt: string | null,
): CaseState {
  return {
    stage: firstStage(context.template).key,
    terminal: null,
    phase: 'draft',
    stageEnteredAt: now,
    stageDeadline: windowClosesAt,
    stageClosed: false,
    pendingOutcome: null,
    stageOverdueNotified: false,
    revision: 0,
    sequence: 0,
    revisionRequest: null,
    revisionRounds: {},
    screeningChecks: null,
    reviewers: [],
    reviews: [],
    award: null,
    objections: [],
    signatures: [],
    reports: [],
    tranches: [],
    evaluations: [],
  };
}

const clone = (state: CaseState): CaseState => JSON.parse(JSON.stringify(state)) as CaseState;

// The roles of the actor that this stage lets take the action, narrowed by scope (see holdsRoleFor).
function authorizingRoles(context: CaseContext, stage: Stage, input: CaseActionInput): Role[] {
  return input.actor.roles
    .filter(isRole)
    .filter(
      (role) =>
        allowedActions(context.template, stage.key, role).includes(input.action) &&
        holdsRoleFor(context, input.actor, role),
    );
}

function checkPermission(
  context: CaseContext,
  state: CaseState,
  input: CaseActionInput,
): ActionRefusal | undefined {
  if (state.terminal) {
    return refusal(
      'conflict',
      'case_ended',
      `申请已结束（${state.terminal}），不能再操作`,
      `The case has ended (${state.terminal}); no further actions`,
    );
  }
  const stage = context.template.stages.find((candidate) => candidate.key === state.stage)!;
  if (authorizingRoles(context, stage, input).length > 0) return undefined;
  const elsewhere = context.template.stages.some(
    (other) => other.key !== stage.key && authorizingRoles(context, other, input).length > 0,
  );
  if (elsewhere) {
    return refusal(
      'conflict',
      'wrong_stage',
      `当前阶段「${stage.name.zh}」不能进行「${input.action}」操作`,
      `"${input.action}" is not possible in the current stage "${stage.name.en}"`,
    );
  }
  if (input.actor.roles.includes('applicant') && input.actor.organizationId !== context.organizationId) {
    return refusal(
      'forbidden',
      'not_applicant',
      '只有申报单位本身可以操作此申请',
      'Only the applying organization can act on this application',
    );
  }
  return refusal(
    'forbidden',
    'role_not_allowed',
    `您的角色不能进行「${input.action}」操作`,
    `Your role may not perform "${input.action}"`,
  );
}

function extendDeadline(step: CaseStep, input: CaseActionInput): ActionRefusal | undefined {
  const { state } = step;
  const until =
    input.until && !Number.isNaN(Date.parse(input.until)) ? new Date(input.until).toISOString() : undefined;
  const current = state.revisionRequest?.deadline ?? state.stageDeadline;
  if (!until || (current && until <= current) || until <= step.now) {
    return {
      ...refusal(
        'invalid',
        'invalid_deadline',
        '新的截止时间须晚于当前截止时间',
        'The new deadline must be later than the current one',
      ),
      fields: [
        {
          field: 'until',
          code: 'min',
          message: { zh: `须晚于 ${current ?? step.now}`, en: `must be after ${current ?? step.now}` },
        },
      ],
    };
  }
  if (state.revisionRequest) {
    state.revisionRequest.deadline = until;
  } else if (isProgramWide(step.stage())) {
    return refusal(
      'conflict',
      'program_wide_stage',
      '该阶段由项目统一安排，请在项目日程中延期',
      'This stage runs program-wide; extend it on the program calendar',
    );
  } else {
    state.stageDeadline = until;
    state.stageOverdueNotified = false;
  }
  step.data = { from: current, until };
  return undefined;
}

function applyAction(step: CaseStep, input: CaseActionInput): ActionRefusal | undefined {
  const stage = step.stage();
  switch (input.action) {
    case 'withdraw':
      step.conclude('withdrawn', input.reason);
      return undefined;
    case 'extend_deadline':
      return extendDeadline(step, input);
    default:
      return BEHAVIOURS[stage.kind].act(step, stage, input);
  }
}

function applyProgramNotice(step: CaseStep, notice: ProgramNotice): boolean {
  const { state } = step;
  if (state.terminal || notice.stageKey !== state.stage) return false; // a repeated or late notice changes nothing
  const stage = step.stage();
  switch (notice.type) {
    case 'deadline_moved':
      step.data = { from: state.stageDeadline, until: notice.deadline };
      state.stageDeadline = notice.deadline;
      // A stage with its own due dates (reviews) moves them with the stage.
      BEHAVIOURS[stage.kind].onProgram?.(step, stage, notice);
      return true;
    case 'stage_closed': {
      state.stageClosed = true;
      const pending = state.pendingOutcome;
      const outcome = pending?.outcome ?? BEHAVIOURS[stage.kind].outcomeOnClose?.(state, stage);
      if (outcome) step.leave(outcome, pending?.reason, notice.nextStageDeadline);
      return true;
    }
    default:
      BEHAVIOURS[stage.kind].onProgram?.(step, stage, notice);
      return true;
  }
}

function applyClock(step: CaseStep): void {
  const { state } = step;
  if (state.terminal) return;
  const stage = step.stage();
  if (state.revisionRequest && step.now > state.revisionRequest.deadline) {
    BEHAVIOURS[stage.kind].onClock?.(step, stage);
    return;
  }
  BEHAVIOURS[stage.kind].onClock?.(step, stage);
  if (state.terminal || state.stage !== stage.key || isProgramWide(stage)) return;
  if (!state.stageDeadline || step.now <= state.stageDeadline) return;
  const rule = stage.onDeadline;
  if ('recordOutcome' in rule) {
    step.reason = `阶段截止时间 ${state.stageDeadline} 已过 / stage deadline passed`;
    step.conclude(rule.recordOutcome);
  } else if (!state.stageOverdueNotified) {
    state.stageOverdueNotified = true;
    step.notify(
      `overdue:${stage.key}`,
      'deadline_missed',
      rule.notify.map((role) => ({ kind: 'role' as const, id: role })),
      { zh: `「${stage.name.zh}」已逾期`, en: `“${stage.name.en}” is overdue` },
      { zh: `截止时间为 ${state.stageDeadline}`, en: `The deadline was ${state.stageDeadline}` },
    );
    step.followUp('stage_overdue', { deadline: state.stageDeadline });
  }
}

/**
 * Decides what a command does to a case, purely: the same state, command and time always give the same result,
 * so workflow validators, handlers and replays agree. Refused commands change nothing.
 */
export function decideCaseCommand(
  context: CaseContext,
  current: CaseState,
  command: CaseCommand,
  now: string,
): CaseDecision {
  const before = JSON.stringify(current);
  const step = new CaseStep(context, clone(current), now, enterStage);
  const fromStage = current.phase === 'draft' ? 'draft' : current.stage;
  let action: string;
  let actorId: string;
  let actorRoles: string[] | undefined;
  let reason: string | undefined;

  switch (command.type) {
    case 'action': {
      const refused = checkPermission(context, current, command.input) ?? applyAction(step, command.input);
      if (refused) return { refusal: refused };
      ({ action } = command.input);
      actorId = command.input.actor.userId;
      actorRoles = [...command.input.actor.roles];
      reason = command.input.reason?.trim() || undefined;
      break;
    }
    case 'program':
      if (!applyProgramNotice(step, command.notice)) return { state: current, transitions: [], notices: [] };
      action = command.notice.type;
      actorId = 'program';
      reason = command.notice.type === 'stage_outcome' ? command.notice.reason : undefined;
      break;
    case 'clock':
      applyClock(step);
      action = 'deadline';
      actorId = 'clock';
      break;
  }
  const unchanged = JSON.stringify(step.state) === before && step.notices.length === 0;
  if (unchanged && command.type !== 'action') return { state: current, transitions: [], notices: [] };
  const transitions = recordStep(step, action, fromStage, { actorId, actorRoles }, reason);
  return { state: step.state, transitions, notices: step.notices };
}

/** The next instant at which time alone changes the case (a deadline, a reminder), or null. */
export function nextCaseWakeUp(context: CaseContext, state: CaseState): string | null {
  if (state.terminal) return null;
  const stage = context.template.stages.find((candidate) => candidate.key === state.stage);
  if (!stage) return null;
  const instants: string[] = [...(BEHAVIOURS[stage.kind].wakeUps?.(state, stage) ?? [])];
  if (state.revisionRequest) instants.push(state.revisionRequest.deadline);
  const waitsForDeadline = 'recordOutcome' in stage.onDeadline || !state.stageOverdueNotified;
  if (!isProgramWide(stage) && state.stageDeadline && waitsForDeadline) instants.push(state.stageDeadline);
  if (instants.length === 0) return null;
  // A deadline is inclusive, so the case acts on the first millisecond after it.
  const earliest = instants.sort()[0];
  return new Date(Date.parse(earliest) + 1).toISOString();
}

/** The earliest deadline ahead of the case (revision, stage or report), for lists and reminders; null if none. */
export function caseNextDeadline(state: CaseState): string | null {
  if (state.terminal) return null;
  const deadlines = [
    state.revisionRequest?.deadline,
    state.stageDeadline,
    ...state.reports.filter((report) => report.status === 'due').map((report) => report.dueAt),
  ].filter((deadline): deadline is string => Boolean(deadline));
  return deadlines.length > 0 ? deadlines.sort()[0] : null;
}
