import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  programActionUpdate,
  programSnapshotQuery,
  refusalFailure,
  type ProgramSnapshot,
  type ProgramWorkflowInput,
} from '@grantflow/contracts';
import { createWorkingDayCalendar, durationEnd, isProgramWide, isRole, type Stage } from '@grantflow/domain';
import type { Activities } from '@grantflow/activities';

const { loadProgramPlan, projectProgramEvent } = proxyActivities<Activities>({
  // Single queries and writes against Postgres.
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});

const { notify } = proxyActivities<Activities>({
  // Telling people never holds the calendar up; a notice that cannot be stored within a minute is dropped.
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '1 minute',
});

const batch = proxyActivities<Activities>({
  // Fan-outs and batch steps touch every case of the program; they heartbeat per batch of cases, so a
  // stuck one is noticed within the heartbeat timeout and retried (each step is idempotent).
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const barrier = proxyActivities<Activities>({
  // Waits until every case signalled has taken its notice, so the next stage's batch step sees all of them.
  // Cases answer in seconds; past 20 s the activity fails and is retried (a worker is probably down).
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 1.5, maximumInterval: '10 seconds' },
});

/**
 * Runs a program's calendar: opens and closes each program-wide stage on time (coordinators may extend or
 * close early), runs its batch step through activities (reviewer assignment, ranking, allocation), and tells
 * the cases; the case-paced stages (agreement onwards) then run on each case's own clock.
 */
export async function programWorkflow(input: ProgramWorkflowInput): Promise<ProgramSnapshot> {
  // Known once the plan has loaded (below); until then no stage is open and every calendar action is refused.
  let stages: Stage[] = [];

  let stageIndex = input.resume?.stageIndex ?? 0;
  let deadline: string | null = input.resume?.deadline ?? null;
  let closeRequested = false;
  let awaitingConfirmation = false;
  let awardsConfirmedBy: string | null = null;
  let deadlineMovedTo: string | null = null;
  let amendments = 0;
  let finalized = false;

  const current = (): Stage | undefined => stages[stageIndex];
  const snapshot = (): ProgramSnapshot => ({
    programId: input.programId,
    stage: finalized ? null : (current()?.key ?? null),
    deadline,
    finalized,
    awaitingConfirmation,
  });
  const record = (
    action: string,
    stageKey: string | null,
    actorId: string,
    data: Record<string, unknown>,
    stageDeadline = deadline,
    // The roles a person acted in; the program's own steps have none and are audited as the system's.
    actorRoles?: readonly string[],
  ) =>
    projectProgramEvent({
      programId: input.programId,
      action,
      stageKey,
      actorId,
      ...(actorRoles ? { actorRoles: [...actorRoles] } : {}),
      data,
      occurredAt: new Date().toISOString(),
      currentStage: finalized ? null : (current()?.key ?? null),
      stageDeadline,
      finalized,
    });

  setHandler(
    programActionUpdate,
    async (request) => {
      // An amendment is new with the purchase of services: only this update reaches it, so histories recorded
      // before it never run this branch and replay as they ran.
      if (request.action === 'amend_call') {
        amendments += 1;
        const until = request.until ? new Date(request.until).toISOString() : undefined;
        await batch.signalCases({
          programId: input.programId,
          stageKey: request.stageKey,
          notice: {
            type: 'call_amended',
            stageKey: request.stageKey,
            amendmentId: `amendment-${amendments}`,
            summary: request.reason!,
            ...(until ? { deadline: until } : {}),
          },
        });
        if (until) deadlineMovedTo = until;
      } else if (request.action === 'close_stage') closeRequested = true;
      else if (request.action === 'confirm_awards') awardsConfirmedBy = request.actor.userId;
      else deadlineMovedTo = new Date(request.until!).toISOString();
      const movedTo = deadlineMovedTo ?? deadline;
      await record(
        request.action,
        request.stageKey,
        request.actor.userId,
        // The submission window's close is read by new cases from the program row.
        {
          until: movedTo,
          reason: request.reason ?? null,
          ...(stageIndex === 0 && deadlineMovedTo ? { windowClosesAt: movedTo } : {}),
        },
        movedTo,
        request.actor.roles,
      );
      return { ...snapshot(), deadline: movedTo };
    },
    {
      validator: (request) => {
        const stage = current();
        // District staff run every calendar; so does whoever the open stage lets extend it (the purchasing
        // department of a purchase of services). A validator records nothing, so replay is unaffected.
        const managesStage =
          stage !== undefined &&
          request.actor.roles.some(
            (role: string) => isRole(role) && stage.permissions[role]?.includes('extend_deadline') === true,
          );
        if (!request.actor.roles.includes('coordinator:district') && !managesStage) {
          throw refusalFailure({
            kind: 'forbidden',
            code: 'role_not_allowed',
            message: {
              zh: '只有区级工作人员或本阶段的负责方可以调整项目日程',
              en: 'Only district coordinators or those running this stage can change the program calendar',
            },
          });
        }
        if (finalized || !stage || stage.key !== request.stageKey) {
          throw refusalFailure({
            kind: 'conflict',
            code: 'stage_not_open',
            message: {
              zh: `「${request.stageKey}」不是当前开放的阶段`,
              en: `"${request.stageKey}" is not the stage open now`,
            },
          });
        }
        if (request.action === 'confirm_awards' && !awaitingConfirmation) {
          throw refusalFailure({
            kind: 'conflict',
            code: 'no_proposal',
            message: {
              zh: '没有待确认的资助方案；请先关闭决定阶段生成方案',
              en: 'There is no award proposal to confirm; close the decision stage first',
            },
          });
        }
        if (request.action !== 'confirm_awards' && awaitingConfirmation) {
          throw refusalFailure({
            kind: 'conflict',
            code: 'awaiting_confirmation',
            message: {
              zh: '资助方案待确认，阶段已关闭',
              en: 'The stage is closed; its award proposal awaits confirmation',
            },
          });
        }
        if (request.action === 'amend_call') {
          if (stage.kind !== 'submission' || !request.reason?.trim()) {
            throw refusalFailure({
              kind: stage.kind !== 'submission' ? 'conflict' : 'invalid',
              code: stage.kind !== 'submission' ? 'not_submission_window' : 'reason_required',
              message: {
                zh: '只能在投标（征集）期内修改文件，并须说明修改内容',
                en: 'The call can only be amended during its submission window, saying what changes',
              },
            });
          }
        }
        if (request.action === 'extend_stage' || (request.action === 'amend_call' && request.until)) {
          const until = request.until ? Date.parse(request.until) : NaN;
          if (Number.isNaN(until) || (deadline && until <= Date.parse(deadline)) || until <= Date.now()) {
            throw refusalFailure({
              kind: 'invalid',
              code: 'invalid_deadline',
              message: {
                zh: '新的截止时间须晚于当前截止时间',
                en: 'The new deadline must be later than the current one',
              },
              fields: [
                {
                  field: 'until',
                  code: 'min',
                  message: { zh: `须晚于 ${deadline}`, en: `must be after ${deadline}` },
                },
              ],
            });
          }
        }
      },
    },
  );
  setHandler(programSnapshotQuery, snapshot);

  // The handlers are in place before the first await: an update that arrives with the workflow's start (a
  // coordinator acting right after publishing) is refused with its reason instead of finding no handler. No
  // command comes before this activity, so recorded histories replay unchanged.
  const plan = await loadProgramPlan({ programId: input.programId });
  const calendar = createWorkingDayCalendar(plan.calendar);
  stages = plan.template.stages.filter(isProgramWide);

  const deadlineOf = (stage: Stage, from: string): string =>
    durationEnd(stage.duration, new Date(from), calendar).instant.toISOString();

  for (; stageIndex < stages.length; stageIndex++) {
    const stage = stages[stageIndex];
    if (!deadline)
      deadline = stageIndex === 0 ? plan.windowClosesAt : deadlineOf(stage, new Date().toISOString());
    closeRequested = false;
    await record('stage_opened', stage.key, 'program', { deadline });

    if (stage.kind === 'review') {
      const assignment = {
        programId: input.programId,
        stageKey: stage.key,
        reviewersPerCase: stage.settings.reviewersPerCase,
        level: stage.settings.level,
        atLeastOneDistrictExpert: stage.settings.requireDistrictExpert ?? false,
      };
      // Panels come from the expert registry by the exact solver since it existed; programs that were
      // already running keep the pool rotation they started with.
      if (patched('expert-registry-assignment')) await batch.assignStageReviewers(assignment);
      else await batch.assignReviewers(assignment);
    }

    let overdueNotified = false;
    for (;;) {
      const wait = deadline && !overdueNotified ? Math.max(1, Date.parse(deadline) - Date.now()) : undefined;
      const woken = () => closeRequested || deadlineMovedTo !== null;
      const timedOut = wait === undefined ? (await condition(woken), false) : !(await condition(woken, wait));
      if (deadlineMovedTo) {
        deadline = deadlineMovedTo;
        deadlineMovedTo = null;
        overdueNotified = false;
        await batch.signalCases({
          programId: input.programId,
          stageKey: stage.key,
          notice: { type: 'deadline_moved', stageKey: stage.key, deadline },
        });
        continue;
      }
      if (closeRequested || !timedOut) break;
      // The stage's time is up: a window or notice period simply ends; a stage that needs people to finish
      // (screening, review, decision) tells them once and waits for a coordinator to close it.
      if ('recordOutcome' in stage.onDeadline) break;
      if (!overdueNotified) {
        overdueNotified = true;
        await record('stage_overdue', stage.key, 'program', { deadline, notify: stage.onDeadline.notify });
        // Added after programs were already running: their recorded histories have no notify activity.
        if (patched('notify-people')) {
          await notify({
            dedupeKey: `program:${input.programId}:overdue:${stage.key}:${deadline}`,
            kind: 'deadline_missed',
            recipients: stage.onDeadline.notify.map((role) => ({ kind: 'role' as const, id: role })),
            title: { zh: `「${stage.name.zh}」已到期`, en: `“${stage.name.en}” has reached its deadline` },
            body: { zh: '请完成本阶段工作并关闭阶段', en: 'Finish the work of this stage and close it' },
            programId: input.programId,
          }).catch((error: unknown) => log.warn('A notice could not be stored', { error: String(error) }));
        }
      }
    }

    const next = stages[stageIndex + 1];
    let nextDeadline = next ? deadlineOf(next, new Date().toISOString()) : undefined;
    const step = { programId: input.programId, stageKey: stage.key, nextStageDeadline: nextDeadline };
    let unsuccessful: Record<string, unknown> | null = null;
    if (
      stage.kind === 'screening' &&
      stage.settings.minEligible !== undefined &&
      // Added with the purchase of services; programs already running close their screening as before.
      patched('min-eligible-cases')
    ) {
      const closed = await batch.closeScreeningStage({ ...step, minEligible: stage.settings.minEligible });
      if (closed.unsuccessful)
        unsuccessful = { eligible: closed.eligible, minEligible: stage.settings.minEligible };
    } else if (stage.kind === 'review') {
      await batch.rankReviewStage({
        ...step,
        rubricId: stage.settings.rubricId,
        advancement: stage.settings.advancement,
        tieBreaks: stage.settings.tieBreaks,
      });
    } else if (stage.kind === 'decision') {
      const allocation = {
        ...step,
        tiers: stage.settings.tiers,
        budgetFen: plan.budgetFen,
        partialFunding: stage.settings.partialFunding,
        categoryQuotas: stage.settings.categoryQuotas,
      };
      // Since award confirmation exists, the allocation is a proposal a coordinator confirms before any case
      // hears of it; programs already running keep telling the cases at once.
      if (patched('award-confirmation')) {
        const proposal = await batch.proposeAwards(allocation);
        awaitingConfirmation = true;
        await record('awards_proposed', stage.key, 'program', proposal);
        await condition(() => awardsConfirmedBy !== null);
        awaitingConfirmation = false;
        const confirmedAt = new Date().toISOString();
        const confirmedDeadline = next ? deadlineOf(next, confirmedAt) : undefined;
        await batch.confirmAwards({
          ...step,
          nextStageDeadline: confirmedDeadline,
          confirmedBy: awardsConfirmedBy!,
        });
        nextDeadline = confirmedDeadline;
      } else {
        await batch.allocateAwards(allocation);
      }
    } else {
      await batch.signalCases({
        programId: input.programId,
        stageKey: stage.key,
        notice: { type: 'stage_closed', stageKey: stage.key, nextStageDeadline: nextDeadline },
      });
    }
    await barrier.awaitStageSettled({ programId: input.programId, stageKey: stage.key });
    await record('stage_closed', stage.key, 'program', {});
    deadline = nextDeadline ?? null;
    // Too few eligible cases (流标): every case has ended, so the calendar ends here too.
    if (unsuccessful) {
      await record('call_unsuccessful', stage.key, 'program', unsuccessful);
      break;
    }

    // Each stage adds a bounded number of events; a long-lived program still starts afresh when the
    // history grows large, carrying only where it is.
    if (workflowInfo().continueAsNewSuggested && stageIndex + 1 < stages.length) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof programWorkflow>({
        programId: input.programId,
        resume: { stageIndex: stageIndex + 1, deadline },
      });
    }
  }

  finalized = true;
  await record('finalized', null, 'program', {});
  await condition(allHandlersFinished);
  return snapshot();
}
