import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigurationError, validateEnvironment } from '@grantflow/config';
import { runMigrations } from '@grantflow/db';
import { loadDemoData } from './demo-data';
import { DEMO_PASSWORD, seedDemoAccounts } from './demo-users';
import { portInUse } from './ports';
import { startTemporalDevServer, temporalCliVersion, type DevServer } from './temporal-dev-server';

// `npm start`: the whole system on one machine. Temporal (a dev server under .data/ unless TEMPORAL_ADDRESS
// is set), Postgres (embedded under .data/ unless DATABASE_URL is set), migrations, the worker and the API,
// then demo data on an empty database. Ctrl-C stops everything in order: API, worker (drains), Temporal,
// Postgres. Services run in process groups of their own so the terminal's Ctrl-C reaches only this
// process, which decides the order.

const root = resolve(__dirname, '../../..');
const dist = resolve(root, 'dist');
const dataDir = resolve(root, process.env.GRANTFLOW_DATA_DIR ?? '.data');

const say = (line: string) => process.stdout.write(`[grantflow] ${line}\n`);

interface RunningService {
  name: string;
  stop(): Promise<void>;
}

const running: RunningService[] = [];
let stopping = false;
const children = new Set<ChildProcess>();

function spawnService(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  pipeStdout = false,
): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env,
    detached: true,
    stdio: ['ignore', pipeStdout ? 'pipe' : 'inherit', 'inherit'],
  });
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

async function startPostgres(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
  if (await portInUse(port))
    throw new Error(`Port ${port} for the embedded Postgres is taken; set EMBEDDED_POSTGRES_PORT`);
  const child = spawnService(
    'postgres',
    resolve(dist, 'infra/local/postgres-process.js'),
    {
      ...process.env,
      GRANTFLOW_POSTGRES_DIR: dataDir,
      GRANTFLOW_POSTGRES_PORT: String(port),
      GRANTFLOW_POSTGRES_DATABASE: 'grantflow',
    },
    true,
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const message = JSON.parse(line) as { ready?: boolean; url?: string };
        if (message.ready && message.url) resolveUrl(message.url);
      } catch {
        process.stdout.write(`${line}\n`);
      }
    });
    child.once('exit', () =>
      reject(new Error('the embedded Postgres did not start (see its messages above)')),
    );
  });
  running.push({ name: 'postgres', stop: () => stopChild(child, 30_000) });
  return url;
}

async function startTemporal(): Promise<{ address: string; uiUrl?: string }> {
  if (process.env.TEMPORAL_ADDRESS)
    return { address: process.env.TEMPORAL_ADDRESS, uiUrl: process.env.TEMPORAL_UI_URL };
  const port = Number(process.env.TEMPORAL_DEV_PORT ?? 7233);
  const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
  for (const taken of [port, uiPort]) {
    if (await portInUse(taken))
      throw new Error(
        `Port ${taken} for the Temporal dev server is taken; set TEMPORAL_DEV_PORT/TEMPORAL_UI_PORT or TEMPORAL_ADDRESS`,
      );
  }
  const server: DevServer = await startTemporalDevServer({
    port,
    uiPort,
    dbFilename: resolve(dataDir, 'temporal.sqlite'),
    // The dev server logs every refused connection as a warning while it stops; only errors matter here.
    onOutput: (line) => {
      if (!stopping && /level=(ERROR|FATAL)/.test(line)) process.stdout.write(`[temporal] ${line}\n`);
    },
  });
  running.push({ name: 'temporal', stop: () => server.stop() });
  if (server.executable !== 'SDK cached download') say(`Temporal: ${temporalCliVersion(server.executable)}`);
  return { address: server.address, uiUrl: server.uiUrl };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 300));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('Stopping: API, worker (draining), Temporal, Postgres …');
  // Last started, first stopped: the API stops taking requests, the worker finishes its tasks, then the
  // servers they use go down.
  for (const service of [...running].reverse()) {
    try {
      await service.stop();
    } catch (error) {
      say(`${service.name} did not stop cleanly: ${String(error)}`);
    }
  }
  say('Stopped.');
  process.exit(exitCode);
}

/** The token-signing secret of this machine's API, kept under .data/ so that a restart keeps people signed in. */
function localTokenSecret(): string {
  const file = resolve(dataDir, 'auth-token-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  // Check the settings before starting anything; the two addresses are filled in below when not given.
  validateEnvironment({
    DATABASE_URL: 'postgres://placeholder/grantflow',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    ...process.env,
  });
  mkdirSync(dataDir, { recursive: true });
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // A second Ctrl-C while stopping, or a crash of this process, must not leave servers behind.
  process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

  const [databaseUrl, temporal] = await Promise.all([startPostgres(), startTemporal()]);
  const environment = {
    NODE_ENV: 'development',
    LOG_PRETTY: 'true',
    // The demo loader signs in as some thirty people at once; a person signs in a few times a day.
    RATE_LIMIT_AUTH_PER_MINUTE: '200',
    AUTH_TOKEN_SECRET: localTokenSecret(),
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    WORKFLOW_BUNDLE_PATH: process.env.WORKFLOW_BUNDLE_PATH ?? resolve(dist, 'workflow-bundle.js'),
  };
  const settings = validateEnvironment(environment);

  const applied = await runMigrations({ url: settings.DATABASE_URL, ssl: settings.DATABASE_SSL });
  say(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date');

  const worker = spawnService('worker', resolve(dist, 'apps/worker/src/main.js'), environment);
  running.push({ name: 'worker', stop: () => stopChild(worker, 30_000) });
  const api = spawnService('api', resolve(dist, 'apps/api/src/main.js'), environment);
  running.push({ name: 'api', stop: () => stopChild(api, 15_000) });

  const apiHost = settings.HOST === '0.0.0.0' ? '127.0.0.1' : settings.HOST;
  const apiUrl = `http://${apiHost}:${settings.PORT}`;
  await waitForHealth(`${apiUrl}/health`, 90_000);

  // Demo accounts and data go into a database without users; a restart keeps what people did.
  const demo = process.env.GRANTFLOW_DEMO_DATA !== 'false' && (await seedDemoAccounts(settings.DATABASE_URL));
  if (demo) {
    const loaded = await loadDemoData(apiUrl);
    say(`Demo data loaded: ${loaded.organizations} organizations, ${loaded.applications} applications`);
    say(`Demo accounts (password ${DEMO_PASSWORD}): district@demo.grantflow.cn, street@demo.grantflow.cn, …`);
    say('  (README lists every role)');
  }

  say('Grantflow is running. Press Ctrl-C to stop.');
  say(`  Web         ${apiUrl}/`);
  say(`  API         ${apiUrl}/api`);
  say(`  API docs    ${apiUrl}/api/docs  (OpenAPI: ${apiUrl}/api/openapi.json)`);
  say(`  Health      ${apiUrl}/health`);
  say(`  Temporal UI ${temporal.uiUrl ?? '(external cluster: see its own UI)'}`);
  say(`  Data        ${existsSync(dataDir) ? dataDir : '(external services)'}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) say(error.message);
  else say(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
