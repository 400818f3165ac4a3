/** Workflow id of an application's case: a business id, so a second start finds the first case. */
export function caseWorkflowId(applicationId: string): string {
  return `case:${applicationId}`;
}

/** Workflow id of a program's orchestrator. */
export function programWorkflowId(programId: string): string {
  return `program:${programId}`;
}

/** Default task queue for case and program workflows and their activities. */
export const DEFAULT_TASK_QUEUE = 'grantflow-cases';
