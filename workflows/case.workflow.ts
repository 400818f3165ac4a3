import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  caseActionUpdate,
  caseStateQuery,
  programNoticeSignal,
  refusalFailure,
  StageAttribute,
  type CaseSnapshot,
  type CaseWorkflowInput,
  type NotificationKind,
} from '@grantflow/contracts';
import {
  createWorkingDayCalendar,
  decideCaseCommand,
  initialCaseState,
  nextCaseWakeUp,
  type CaseCommand,
  type CaseContext,
  type CaseNotice,
  type ProgramNotice,
} from '@grantflow/domain';
import type { Activities } from '@grantflow/activities';

const { projectCaseTransitions } = proxyActivities<Activities>({
  // One small transaction; a slow database should be retried, not waited on.
  startToCloseTimeout: '10 seconds',
  // No overall limit: the transition already happened in the workflow, so the read model must catch up
  // however long Postgres is away. The update that caused it returns once the projection is written.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const { findAlternateReviewer } = proxyActivities<Activities>({
  // A registry lookup and a one-case solve; retried while Postgres is away.
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const { notify } = proxyActivities<Activities>({
  // Telling people is worth a few retries but never holds a case up: a notice that cannot be stored within
  // a minute is logged and dropped (the timeline still records what happened).
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '1 minute',
});

// A case is started by its first submit; if that submit never lands (refused, or the caller gave up), the
// empty case ends as failed so that a later submit may start it again (reuse policy: failed only).
const FIRST_SUBMIT_TIMEOUT = '1 hour';

const now = () => new Date().toISOString();

/** Carries one application through its program's stages; every transition is projected to Postgres. */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseSnapshot> {
  const context: CaseContext = {
    applicationId: input.applicationId,
    programId: input.programId,
    organizationId: input.organizationId,
    street: input.street,
    requestedAmountFen: input.requestedAmountFen,
    template: input.template,
    // Only read when a template grants the funder role; histories started without it replay unchanged.
    funderOrganizationId: input.funderOrganizationId,
    calendar: createWorkingDayCalendar(input.calendar),
    // Review due dates, replacements and disagreement checks came after the first cases ran; a case
    // replaying an older history runs without them, as it did then.
    features: { reviewDeadlines: patched('review-deadlines') },
  };
  let state = initialCaseState(context, now(), input.windowClosesAt);
  const inbox: ProgramNotice[] = [];
  let changes = 0;

  const snapshot = (): CaseSnapshot => ({
    applicationId: input.applicationId,
    stage: state.stage,
    phase: state.phase,
    terminal: state.terminal,
    revision: state.revision,
    transitionCount: state.sequence,
  });

  // Decides, moves the state at once (so a concurrent validator sees it), keeps the search attribute on the
  // stage, and projects to Postgres before the caller hears back.
  const apply = async (command: CaseCommand): Promise<CaseSnapshot> => {
    const decision = decideCaseCommand(context, state, command, now());
    if (decision.refusal) throw refusalFailure(decision.refusal);
    if (decision.transitions.length === 0) return snapshot();
    const stageBefore = state.stage;
    state = decision.state;
    changes += 1;
    if (state.stage !== stageBefore) upsertSearchAttributes([{ key: StageAttribute, value: state.stage }]);
    const { workflowId, runId } = workflowInfo();
    await projectCaseTransitions({
      applicationId: input.applicationId,
      workflowId,
      runId,
      transitions: decision.transitions,
      state,
    });
    // Added after cases were already running: their recorded histories have no notify activity.
    if (decision.notices.length > 0 && patched('notify-people')) await tell(decision.notices);
    await replaceReviewers();
    return snapshot();
  };

  // A reviewer who recused or let the review expire, or a disagreement that asks for one more, is met by an
  // alternate from the expert registry; when there is none, coordinators are told to assign one by hand.
  let replacing = false;
  const replaceReviewers = async (): Promise<void> => {
    if (replacing) return;
    replacing = true;
    try {
      while ((state.replacementsNeeded ?? 0) > 0 && !state.terminal) {
        const stage = input.template.stages.find((candidate) => candidate.key === state.stage);
        if (stage?.kind !== 'review') return;
        const stageKey = stage.key;
        const excluding = (state.reviewAssignments ?? []).map((assignment) => assignment.reviewerId);
        const found = await findAlternateReviewer({
          programId: input.programId,
          applicationId: input.applicationId,
          stageKey,
          excluding,
          level: stage.settings.level,
        });
        await apply({
          type: 'program',
          notice:
            found.reviewerId !== null
              ? { type: 'reviewers_assigned', stageKey, reviewerIds: [found.reviewerId], replacement: true }
              : { type: 'replacement_unavailable', stageKey, reason: found.reason },
        });
      }
    } finally {
      replacing = false;
    }
  };

  const tell = async (notices: CaseNotice[]): Promise<void> => {
    for (const notice of notices) {
      try {
        await notify({
          dedupeKey: `case:${input.applicationId}:${notice.key}`,
          kind: notice.kind as NotificationKind,
          recipients: notice.recipients,
          title: notice.title,
          body: notice.body,
          applicationId: input.applicationId,
          programId: input.programId,
          dueAt: notice.dueAt,
        });
      } catch (error) {
        log.warn('A notice could not be stored', { key: notice.key, error: String(error) });
      }
    }
  };

  setHandler(caseActionUpdate, (request) => apply({ type: 'action', input: request }), {
    validator: (request) => {
      const decision = decideCaseCommand(context, state, { type: 'action', input: request }, now());
      if (decision.refusal) throw refusalFailure(decision.refusal);
    },
  });
  setHandler(programNoticeSignal, (notice) => {
    inbox.push(notice);
  });
  setHandler(caseStateQuery, () => state);

  if (!(await condition(() => state.phase !== 'draft', FIRST_SUBMIT_TIMEOUT))) {
    throw ApplicationFailure.nonRetryable(
      'The case was started but never submitted',
      'SubmissionNotCompleted',
    );
  }

  while (!state.terminal) {
    const seen = changes;
    const wakeUp = nextCaseWakeUp(context, state);
    const woken = () => inbox.length > 0 || changes !== seen || state.terminal !== null;
    const timedOut = wakeUp
      ? !(await condition(woken, Math.max(1, Date.parse(wakeUp) - Date.now())))
      : (await condition(woken), false);
    if (timedOut) await apply({ type: 'clock' });
    while (inbox.length > 0 && !state.terminal) await apply({ type: 'program', notice: inbox.shift()! });
  }

  await condition(allHandlersFinished);
  return snapshot();
}
