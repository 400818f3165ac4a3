import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  caseSnapshotQuery,
  refusalFailure,
  StageAttribute,
  submitApplicationUpdate,
  withdrawApplicationUpdate,
  type Actor,
  type CaseSnapshot,
  type CaseTransition,
  type CaseWorkflowInput,
} from '@grantflow/contracts';
import { isTerminalStage, refuseSubmission, refuseWithdrawal, type ActionRefusal } from '@grantflow/domain';
import type { Activities } from '@grantflow/activities';

const { projectCaseTransition } = proxyActivities<Activities>({
  // One small transaction; a slow database should be retried, not waited on.
  startToCloseTimeout: '10 seconds',
  // No overall limit: the transition already happened in the workflow, so the read model must catch up
  // however long Postgres is away. The update that caused it returns once the projection is written.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

function rejectIfRefused(refusal: ActionRefusal | undefined): void {
  if (refusal) throw refusalFailure(refusal);
}

/** Carries one application from draft through its stages; every transition is projected to Postgres. */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseSnapshot> {
  let stage = 'draft';
  let revision = 0;
  let sequence = 0;

  const snapshot = (): CaseSnapshot => ({
    applicationId: input.applicationId,
    stage,
    revision,
    transitionCount: sequence,
  });

  // Moves the case, keeps the search attributes on the stage and projects before the caller hears back.
  const transition = async (
    action: string,
    to: string,
    actor: Actor,
    reason?: string,
  ): Promise<CaseSnapshot> => {
    sequence += 1;
    const record: CaseTransition = {
      sequence,
      action,
      fromStage: stage,
      toStage: to,
      actorId: actor.userId,
      reason,
      occurredAt: new Date().toISOString(),
      revision,
    };
    stage = to;
    upsertSearchAttributes([{ key: StageAttribute, value: to }]);
    const { workflowId, runId } = workflowInfo();
    await projectCaseTransition({
      applicationId: input.applicationId,
      workflowId,
      runId,
      transition: record,
    });
    return snapshot();
  };

  const caseState = () => ({ stage, organizationId: input.organizationId });

  setHandler(
    submitApplicationUpdate,
    async ({ actor, revision: submittedRevision }) => {
      revision = submittedRevision;
      return transition('submit', 'submitted', actor);
    },
    { validator: ({ actor }) => rejectIfRefused(refuseSubmission(caseState(), actor)) },
  );

  setHandler(
    withdrawApplicationUpdate,
    async ({ actor, reason }) => transition('withdraw', 'withdrawn', actor, reason),
    { validator: ({ actor }) => rejectIfRefused(refuseWithdrawal(caseState(), actor)) },
  );

  setHandler(caseSnapshotQuery, snapshot);

  // The later stages (screening, reviews, decision ...) come from the program's template; until a case
  // ends it waits here for the actions that move it.
  await condition(() => isTerminalStage(stage));
  await condition(allHandlersFinished);
  return snapshot();
}
