import fc from 'fast-check';
import { type CaseScoreSummary, aggregateCaseScores } from './aggregation';
import { applyConsensus } from './consensus';
import { EU_STYLE_RUBRIC } from './presets';
import {
  type RankingEntry,
  type TieBreak,
  effectiveTieBreaks,
  rankCases,
  validateRankingOptions,
} from './ranking';

const summaryOf = (caseId: string, sheets: [number, number, number][]): CaseScoreSummary =>
  aggregateCaseScores({
    rubric: EU_STYLE_RUBRIC,
    caseId,
    reviews: sheets.map(([excellence, impact, implementation], i) => ({
      reviewId: `${caseId}-r${i}`,
      reviewerId: `reviewer-${i}`,
      scores: { excellence, impact, implementation },
    })),
  });

const CHAIN: TieBreak[] = [
  'total',
  { criterion: 'impact' },
  { criterion: 'excellence' },
  'lowerRequestedAmount',
  'earlierSubmission',
  'caseId',
];

const at = '2024-03-01T02:00:00Z';
const ENTRIES: RankingEntry[] = [
  { summary: summaryOf('A', [[4, 4, 4]]), requestedAmount: 200_000_00, submittedAt: at },
  { summary: summaryOf('B', [[4.5, 3.5, 4]]), requestedAmount: 50_000_00, submittedAt: at },
  { summary: summaryOf('C', [[4, 4, 4]]), requestedAmount: 100_000_00, submittedAt: at },
  { summary: summaryOf('D', [[4, 4, 4]]), requestedAmount: 200_000_00, submittedAt: '2024-03-01T01:59:59Z' },
  { summary: summaryOf('E', [[4, 4, 4]]), requestedAmount: 200_000_00, submittedAt: at },
  { summary: summaryOf('F', [[5, 2.5, 5]]), requestedAmount: 10_000_00 },
  { summary: summaryOf('G', [[3, 3, 3.5]]) },
  { summary: summaryOf('H', []) },
];

describe('rankCases', () => {
  const ranked = rankCases(EU_STYLE_RUBRIC, ENTRIES, { basis: 'mean', tieBreaks: CHAIN });

  it('orders eligible cases by the tie-break chain, then ineligible ones', () => {
    expect(ranked.map((r) => [r.rank, r.caseId, r.eligible])).toEqual([
      [1, 'C', true],
      [2, 'D', true],
      [3, 'A', true],
      [4, 'E', true],
      [5, 'B', true],
      [6, 'F', false],
      [7, 'G', false],
      [8, 'H', false],
    ]);
  });

  it('explains which tie-break separated each case from the one above', () => {
    expect(ranked.map((r) => r.separation)).toEqual([
      null,
      {
        fromCaseId: 'C',
        decidedBy: 'lowerRequestedAmount',
        tiedOn: ['total', 'criterion:impact', 'criterion:excellence'],
      },
      {
        fromCaseId: 'D',
        decidedBy: 'earlierSubmission',
        tiedOn: ['total', 'criterion:impact', 'criterion:excellence', 'lowerRequestedAmount'],
      },
      {
        fromCaseId: 'A',
        decidedBy: 'caseId',
        tiedOn: [
          'total',
          'criterion:impact',
          'criterion:excellence',
          'lowerRequestedAmount',
          'earlierSubmission',
        ],
      },
      { fromCaseId: 'E', decidedBy: 'criterion:impact', tiedOn: ['total'] },
      { fromCaseId: 'B', decidedBy: 'eligibility', tiedOn: [] },
      { fromCaseId: 'F', decidedBy: 'total', tiedOn: [] },
      { fromCaseId: 'G', decidedBy: 'total', tiedOn: [] },
    ]);
  });

  it('marks a case below a criterion or total threshold ineligible, with the reason', () => {
    const f = ranked.find((r) => r.caseId === 'F');
    expect(f?.thresholds).toEqual([
      { target: 'criterion', criterionId: 'excellence', value: 5, threshold: 3, passed: true },
      { target: 'criterion', criterionId: 'impact', value: 2.5, threshold: 3, passed: false },
      { target: 'criterion', criterionId: 'implementation', value: 5, threshold: 3, passed: true },
      { target: 'total', value: 12.5, threshold: 10, passed: true },
    ]);
    expect(f?.ineligibleReasons).toEqual([
      {
        code: 'below_criterion_threshold',
        criterionId: 'impact',
        criterionName: { zh: '影响力', en: 'Impact' },
        value: 2.5,
        threshold: 3,
      },
    ]);
    expect(ranked.find((r) => r.caseId === 'G')?.ineligibleReasons).toEqual([
      { code: 'below_total_threshold', value: 9.5, threshold: 10 },
    ]);
    expect(ranked.find((r) => r.caseId === 'H')?.ineligibleReasons.map((r) => r.code)).toEqual([
      'no_score',
      'below_criterion_threshold',
      'below_criterion_threshold',
      'below_criterion_threshold',
      'below_total_threshold',
    ]);
  });

  it('ranks on the chosen basis and on a recorded consensus', () => {
    // X: mean 10.17 but median 10.5; Y: 10.5 on both. On the mean Y leads, on the median the amount decides.
    const x = summaryOf('X', [
      [3, 3.5, 4],
      [3.5, 3.5, 3.5],
      [3, 3.5, 3],
    ]);
    const y = summaryOf('Y', [[3.5, 3.5, 3.5]]);
    const entries = [
      { summary: x, requestedAmount: 1 },
      { summary: y, requestedAmount: 2 },
    ];
    expect(
      rankCases(EU_STYLE_RUBRIC, entries, { basis: 'mean' }).map((r) => [r.caseId, r.score?.total]),
    ).toEqual([
      ['Y', 10.5],
      ['X', 10.17],
    ]);
    const byMedian = rankCases(EU_STYLE_RUBRIC, entries, { basis: 'median' });
    expect(byMedian.map((r) => [r.caseId, r.separation?.decidedBy])).toEqual([
      ['X', undefined],
      ['Y', 'lowerRequestedAmount'],
    ]);

    const disputed = summaryOf('Z', [
      [2, 4, 4],
      [4, 4, 4],
    ]);
    const held = rankCases(EU_STYLE_RUBRIC, [{ summary: disputed }], { basis: 'mean' });
    expect(held[0].ineligibleReasons).toEqual([
      { code: 'unresolved_disagreement', status: 'needs_consensus' },
    ]);
    const decided = applyConsensus(EU_STYLE_RUBRIC, disputed, {
      chairId: 'chair',
      scores: { excellence: 3, impact: 4, implementation: 4 },
      justification: '合议认为卓越性一般，取 3 分',
    });
    if (!decided.ok) throw new Error('consensus refused');
    const [onConsensus] = rankCases(EU_STYLE_RUBRIC, [{ summary: decided.summary }], { basis: 'mean' });
    expect([onConsensus.basis, onConsensus.score?.total, onConsensus.eligible]).toEqual([
      'consensus',
      11,
      true,
    ]);
    const [onMean] = rankCases(EU_STYLE_RUBRIC, [{ summary: decided.summary }], {
      basis: 'mean',
      useConsensus: false,
    });
    expect([onMean.basis, onMean.score?.total]).toEqual(['mean', 11]);
    expect(onMean.score).toBe(decided.summary.mean);
  });

  it('holds back cases with too few reviews when a minimum is set', () => {
    const [only] = rankCases(EU_STYLE_RUBRIC, [{ summary: summaryOf('A', [[4, 4, 4]]) }], {
      basis: 'mean',
      minReviews: 3,
    });
    expect(only.ineligibleReasons).toEqual([{ code: 'too_few_reviews', reviewCount: 1, required: 3 }]);
  });

  it('always ends the chain with the case id', () => {
    expect(effectiveTieBreaks({ tieBreaks: ['total'] })).toEqual(['total', 'caseId']);
    expect(effectiveTieBreaks({})).toEqual(['total', 'lowerRequestedAmount', 'earlierSubmission', 'caseId']);
    const twins = [{ summary: summaryOf('b', [[4, 4, 4]]) }, { summary: summaryOf('a', [[4, 4, 4]]) }];
    expect(
      rankCases(EU_STYLE_RUBRIC, twins, { basis: 'mean', tieBreaks: ['total'] }).map((r) => r.caseId),
    ).toEqual(['a', 'b']);
  });

  it('refuses unknown tie-break criteria, duplicate cases and malformed facts', () => {
    expect(
      validateRankingOptions(EU_STYLE_RUBRIC, {
        basis: 'mean',
        tieBreaks: ['total', { criterion: 'budget' }],
        minReviews: 0,
      }),
    ).toEqual([
      {
        field: 'tieBreaks[1].criterion',
        code: 'unknown_criterion',
        params: { subject: 'criteria', criterionId: 'budget' },
      },
      { field: 'minReviews', code: 'out_of_range', params: { subject: 'reviewCount', value: '0', min: 1 } },
    ]);
    const one = { summary: summaryOf('A', [[4, 4, 4]]) };
    expect(() =>
      rankCases(EU_STYLE_RUBRIC, [one], { basis: 'mean', tieBreaks: [{ criterion: 'budget' }] }),
    ).toThrow(RangeError);
    expect(() => rankCases(EU_STYLE_RUBRIC, [one, one], { basis: 'mean' })).toThrow(RangeError);
    expect(() =>
      rankCases(EU_STYLE_RUBRIC, [{ ...one, submittedAt: 'yesterday' }], { basis: 'mean' }),
    ).toThrow(RangeError);
    expect(() => rankCases(EU_STYLE_RUBRIC, [{ ...one, requestedAmount: 12.5 }], { basis: 'mean' })).toThrow(
      RangeError,
    );
  });
});

describe('ranking properties', () => {
  const score = fc.constantFrom(1.5, 2.5, 3, 3.5, 4, 5);
  const entryArb = (caseId: string) =>
    fc
      .record({
        sheets: fc.array(fc.tuple(score, score, score), { maxLength: 3 }),
        requestedAmount: fc.option(fc.constantFrom(100_00, 200_00), { nil: undefined }),
        submittedAt: fc.option(fc.constantFrom('2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z'), {
          nil: undefined,
        }),
      })
      .map(({ sheets, requestedAmount, submittedAt }): RankingEntry => ({
        summary: summaryOf(caseId, sheets),
        requestedAmount,
        submittedAt,
      }));
  const entriesArb = fc
    .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 1, maxLength: 9 })
    .chain((ids) => fc.tuple(...ids.map(entryArb)));
  const chainArb = fc.subarray<TieBreak>([
    'total',
    { criterion: 'impact' },
    { criterion: 'implementation' },
    'lowerRequestedAmount',
    'earlierSubmission',
  ]);
  const optionsArb = fc.record({
    basis: fc.constantFrom('mean' as const, 'median' as const, 'calibrated' as const),
    tieBreaks: chainArb,
  });

  it('is a total order that does not depend on input order', () => {
    fc.assert(
      fc.property(
        entriesArb.chain((entries) =>
          fc.tuple(
            fc.constant(entries),
            fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
          ),
        ),
        optionsArb,
        ([entries, shuffled], options) => {
          const ranked = rankCases(EU_STYLE_RUBRIC, entries, options);
          expect(rankCases(EU_STYLE_RUBRIC, shuffled, options)).toEqual(ranked);
          expect(ranked.map((r) => r.rank)).toEqual(entries.map((_, i) => i + 1));
          expect(new Set(ranked.map((r) => r.caseId))).toEqual(new Set(entries.map((e) => e.summary.caseId)));
          const firstIneligible = ranked.findIndex((r) => !r.eligible);
          if (firstIneligible >= 0)
            expect(ranked.slice(firstIneligible).every((r) => !r.eligible)).toBe(true);
          // Every pair, ranked on its own, keeps the order of the full ranking: the order is consistent and total.
          const position = new Map(ranked.map((r, i) => [r.caseId, i]));
          for (const a of entries) {
            for (const b of entries) {
              if (a === b) continue;
              const [first] = rankCases(EU_STYLE_RUBRIC, [a, b], options);
              const expected =
                (position.get(a.summary.caseId) ?? 0) < (position.get(b.summary.caseId) ?? 0) ? a : b;
              expect(first.caseId).toBe(expected.summary.caseId);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
