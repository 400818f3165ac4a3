import { basename, resolve } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type BundleOptions } from '@temporalio/worker';

type WebpackConfigHook = NonNullable<BundleOptions['webpackConfigHook']>;

// This file runs from sources (<root>/libs/temporal/src) in tests and from <root>/dist/libs/temporal/src
// once built. Workflows are always bundled from their TypeScript sources, which webpack compiles with swc.
function repositoryRoot(): string {
  const root = resolve(__dirname, '../../..');
  return basename(root) === 'dist' ? resolve(root, '..') : root;
}

/** Gives the Temporal bundler the path aliases TypeScript uses; reused by worker, bundle script and tests. */
export const withGrantflowAliases: WebpackConfigHook = (config) => {
  const root = repositoryRoot();
  config.resolve = config.resolve ?? {};
  config.resolve.alias = {
    ...(config.resolve.alias as Record<string, string> | undefined),
    '@grantflow/contracts': resolve(root, 'libs/contracts/src'),
    '@grantflow/domain': resolve(root, 'libs/domain/src'),
  };
  return config;
};

/** Path of the workflows' entry module. */
export function workflowsEntryPath(): string {
  return resolve(repositoryRoot(), 'workflows/index.ts');
}

/** Bundles the workflow code once; the worker loads the result instead of bundling at every start. */
export async function bundleWorkflows(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowsEntryPath(),
    webpackConfigHook: withGrantflowAliases,
    // Webpack's statistics are noise on every start; warnings and errors still show.
    logger: new DefaultLogger('WARN'),
  });
  return code;
}
