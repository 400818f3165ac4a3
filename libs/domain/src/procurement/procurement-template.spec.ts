import {
  GOVERNMENT_PROCUREMENT_TEMPLATE,
  requireStage,
  validateTemplate,
  type StageKind,
  type StageOfKind,
} from '../templates';
import type { ProcessTemplate } from '../templates';
import { procurementTemplate } from './procurement-template';
import { STANDARD_PAYMENT_MILESTONES, type ProcurementSettings } from './procurement-rules';

const consultation: ProcurementSettings = {
  method: 'competitive_consultation',
  budgetCeilingFen: 50_000_000,
  priceWeightPercent: 20,
  minValidBids: 3,
  tenderPeriodWorkingDays: 12,
  confirmationWorkingDays: 3,
  committee: { size: 3, experts: 2 },
  paymentMilestones: [
    {
      key: 'on-first-delivery',
      name: { zh: '首期交付验收', en: 'First delivery accepted' },
      percent: 50,
      on: { event: 'delivery', reportKey: 'first-delivery' },
    },
    {
      key: 'on-final-delivery',
      name: { zh: '总结报告验收', en: 'Final report accepted' },
      percent: 20,
      on: { event: 'delivery', reportKey: 'final-report' },
    },
    {
      key: 'on-final-evaluation',
      name: { zh: '末期评估合格', en: 'Final evaluation passed' },
      percent: 30,
      on: { event: 'evaluation', phase: 'final' },
    },
  ],
};

const stage = <K extends StageKind>(template: ProcessTemplate, key: string, kind: K) => {
  const found = requireStage(template, key);
  expect(found.kind).toBe(kind);
  return found as StageOfKind<K>;
};

describe('procurementTemplate', () => {
  it('places the standard payment schedule exactly where the template already has it', () => {
    const { template, errors } = procurementTemplate({
      ...consultation,
      paymentMilestones: [...STANDARD_PAYMENT_MILESTONES],
    });
    expect(errors).toBeUndefined();
    const tranchesOf = (snapshot: ProcessTemplate) =>
      ['delivery', 'delivery-continued'].map(
        (key) => stage(snapshot, key, 'implementation').settings.tranches,
      );
    expect(tranchesOf(template as ProcessTemplate)).toEqual(tranchesOf(GOVERNMENT_PROCUREMENT_TEMPLATE));
  });

  it('puts a project’s settings into its own valid snapshot of the template', () => {
    const { template, errors } = procurementTemplate(consultation);
    expect(errors).toBeUndefined();
    const snapshot = template as ProcessTemplate;
    expect(validateTemplate(snapshot)).toEqual([]);
    expect(stage(snapshot, 'tender', 'submission').duration).toEqual({ workingDays: 12 });
    expect(stage(snapshot, 'opening-qualification', 'screening').settings.minEligible).toBe(3);
    expect(stage(snapshot, 'committee-evaluation', 'review').settings).toMatchObject({
      priceScoring: { priceWeightPercent: 20 },
      reviewersPerCase: 3,
    });
    expect(stage(snapshot, 'award', 'decision').duration).toEqual({ workingDays: 3 });
    expect(stage(snapshot, 'delivery', 'implementation').settings.tranches.map((t) => t.key)).toEqual([
      'on-first-delivery',
    ]);
    expect(
      stage(snapshot, 'delivery-continued', 'implementation').settings.tranches.map((t) => [
        t.key,
        t.releasedOn,
        t.reportKey,
      ]),
    ).toEqual([
      ['on-final-delivery', 'report_accepted', 'final-report'],
      ['on-final-evaluation', 'final_passed', undefined],
    ]);
  });

  it('returns the settings’ errors with their fields and makes no snapshot', () => {
    const result = procurementTemplate({
      ...consultation,
      priceWeightPercent: 40,
      paymentMilestones: [
        { ...consultation.paymentMilestones[0], on: { event: 'delivery', reportKey: 'x' } },
      ],
    });
    expect(result.template).toBeUndefined();
    expect(result.errors?.map((error) => `${error.path}:${error.code}`)).toEqual([
      'priceWeightPercent:price_weight_out_of_range',
      'paymentMilestones[0].on.reportKey:unknown_milestone_report',
      'paymentMilestones:milestones_not_100',
    ]);
  });

  it('leaves the shared template untouched', () => {
    procurementTemplate(consultation);
    expect(GOVERNMENT_PROCUREMENT_TEMPLATE.stages[0].duration).toEqual({ workingDays: 20 });
  });
});
