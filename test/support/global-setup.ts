import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../libs/db/src/data-source';
import { bundleWorkflows } from '../../libs/temporal/src/workflow-bundle';
import { ensureDatabase, siblingDatabaseUrl } from '../../infra/local/databases';
import { freePort } from '../../infra/local/ports';
import { startTemporalDevServer, type DevServer } from '../../infra/local/temporal-dev-server';
import { TEST_TOKEN_SECRET } from './test-secret';

/** What the teardown needs to undo. */
export interface TestStack {
  temporal: DevServer;
  databaseUrl: string;
  bundleDir: string;
}

declare global {
  var grantflowTestStack: TestStack | undefined;
}

// The local server of this kind of machine; DATABASE_URL names another one (only its server is used).
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Starts one real Temporal dev server on a free port, creates a fresh Postgres database with every
 * migration applied and bundles the workflows once, for the whole integration run. A user's own data
 * and servers are never touched.
 */
export default async function globalSetup(): Promise<void> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const database = `grantflow_test_${stamp}_${process.pid}`;
  const databaseUrl = siblingDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL, database);

  const [temporal, bundle] = await Promise.all([
    freePort().then((port) => startTemporalDevServer({ port })),
    bundleWorkflows(),
    ensureDatabase(databaseUrl).then(() => runMigrations({ url: databaseUrl })),
  ]);
  const bundleDir = mkdtempSync(join(tmpdir(), 'grantflow-test-'));
  const bundlePath = join(bundleDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle);

  // Test files (in this process or in workers spawned after this) read these.
  process.env.DATABASE_URL = databaseUrl;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  process.env.NODE_ENV = 'test';
  // Every API a suite boots verifies the tokens the suites sign (test/support/auth.ts).
  process.env.AUTH_TOKEN_SECRET = TEST_TOKEN_SECRET;
  globalThis.grantflowTestStack = { temporal, databaseUrl, bundleDir };
}
