import { GRANT_COMPETITION_TEMPLATE } from './grant-competition';
import { withProgramCategoryQuotas } from './program-quotas';
import { validateTemplate } from './validate-template';

describe('withProgramCategoryQuotas', () => {
  it('gives the decision stages the program’s quotas and leaves the template itself unchanged', () => {
    const quotas = [{ category: 'culture', minCount: 1 }];
    const frozen = withProgramCategoryQuotas(GRANT_COMPETITION_TEMPLATE, quotas);
    const decisions = frozen.stages.filter((stage) => stage.kind === 'decision');
    expect(decisions.length).toBeGreaterThan(0);
    for (const stage of decisions)
      expect(stage.kind === 'decision' && stage.settings.categoryQuotas).toEqual(quotas);
    expect(frozen.stages.filter((stage) => stage.kind !== 'decision')).toEqual(
      GRANT_COMPETITION_TEMPLATE.stages.filter((stage) => stage.kind !== 'decision'),
    );
    for (const stage of GRANT_COMPETITION_TEMPLATE.stages)
      if (stage.kind === 'decision') expect(stage.settings.categoryQuotas).toBeUndefined();
    expect(validateTemplate(frozen)).toEqual([]);
  });

  it('returns the template as it is when the program sets no quotas', () => {
    expect(withProgramCategoryQuotas(GRANT_COMPETITION_TEMPLATE, undefined)).toBe(GRANT_COMPETITION_TEMPLATE);
  });
});
