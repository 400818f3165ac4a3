import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findTemporalCli } from '../../infra/local/temporal-dev-server';

const run = promisify(execFile);

/**
 * Writes a workflow's history as `temporal workflow show -o json` prints it into `RECORD_HISTORIES_DIR`, for the
 * replay test; does nothing when the variable is unset, so ordinary runs record nothing.
 */
export async function recordHistory(workflowId: string, file: string): Promise<void> {
  const directory = process.env.RECORD_HISTORIES_DIR;
  if (!directory) return;
  const { stdout } = await run(findTemporalCli() ?? 'temporal', [
    'workflow',
    'show',
    '--address',
    process.env.TEMPORAL_ADDRESS!,
    '-w',
    workflowId,
    '--output',
    'json',
  ]);
  writeFileSync(join(directory, file), stdout);
}
