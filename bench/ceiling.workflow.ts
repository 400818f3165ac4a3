// The ceiling of the case benchmark: a workflow that takes updates and runs no-op activities and does nothing
// else, so the same number of updates and activities through the same Temporal server and SDK shows what the
// engine's own work (domain rules, projections, program batch steps) costs on top. Bundled on its own by
// bench/cases.bench.ts and never part of workflows/index.ts.
import {
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';

/** Activities of the ceiling worker: one that returns at once. */
export interface CeilingActivities {
  noop(): Promise<void>;
}

/** Input of one ceiling workflow: how many updates it will receive before it ends. */
export interface CeilingWorkflowInput {
  updates: number;
}

/** One update: run this many no-op activities one after another, as the engine's handler awaits its own. */
export const ceilingUpdate = defineUpdate<number, [{ activities: number }]>('ceilingAct');

/** Registered name of the ceiling workflow. */
export const CEILING_WORKFLOW_TYPE = 'ceilingWorkflow';

const { noop } = proxyActivities<CeilingActivities>({
  // The same timeout and default retries as the engine's projection activity; a no-op never needs them.
  startToCloseTimeout: '10 seconds',
});

/** Takes `updates` updates, each running its no-op activities, then ends. */
export async function ceilingWorkflow(input: CeilingWorkflowInput): Promise<number> {
  let handled = 0;
  setHandler(ceilingUpdate, async ({ activities }) => {
    for (let index = 0; index < activities; index++) await noop();
    handled += 1;
    return handled;
  });
  await condition(() => handled >= input.updates);
  await condition(allHandlersFinished);
  return handled;
}
