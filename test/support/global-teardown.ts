import { rmSync } from 'node:fs';
import { dropDatabase } from '../../infra/local/databases';

/** Stops the run's Temporal server and drops its database (kept when KEEP_TEST_DATABASE=1, for debugging). */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.grantflowTestStack;
  if (!stack) return;
  await stack.temporal.stop();
  if (process.env.KEEP_TEST_DATABASE !== '1') await dropDatabase(stack.databaseUrl);
  rmSync(stack.bundleDir, { recursive: true, force: true });
}
