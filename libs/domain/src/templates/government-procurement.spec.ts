import { PROCUREMENT_TECHNICAL_RUBRIC, validateRubric } from '../review/scoring';
import { GOVERNMENT_PROCUREMENT_TEMPLATE as procurement } from './government-procurement';
import { PROCESS_TEMPLATES } from './registry';
import { nextStage, possibleOutcomes, requireStage } from './stage-machine';
import type { ProcessTemplate } from './process-template';
import type { StageKind, StageOfKind } from './stages';
import { testSizedTemplate } from './test-sized-template';
import { validateTemplate } from './validate-template';

function stage<K extends StageKind>(key: string, kind: K): StageOfKind<K> {
  const found = requireStage(procurement, key);
  expect(found.kind).toBe(kind);
  return found as StageOfKind<K>;
}

describe('the government-procurement (政府购买服务) template', () => {
  it('is registered and passes the template validator', () => {
    expect(PROCESS_TEMPLATES['government-procurement']).toBe(procurement);
    expect(validateTemplate(procurement)).toEqual([]);
    expect(() => testSizedTemplate(procurement)).not.toThrow();
    expect(procurement.caseSubject).toBe('bid');
  });

  it('maps the process of DOMAIN.md onto the engine’s stage kinds', () => {
    expect(procurement.stages.map((s) => `${s.key}:${s.kind}`)).toEqual([
      'tender:submission',
      'opening-qualification:screening',
      'committee-evaluation:review',
      'award:decision',
      'result-notice:public_notice',
      'challenge-window:public_notice',
      'contract:agreement',
      'delivery:implementation',
      'midterm-evaluation:evaluation',
      'delivery-continued:implementation',
      'final-evaluation:evaluation',
      'closure:closure',
    ]);
  });

  it('seals bids until the opening and makes the tender unsuccessful below 3 valid bids', () => {
    expect(stage('tender', 'submission').settings).toMatchObject({
      sealed: true,
      revision: { allowed: false },
    });
    const qualification = stage('opening-qualification', 'screening');
    expect(qualification.settings.minEligible).toBe(3);
    expect(possibleOutcomes(qualification)).toContain('too_few_eligible');
    expect(nextStage(procurement, 'opening-qualification', 'too_few_eligible')).toEqual({
      kind: 'terminal',
      state: 'unsuccessful',
    });
  });

  it('evaluates with a committee of 5 on the technical sheet plus a 10 % price part, ties to the lower price', () => {
    const { settings, permissions } = stage('committee-evaluation', 'review');
    expect(settings).toMatchObject({
      rubricId: PROCUREMENT_TECHNICAL_RUBRIC.id,
      reviewersPerCase: 5,
      priceScoring: { priceWeightPercent: 10 },
      tieBreaks: ['total', 'lowerRequestedAmount', 'caseId'],
    });
    expect(validateRubric(PROCUREMENT_TECHNICAL_RUBRIC)).toEqual([]);
    expect(permissions.purchaser).toContain('assign_reviewers');
  });

  it('lets the purchasing department confirm one winning bid, then notices for 1 and challenges for 7 working days', () => {
    const award = stage('award', 'decision');
    expect(award.permissions.purchaser).toEqual(['award', 'decline', 'extend_deadline']);
    expect(award.settings.tiers).toHaveLength(1);
    expect(award.settings.tiers[0].maxAwards).toBe(1);
    expect(stage('result-notice', 'public_notice')).toMatchObject({
      duration: { workingDays: 1 },
      settings: { objectionsAllowed: false },
    });
    const challenge = stage('challenge-window', 'public_notice');
    expect(challenge).toMatchObject({ duration: { workingDays: 7 }, settings: { objectionsAllowed: true } });
    expect(challenge.outcomes.objection_upheld).toEqual({ terminal: 'declined' });
  });

  it('pays on delivery and on passed evaluations, 100 % in all, and terminates and bars on 不合格', () => {
    const tranches = procurement.stages.flatMap((s) =>
      s.kind === 'implementation' ? s.settings.tranches : [],
    );
    expect(tranches.map((t) => [t.releasedOn, t.reportKey, t.percent])).toEqual([
      ['report_accepted', 'first-delivery', 30],
      ['midterm_passed', undefined, 30],
      ['final_passed', undefined, 40],
    ]);
    for (const key of ['midterm-evaluation', 'final-evaluation']) {
      const evaluation = stage(key, 'evaluation');
      expect(evaluation.settings).toMatchObject({ failingGrade: 'terminate', barProviderOnFail: true });
      expect(evaluation.outcomes.failed).toEqual({ terminal: 'terminated' });
    }
    expect(stage('contract', 'agreement').settings.signatories).toEqual(['applicant', 'purchaser']);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(procurement.stages[2].settings)).toBe(true);
  });
});

// A mutable copy with one change, so each case breaks exactly one of the rules the procurement stages added.
function procurementWith(change: (template: ProcessTemplate) => void): string[] {
  const copy = JSON.parse(JSON.stringify(procurement)) as ProcessTemplate;
  change(copy);
  return validateTemplate(copy).map(({ path, code }) => `${path}:${code}`);
}
const stageOf = <K extends StageKind>(template: ProcessTemplate, key: string, kind: K) => {
  const found = template.stages.find((s) => s.key === key);
  if (found?.kind !== kind) throw new Error(`no ${kind} stage ${key}`);
  return found as StageOfKind<K>;
};

describe('template validation of the procurement settings of stages', () => {
  it('needs a delivery tranche to name a report of an implementation stage', () => {
    expect(
      procurementWith((t) => {
        stageOf(t, 'delivery', 'implementation').settings.tranches[0].reportKey = 'no-such-report';
      }),
    ).toEqual(['stages[7].settings.tranches[0].reportKey:unknown_tranche_report']);
    expect(
      procurementWith((t) => {
        stageOf(t, 'delivery-continued', 'implementation').settings.tranches[0].reportKey = 'first-delivery';
      }),
    ).toEqual(['stages[9].settings.tranches[0].reportKey:invalid_setting']);
  });

  it('bounds the price weight and the minimum of eligible cases', () => {
    expect(
      procurementWith((t) => {
        stageOf(t, 'committee-evaluation', 'review').settings.priceScoring = { priceWeightPercent: 0 };
        stageOf(t, 'opening-qualification', 'screening').settings.minEligible = 0;
      }),
    ).toEqual([
      'stages[1].settings.minEligible:invalid_count',
      'stages[2].settings.priceScoring.priceWeightPercent:invalid_percent',
    ]);
  });

  it('needs the unsuccessful outcome mapped once a minimum is set', () => {
    expect(
      procurementWith((t) => {
        delete stageOf(t, 'opening-qualification', 'screening').outcomes.too_few_eligible;
      }),
    ).toEqual(['stages[1].outcomes.too_few_eligible:missing_outcome']);
  });

  it('takes sealed and barProviderOnFail as booleans only', () => {
    expect(
      procurementWith((t) => {
        (stageOf(t, 'tender', 'submission').settings as { sealed: unknown }).sealed = 'yes';
        (
          stageOf(t, 'final-evaluation', 'evaluation').settings as { barProviderOnFail: unknown }
        ).barProviderOnFail = 1;
      }),
    ).toEqual([
      'stages[0].settings.sealed:invalid_setting',
      'stages[10].settings.barProviderOnFail:invalid_setting',
    ]);
  });
});
