import type { ProcessTemplate } from './process-template';
import type { CategoryQuota } from './stages';

/**
 * The template a program freezes when it sets its own category quotas: a copy whose decision stages take the
 * program's quotas in place of the template's (portfolio balance is decided per call, like its budget). The
 * template itself is left as it is; without program quotas it is returned unchanged.
 */
export function withProgramCategoryQuotas(
  template: ProcessTemplate,
  quotas: readonly CategoryQuota[] | undefined,
): ProcessTemplate {
  if (quotas === undefined) return template;
  return {
    ...template,
    stages: template.stages.map((stage) =>
      stage.kind === 'decision'
        ? { ...stage, settings: { ...stage.settings, categoryQuotas: quotas.map((quota) => ({ ...quota })) } }
        : stage,
    ),
  };
}
