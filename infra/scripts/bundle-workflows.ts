import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bundleWorkflows } from '@grantflow/temporal';

// Build step: bundles workflow code once so workers start fast and every worker runs the same bundle.
async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  await writeFile(target, await bundleWorkflows());
  process.stdout.write(`Workflow bundle written to ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
