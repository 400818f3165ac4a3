import { createWorkingDayCalendar } from '../calendar';
import { DEFAULT_EVALUATION_GRADES } from '../templates';
import { performanceVerdict } from './performance';
import {
  procurementRules,
  requiredCommitteeSize,
  requiredExperts,
  type ProcurementSettings,
} from './procurement-rules';
import { checkTenderWindow, validateProcurementSettings } from './validate-procurement';

const settings = (overrides: Partial<ProcurementSettings> = {}): ProcurementSettings => ({
  method: 'open_tender',
  // ¥1,200,000
  budgetCeilingFen: 120_000_000,
  priceWeightPercent: 10,
  minValidBids: 3,
  tenderPeriodWorkingDays: 20,
  confirmationWorkingDays: 5,
  committee: { size: 5, experts: 4 },
  paymentMilestones: [
    {
      key: 'first-delivery',
      name: { zh: '首期交付验收', en: 'First delivery accepted' },
      percent: 40,
      on: { event: 'delivery', reportKey: 'delivery-1' },
    },
    {
      key: 'final-evaluation',
      name: { zh: '末期评估合格', en: 'Final evaluation passed' },
      percent: 60,
      on: { event: 'evaluation', phase: 'final' },
    },
  ],
  ...overrides,
});

const codes = (
  s: ProcurementSettings,
  ...rest: Parameters<typeof validateProcurementSettings> extends [unknown, ...infer R] ? R : never
) => validateProcurementSettings(s, ...rest).map((error) => `${error.path}:${error.code}`);

describe('validateProcurementSettings', () => {
  it('accepts DOMAIN.md defaults for an open tender and a competitive consultation', () => {
    expect(codes(settings())).toEqual([]);
    expect(
      codes(
        settings({
          method: 'competitive_consultation',
          priceWeightPercent: 30,
          tenderPeriodWorkingDays: 10,
          committee: { size: 3, experts: 2 },
        }),
      ),
    ).toEqual([]);
  });

  it('bounds the price weight of services: ≥ 10 % in open tender, 10–30 % in consultation, 2 decimals', () => {
    expect(codes(settings({ priceWeightPercent: 9.99 }))).toEqual([
      'priceWeightPercent:price_weight_out_of_range',
    ]);
    expect(codes(settings({ priceWeightPercent: 60 }))).toEqual([]);
    const consultation = {
      method: 'competitive_consultation' as const,
      tenderPeriodWorkingDays: 10,
      committee: { size: 3, experts: 2 },
    };
    expect(codes(settings({ ...consultation, priceWeightPercent: 30.01 }))).toEqual([
      'priceWeightPercent:price_weight_out_of_range',
    ]);
    expect(codes(settings({ ...consultation, priceWeightPercent: 12.345 }))).toEqual([
      'priceWeightPercent:price_weight_too_precise',
    ]);
    const [error] = validateProcurementSettings(settings({ ...consultation, priceWeightPercent: 35 }));
    expect(error.message.zh).toBe('竞争性磋商中服务类项目的价格权重须在 10%–30% 之间（现为 35%）');
    expect(error.message.en).toContain('between 10 % and 30 %');
  });

  it('sizes the committee: odd, at least 5 in open tender, 7 from ¥10,000,000 (in fen), experts two thirds', () => {
    expect(codes(settings({ committee: { size: 6, experts: 4 } }))).toEqual([
      'committee.size:committee_size_even',
    ]);
    expect(codes(settings({ committee: { size: 3, experts: 3 } }))).toEqual([
      'committee.size:committee_too_small',
    ]);
    expect(codes(settings({ committee: { size: 5, experts: 3 } }))).toEqual([
      'committee.size.experts:too_few_experts',
    ]);
    expect(codes(settings({ budgetCeilingFen: 999_999_999 }))).toEqual([]);
    expect(codes(settings({ budgetCeilingFen: 1_000_000_000 }))).toEqual([
      'committee.size:committee_too_small',
    ]);
    expect(codes(settings({ budgetCeilingFen: 1_000_000_000, committee: { size: 7, experts: 5 } }))).toEqual(
      [],
    );
    expect(requiredCommitteeSize('competitive_consultation', 2_000_000_000)).toBe(3);
    expect([3, 5, 7, 9].map((size) => requiredExperts(size))).toEqual([2, 4, 5, 6]);
  });

  it('asks for payment milestones of whole percentages adding up to 100, each tied to a known event', () => {
    const [delivery, final] = settings().paymentMilestones;
    expect(codes(settings({ paymentMilestones: [delivery] }))).toEqual([
      'paymentMilestones:milestones_not_100',
    ]);
    expect(codes(settings({ paymentMilestones: [] }))).toEqual(['paymentMilestones:no_milestones']);
    expect(
      codes(
        settings({
          paymentMilestones: [
            { ...delivery, percent: 40.5 },
            { ...final, percent: 59.5 },
          ],
        }),
      ),
    ).toEqual([
      'paymentMilestones[0].percent:invalid_percent',
      'paymentMilestones[1].percent:invalid_percent',
      'paymentMilestones:milestones_not_100',
    ]);
    expect(
      codes(settings({ paymentMilestones: [delivery, { ...final, on: { event: 'paid' } as never }] })),
    ).toEqual(['paymentMilestones[1].on:unknown_milestone_event']);
    expect(codes(settings({ paymentMilestones: [delivery, { ...final, key: 'first-delivery' }] }))).toEqual([
      'paymentMilestones[1].key:duplicate_key',
    ]);
    const targets = { reportKeys: ['delivery-2'], evaluationPhases: ['midterm' as const] };
    expect(codes(settings(), undefined, targets)).toEqual([
      'paymentMilestones[0].on.reportKey:unknown_milestone_report',
      'paymentMilestones[1].on.phase:unknown_milestone_phase',
    ]);
  });

  it('checks minimum bids, tender period, confirmation time and budget against the rules', () => {
    expect(
      codes(
        settings({
          minValidBids: 2,
          tenderPeriodWorkingDays: 19,
          confirmationWorkingDays: 6,
          budgetCeilingFen: 12.5,
        }),
      ),
    ).toEqual([
      'budgetCeilingFen:invalid_amount',
      'minValidBids:min_bids_below_rule',
      'tenderPeriodWorkingDays:tender_period_too_short',
      'confirmationWorkingDays:confirmation_too_long',
    ]);
  });

  it('takes a project’s own rules instead of the defaults', () => {
    const rules = procurementRules({
      minValidBids: { open_tender: 3, competitive_consultation: 2 },
      minTenderWorkingDays: { open_tender: 25, competitive_consultation: 10 },
    });
    expect(codes(settings(), rules)).toEqual(['tenderPeriodWorkingDays:tender_period_too_short']);
    expect(
      codes(
        settings({
          method: 'competitive_consultation',
          minValidBids: 2,
          tenderPeriodWorkingDays: 10,
          committee: { size: 3, experts: 2 },
        }),
        rules,
      ),
    ).toEqual([]);
  });

  it('checks configurable grade bands with the template validator’s rules', () => {
    const gap = DEFAULT_EVALUATION_GRADES.map((band) =>
      band.key === 'good' ? { ...band, minScore: 85 } : { ...band },
    );
    expect(codes(settings({ grades: gap }))).toEqual(['grades:grade_bands_gap']);
  });

  it('refuses an unknown method and stops there', () => {
    expect(codes(settings({ method: 'single_source' as never }))).toEqual(['method:unknown_method']);
  });
});

describe('checkTenderWindow', () => {
  // A National Day week off from 1 to 8 October; the weekdays among them are not counted.
  const calendar = createWorkingDayCalendar({
    firstYear: 2026,
    lastYear: 2026,
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'],
    adjustedWorkingDays: [],
  });
  const weekdays = createWorkingDayCalendar({
    firstYear: 2026,
    lastYear: 2026,
    holidays: [],
    adjustedWorkingDays: [],
  });

  it('counts working days after publication on the holiday calendar', () => {
    // Published Monday 2 March; 20 working days later is Monday 30 March.
    expect(
      checkTenderWindow(
        calendar,
        { publishedAt: '2026-03-02T02:00:00Z', bidDeadline: '2026-03-30T09:00:00Z' },
        { tenderPeriodWorkingDays: 20 },
      ),
    ).toEqual([]);
    const [error] = checkTenderWindow(
      calendar,
      { publishedAt: '2026-03-02T02:00:00Z', bidDeadline: '2026-03-27T09:00:00Z' },
      { tenderPeriodWorkingDays: 20 },
    );
    expect(error).toMatchObject({ path: 'bidDeadline', code: 'tender_period_too_short' });
    expect(error.message.zh).toContain('19 个工作日');
  });

  it('does not count a holiday week', () => {
    // Published Wednesday 30 September: 20 weekdays to Wednesday 28 October, of which 6 are holidays.
    const window = { publishedAt: '2026-09-30T02:00:00Z', bidDeadline: '2026-10-28T09:00:00Z' };
    expect(checkTenderWindow(weekdays, window, { tenderPeriodWorkingDays: 20 })).toEqual([]);
    const errors = checkTenderWindow(calendar, window, { tenderPeriodWorkingDays: 20 });
    expect(errors.map((error) => error.code)).toEqual(['tender_period_too_short']);
    expect(errors[0].message.en).toContain('14 working days');
  });
});

describe('performanceVerdict', () => {
  it('releases on a passing grade and terminates and bars the provider on 不合格', () => {
    expect(performanceVerdict(85)).toMatchObject({
      grade: { name: { zh: '良好' } },
      releasesTranche: true,
      terminatesContract: false,
    });
    expect(performanceVerdict(59.5)).toMatchObject({
      grade: { name: { zh: '不合格' } },
      releasesTranche: false,
      terminatesContract: true,
      barsProvider: true,
    });
    expect(performanceVerdict(101)).toBeUndefined();
  });

  it('uses a project’s own bands', () => {
    const strict = DEFAULT_EVALUATION_GRADES.map((band) =>
      band.key === 'pass'
        ? { ...band, minScore: 70 }
        : band.key === 'fail'
          ? { ...band, maxScore: 70 }
          : band,
    );
    expect(performanceVerdict(65, strict)?.grade.key).toBe('fail');
  });
});
