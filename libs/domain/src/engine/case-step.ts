import type { ActionRefusal, LocalizedText } from '../cases';
import type { Stage, StageKind } from '../templates';
import { nextStage, requireStage } from '../templates';
import type { CaseContext } from './case-context';
import { instantAfter } from './case-context';
import type { CaseNotice, CaseState, CaseTransitionRecord, NoticeRecipient } from './case-state';

/**
 * Stage kinds the program moves all cases through together: the program opens and closes them and runs their
 * batch steps (reviewer assignment, ranking, allocation, notice). Later kinds run on each case's own clock.
 */
export const PROGRAM_WIDE_STAGE_KINDS: readonly StageKind[] = [
  'submission',
  'screening',
  'review',
  'decision',
  'public_notice',
];

/** True when the program, not the case, decides when this stage closes. */
export function isProgramWide(stage: Stage): boolean {
  // A decision taken case by case has nothing for the program to allocate, so it never waits for the others.
  if (stage.kind === 'decision' && stage.settings.allocation === 'by_hand') return false;
  return PROGRAM_WIDE_STAGE_KINDS.includes(stage.kind);
}

/** A refusal of an action, with its reason in both languages. */
export function refusal(kind: ActionRefusal['kind'], code: string, zh: string, en: string): ActionRefusal {
  return { kind, code, message: { zh, en } };
}

/** Opens a stage: the behaviours register their setup here (see stages/). */
export type StageEntry = (step: CaseStep, stage: Stage) => void;

/**
 * One decision in the making: a working copy of the state, the time, and what the decision records and tells.
 * Stage behaviours change the state through it; the engine turns it into transitions.
 */
export class CaseStep {
  readonly followUps: { action: string; data?: Record<string, unknown>; reason?: string }[] = [];
  readonly notices: CaseNotice[] = [];
  /** Facts of the main action, recorded on its transition. */
  data: Record<string, unknown> | undefined;
  /** Why the main transition happened, when the stage decides it (e.g. a missed deadline). */
  reason: string | undefined;

  constructor(
    readonly context: CaseContext,
    readonly state: CaseState,
    readonly now: string,
    private readonly enterStage: StageEntry,
  ) {}

  /** The stage the case is in; only valid before the case has ended. */
  stage(): Stage {
    return requireStage(this.context.template, this.state.stage);
  }

  /** Records a consequence of the main action as its own transition (a tranche released, a report overdue). */
  followUp(action: string, data?: Record<string, unknown>, reason?: string): void {
    this.followUps.push({ action, data, reason });
  }

  /** Tells people something; the key makes it unique within the case. */
  notify(
    key: string,
    kind: string,
    recipients: NoticeRecipient[],
    title: LocalizedText,
    body: LocalizedText,
    dueAt?: string,
  ) {
    this.notices.push({ key: `${this.state.sequence}:${key}`, kind, recipients, title, body, dueAt });
  }

  /** Tells the applicant organization. */
  notifyApplicant(
    key: string,
    kind: string,
    title: LocalizedText,
    body: LocalizedText,
    dueAt?: string,
  ): void {
    this.notify(key, kind, [{ kind: 'organization', id: this.context.organizationId }], title, body, dueAt);
  }

  /**
   * Ends the current stage with an outcome. In a program-wide stage an outcome that leads on to another stage
   * waits until the program closes the stage for everyone; one that ends the case applies at once.
   */
  conclude(outcome: string, reason?: string): void {
    const stage = this.stage();
    const next = nextStage(this.context.template, stage.key, outcome);
    if (next.kind === 'stage' && isProgramWide(stage) && !this.state.stageClosed) {
      this.state.pendingOutcome = { outcome, reason };
      this.state.phase = `decided_${outcome}`;
      return;
    }
    this.leave(outcome, reason);
  }

  /** Moves to wherever the outcome leads, now. */
  leave(outcome: string, reason?: string, nextStageDeadline?: string): void {
    const stage = this.stage();
    const next = nextStage(this.context.template, stage.key, outcome);
    this.reason = this.reason ?? reason;
    this.data = { ...this.data, outcome };
    if (next.kind === 'terminal') {
      this.state.stage = next.state;
      this.state.terminal = next.state;
      this.state.phase = next.state;
      this.state.stageDeadline = null;
      this.state.pendingOutcome = null;
      this.state.revisionRequest = null;
      this.notifyApplicant(`ended:${next.state}`, 'decision', ENDED_TITLE, endedBody(next.state));
      return;
    }
    this.open(next.stage, nextStageDeadline);
  }

  /** Opens a stage for this case. */
  open(stage: Stage, programDeadline?: string): void {
    Object.assign(this.state, {
      stage: stage.key,
      phase: 'open',
      stageEnteredAt: this.now,
      // The program holds the deadline of a program-wide stage; a case-paced stage runs from its entry.
      stageDeadline: isProgramWide(stage)
        ? (programDeadline ?? null)
        : instantAfter(this.context, stage.duration, this.now),
      stageClosed: false,
      pendingOutcome: null,
      stageOverdueNotified: false,
      revisionRequest: null,
    });
    this.enterStage(this, stage);
    this.notifyApplicant(
      `opened:${stage.key}`,
      'stage_opened',
      { zh: `申请进入「${stage.name.zh}」阶段`, en: `Your application is now in “${stage.name.en}”` },
      {
        zh: this.state.stageDeadline ? `本阶段截止时间：${this.state.stageDeadline}` : '请留意后续通知',
        en: this.state.stageDeadline
          ? `This stage ends at ${this.state.stageDeadline}`
          : 'Watch for further notices',
      },
      this.state.stageDeadline ?? undefined,
    );
  }
}

const ENDED_TITLE: LocalizedText = { zh: '申请结果通知', en: 'The outcome of your application' };

function endedBody(state: string): LocalizedText {
  const texts: Record<string, LocalizedText> = {
    withdrawn: { zh: '申请已撤回或因逾期视为放弃', en: 'The application was withdrawn or lapsed' },
    ineligible: { zh: '申请未通过资格审查', en: 'The application did not pass eligibility screening' },
    not_advanced: { zh: '申请未通过评审', en: 'The application did not advance in review' },
    declined: { zh: '申请未获资助', en: 'The application was not funded' },
    terminated: { zh: '资助协议已终止', en: 'The funding agreement was terminated' },
    closed: { zh: '项目已结项', en: 'The project is closed' },
    unsuccessful: {
      zh: '本次采购因有效投标不足而失败（流标）',
      en: 'The call failed: too few valid submissions (unsuccessful tender)',
    },
  };
  return texts[state] ?? { zh: state, en: state };
}

/** Helper for behaviours: the stage cast to its kind. */
export function stageOf<K extends StageKind>(step: CaseStep, kind: K): Extract<Stage, { kind: K }> {
  const stage = step.stage();
  if (stage.kind !== kind) throw new Error(`stage ${stage.key} is ${stage.kind}, not ${kind}`);
  return stage as Extract<Stage, { kind: K }>;
}

/** Appends the engine's records for a step: the main transition, then its follow-ups. */
export function recordStep(
  step: CaseStep,
  action: string,
  fromStage: string,
  actor: { actorId: string; actorRoles?: string[] },
  reason: string | undefined,
): CaseTransitionRecord[] {
  const records: CaseTransitionRecord[] = [];
  const push = (name: string, from: string, data?: Record<string, unknown>, why?: string) => {
    step.state.sequence += 1;
    records.push({
      sequence: step.state.sequence,
      action: name,
      fromStage: from,
      toStage: step.state.stage,
      ...actor,
      reason: why,
      occurredAt: step.now,
      revision: step.state.revision,
      data,
    });
  };
  push(action, fromStage, step.data, reason ?? step.reason);
  for (const followUp of step.followUps)
    push(followUp.action, step.state.stage, followUp.data, followUp.reason);
  return records;
}
