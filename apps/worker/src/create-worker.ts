import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createActivities, MemberEmailDirectory } from '@grantflow/activities';
import { withGrantflowAliases, workflowsEntryPath } from '@grantflow/temporal';

/** What a worker needs: a connection to Temporal, where to poll, and the dependencies of the activities. */
export interface GrantflowWorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** Client the program's batch steps use to signal case workflows. */
  temporalClient: Client;
  /** Pre-built workflow bundle (see `npm run build`); without it the worker bundles at start. */
  workflowBundleCode?: string;
  maxCachedWorkflows: number;
  maxConcurrentActivityTaskExecutions: number;
  maxConcurrentWorkflowTaskExecutions: number;
}

/** Creates the Temporal worker that runs case and program workflows and their activities. */
export async function createGrantflowWorker(settings: GrantflowWorkerSettings): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> =
    settings.workflowBundleCode
      ? // Bundling takes seconds and memory; a bundle built once at build time is shared by every worker.
        { workflowBundle: { code: settings.workflowBundleCode } }
      : { workflowsPath: workflowsEntryPath(), bundlerOptions: { webpackConfigHook: withGrantflowAliases } };

  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    ...workflowSource,
    activities: createActivities({
      dataSource: settings.dataSource,
      temporal: settings.temporalClient,
      emailDirectory: new MemberEmailDirectory(settings.dataSource),
    }),
    // Cases wait for weeks between actions; the cache only has to hold the ones active now. Evicted
    // workflows are rebuilt by replay, so the bound trades a little CPU for memory that stays flat.
    maxCachedWorkflows: settings.maxCachedWorkflows,
    maxConcurrentActivityTaskExecutions: settings.maxConcurrentActivityTaskExecutions,
    maxConcurrentWorkflowTaskExecutions: settings.maxConcurrentWorkflowTaskExecutions,
    // Activities are short database writes; on shutdown give them time to finish before cancelling them.
    shutdownGraceTime: '10 seconds',
  });
}
