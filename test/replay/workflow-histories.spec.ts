import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';

// Cases live for months across deployments, so every workflow change must replay the histories that
// running cases already have. Each file here is `temporal workflow show -w <id> -o json` of a real run,
// one per path through the template (`RECORD_HISTORIES_DIR=… npx jest grant-lifecycle` records them):
// v1-* were recorded before notifications, review due dates and registry assignment were added behind
// patched(); v2-* after them; v3-* after award confirmation; v4-* are purchases of services (`npx jest
// procurement` records them), with the minimum of eligible bids, an amended call and a contract terminated by a failing
// evaluation (added later as a file of its own, no code change). Keep every generation while
// cases of it may still be running.
const historiesDir = join(__dirname, 'histories');
const files = readdirSync(historiesDir).filter((name) => name.endsWith('.json'));

describe('recorded workflow histories replay against the current workflow code', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    // The JSON form of `temporal workflow show`; the SDK converts it to a History itself.
    const history: unknown = JSON.parse(readFileSync(join(historiesDir, file), 'utf8'));
    const code = readFileSync(process.env.WORKFLOW_BUNDLE_PATH!, 'utf8');
    await expect(
      Worker.runReplayHistory({ workflowBundle: { code } }, history, file.replace(/\.json$/, '')),
    ).resolves.toBeUndefined();
  });
});
