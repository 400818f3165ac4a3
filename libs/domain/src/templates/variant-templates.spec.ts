import { isProgramWide } from '../engine/case-step';
import { COMPANY_FUNDED_TEMPLATE as funded } from './company-funded';
import { PROCESS_TEMPLATES } from './registry';
import { allowedActions, requireStage } from './stage-machine';
import { CLAIMED_PROJECT_FIELD, PUBLIC_CLAIMING_TEMPLATE as claiming } from './public-claiming';
import type { ProcessTemplate } from './process-template';
import type { StageKind, StageOfKind } from './stages';
import { testSizedTemplate } from './test-sized-template';
import { validateTemplate } from './validate-template';

function stage<K extends StageKind>(template: ProcessTemplate, key: string, kind: K): StageOfKind<K> {
  const found = requireStage(template, key);
  expect(found.kind).toBe(kind);
  return found as StageOfKind<K>;
}

const trancheTotal = (template: ProcessTemplate) =>
  template.stages
    .flatMap((s) => (s.kind === 'implementation' ? s.settings.tranches : []))
    .reduce((sum, tranche) => sum + tranche.percent, 0);

describe('the public claiming (公开认领) template', () => {
  it('is valid, registered, and valid when test-sized', () => {
    expect(validateTemplate(claiming)).toEqual([]);
    expect(PROCESS_TEMPLATES['public-claiming']).toBe(claiming);
    expect(() => testSizedTemplate(claiming)).not.toThrow();
  });

  it('runs claim → confirmation → agreement → delivery → evaluation → closure, about a listed project', () => {
    expect(claiming.stages.map((s) => `${s.key}:${s.kind}`)).toEqual([
      'claiming:submission',
      'claim-confirmation:decision',
      'agreement:agreement',
      'implementation:implementation',
      'final-evaluation:evaluation',
      'closure:closure',
    ]);
    expect(claiming.caseSubject).toBe('project_claim');
    expect(claiming.form.sections[0].fields.map((field) => field.key)).toContain(CLAIMED_PROJECT_FIELD);
  });

  it('has each claim confirmed by a coordinator on its own, never allocated across the program', () => {
    const confirmation = stage(claiming, 'claim-confirmation', 'decision');
    expect(confirmation.settings.allocation).toBe('by_hand');
    expect(confirmation.settings.partialFunding).toEqual({ allowed: false });
    expect(isProgramWide(confirmation)).toBe(false);
    expect(isProgramWide(stage(claiming, 'claiming', 'submission'))).toBe(true);
    expect(allowedActions(claiming, 'claim-confirmation', 'coordinator:street')).toEqual([
      'award',
      'decline',
    ]);
    expect(allowedActions(claiming, 'claim-confirmation', 'applicant')).toEqual(['withdraw']);
  });

  it('is signed by the organization and the street, and an unsigned claim is given up', () => {
    const agreement = stage(claiming, 'agreement', 'agreement');
    expect(agreement.settings.signatories).toEqual(['applicant', 'coordinator:street']);
    expect(agreement.onDeadline).toEqual({ recordOutcome: 'not_signed' });
    expect(agreement.outcomes.not_signed).toEqual({ terminal: 'withdrawn' });
  });

  it('pays the whole budget in tranches, the last one only after a passed evaluation', () => {
    expect(trancheTotal(claiming)).toBe(100);
    const implementation = stage(claiming, 'implementation', 'implementation');
    expect(implementation.settings.tranches.map((t) => t.releasedOn)).toEqual([
      'agreement_signed',
      'final_passed',
    ]);
  });
});

describe('the company-funded (企业出资) template', () => {
  it('is valid, registered, and valid when test-sized', () => {
    expect(validateTemplate(funded)).toEqual([]);
    expect(PROCESS_TEMPLATES['company-funded']).toBe(funded);
    expect(() => testSizedTemplate(funded)).not.toThrow();
  });

  it('runs call → placement → three-party agreement → delivery → evaluation → closure', () => {
    expect(funded.stages.map((s) => `${s.key}:${s.kind}`)).toEqual([
      'proposals:submission',
      'placement:decision',
      'agreement:agreement',
      'implementation:implementation',
      'final-evaluation:evaluation',
      'closure:closure',
    ]);
    expect(stage(funded, 'placement', 'decision').settings.allocation).toBe('by_hand');
    expect(allowedActions(funded, 'placement', 'coordinator:district')).toContain('award');
    expect(allowedActions(funded, 'placement', 'funder')).toEqual([]);
  });

  it('has the funder sign the agreement with the implementer and the district', () => {
    expect(stage(funded, 'agreement', 'agreement').settings.signatories).toEqual([
      'funder',
      'applicant',
      'coordinator:district',
    ]);
    expect(allowedActions(funded, 'agreement', 'funder')).toEqual(['sign_agreement']);
  });

  it('pays each tranche only when the funder confirms the milestone report behind it', () => {
    const implementation = stage(funded, 'implementation', 'implementation');
    expect(trancheTotal(funded)).toBe(100);
    for (const tranche of implementation.settings.tranches) {
      expect(tranche.releasedOn).toBe('report_accepted');
      expect(implementation.settings.reports.map((r) => r.key)).toContain(tranche.reportKey);
    }
    expect(allowedActions(funded, 'implementation', 'funder')).toEqual([
      'accept_report',
      'request_revision',
      'release_tranche',
    ]);
    // Nobody else confirms the reports the funder pays for, so no tranche is paid without the funder.
    for (const role of ['coordinator:district', 'coordinator:street', 'applicant'] as const)
      expect(allowedActions(funded, 'implementation', role)).not.toContain('accept_report');
  });
});

describe('the decision allocation setting', () => {
  it('rejects an unknown allocation and category quotas on a decision taken by hand', () => {
    const copy = JSON.parse(JSON.stringify(claiming)) as ProcessTemplate;
    const confirmation = copy.stages[1] as StageOfKind<'decision'>;
    (confirmation.settings as { allocation: string }).allocation = 'lottery';
    expect(validateTemplate(copy).map((e) => [e.path, e.code])).toEqual([
      ['stages[1].settings.allocation', 'invalid_setting'],
    ]);
    confirmation.settings.allocation = 'by_hand';
    confirmation.settings.categoryQuotas = [{ category: 'elderly', maxCount: 1 }];
    expect(validateTemplate(copy).map((e) => [e.path, e.code])).toEqual([
      ['stages[1].settings.categoryQuotas', 'invalid_setting'],
    ]);
  });
});
