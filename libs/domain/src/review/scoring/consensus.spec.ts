import { aggregateCaseScores } from './aggregation';
import type { ReviewScores } from './calibration';
import { applyConsensus } from './consensus';
import { EU_STYLE_RUBRIC } from './presets';

const eu = (reviewId: string, excellence: number, impact: number, implementation: number): ReviewScores => ({
  reviewId,
  reviewerId: `reviewer-${reviewId}`,
  scores: { excellence, impact, implementation },
});

// Excellence spreads from 2 to 4: the case waits for a consensus.
const flagged = aggregateCaseScores({
  rubric: EU_STYLE_RUBRIC,
  caseId: 'case-7',
  reviews: [eu('a', 2, 3.5, 3), eu('b', 4, 3.5, 3.5), eu('c', 3.5, 4, 3)],
});
const justification = '经合议，卓越性按多数意见确定为 3.5 分';

describe('applyConsensus', () => {
  it('records the decided score and keeps the raw reviews and statistics', () => {
    expect(flagged.disagreement.status).toBe('needs_consensus');
    const result = applyConsensus(EU_STYLE_RUBRIC, flagged, {
      chairId: 'chair-1',
      scores: { excellence: 3.5, impact: 3.5, implementation: 3 },
      justification: `  ${justification} `,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.consensus).toEqual({
      chairId: 'chair-1',
      scores: { excellence: 3.5, impact: 3.5, implementation: 3 },
      comments: {},
      justification,
      score: { total: 10, criteria: { excellence: 3.5, impact: 3.5, implementation: 3 } },
    });
    expect(result.summary.consensus).toBe(result.consensus);
    expect(result.summary.disagreement.status).toBe('resolved_by_consensus');
    expect(result.summary.reviews).toEqual(flagged.reviews);
    expect(result.summary.mean).toEqual(flagged.mean);
    // The summary it was given is not changed.
    expect(flagged.consensus).toBeNull();
    expect(flagged.disagreement.status).toBe('needs_consensus');
  });

  it('refuses a consensus sheet field by field', () => {
    const result = applyConsensus(EU_STYLE_RUBRIC, flagged, {
      chairId: '',
      scores: { excellence: 5.5, impact: 2.5, implementation: 3 },
      justification: '同意',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ['chairId', 'required'],
      ['scores.excellence', 'out_of_scale'],
      ['comments.impact', 'comment_required'],
      ['justification', 'too_short'],
    ]);
  });

  it('counts justification length in characters, so ten Chinese characters suffice', () => {
    const sheet = { chairId: 'chair-1', scores: { excellence: 3, impact: 3, implementation: 3 } };
    expect(
      applyConsensus(EU_STYLE_RUBRIC, flagged, { ...sheet, justification: '经合议确定各项评分' }).ok,
    ).toBe(false);
    expect(
      applyConsensus(EU_STYLE_RUBRIC, flagged, { ...sheet, justification: '经合议后确定各项评分' }).ok,
    ).toBe(true);
    const missing = applyConsensus(EU_STYLE_RUBRIC, flagged, { ...sheet, justification: 42 });
    expect(missing.ok ? [] : missing.errors.map((e) => [e.field, e.code])).toEqual([
      ['justification', 'wrong_type'],
    ]);
  });

  it('refuses a consensus on a case without disagreement, unless the panel allows it', () => {
    const calm = aggregateCaseScores({
      rubric: EU_STYLE_RUBRIC,
      caseId: 'calm',
      reviews: [eu('a', 3, 3, 3), eu('b', 3.5, 3, 3)],
    });
    const input = {
      chairId: 'chair-1',
      scores: { excellence: 3, impact: 3, implementation: 3 },
      justification,
    };
    const refused = applyConsensus(EU_STYLE_RUBRIC, calm, input);
    expect(refused.ok ? [] : refused.errors.map((e) => [e.field, e.code])).toEqual([
      ['disagreement', 'consensus_not_required'],
    ]);
    const allowed = applyConsensus(EU_STYLE_RUBRIC, calm, input, { requireDisagreement: false });
    expect(allowed.ok && allowed.summary.disagreement.status).toBe('none');
    expect(allowed.ok && allowed.consensus.score.total).toBe(9);
  });

  it('refuses a second consensus on the same case', () => {
    const input = {
      chairId: 'chair-1',
      scores: { excellence: 3, impact: 3, implementation: 3 },
      justification,
    };
    const first = applyConsensus(EU_STYLE_RUBRIC, flagged, input);
    if (!first.ok) throw new Error('first consensus refused');
    const second = applyConsensus(EU_STYLE_RUBRIC, first.summary, input);
    expect(second.ok ? [] : second.errors.map((e) => e.code)).toEqual(['consensus_already_recorded']);
  });
});
