import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/common';

/** Where SDK log lines go: the process's own structured logger. */
export type TemporalLogSink = (entry: LogEntry) => void;

const SDK_LEVEL: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

let installed = false;

/**
 * Sends the Temporal SDK's logs (worker state, workflow and activity logs) through the process logger so
 * they share its JSON format and level. The SDK runtime is process-wide and can be set up once only.
 */
export function installTemporalRuntimeLogging(level: string, sink: TemporalLogSink): void {
  if (installed || Runtime._instance) return;
  Runtime.install({ logger: new DefaultLogger(SDK_LEVEL[level] ?? 'INFO', sink) });
  installed = true;
}
