import { pickNextRanked, type ProposalLine } from './pick-next-ranked';

const line = (applicationId: string, rank: number, extra: Partial<ProposalLine>): ProposalLine => ({
  applicationId,
  outcome: 'declined',
  tier: null,
  amountFen: null,
  rank,
  reservePosition: null,
  requestedFen: 40_000_000,
  unfundedReason: 'rank',
  reason: '',
  ...extra,
});

const proposal: ProposalLine[] = [
  line('b2', 1, { outcome: 'awarded', tier: 'winning-bid', amountFen: 45_000_000, requestedFen: 45_000_000 }),
  line('b1', 2, { reservePosition: 1, requestedFen: 40_000_000 }),
  line('b3', 3, { reservePosition: 2, requestedFen: 38_000_000 }),
];
const limits = { budgetFen: 50_000_000, tierCapsFen: {} };

describe('pickNextRanked', () => {
  it('passes the award to the head of the reserve list with the reason, and moves the list up', () => {
    const result = pickNextRanked(proposal, { ...limits, reason: '第一中标候选人放弃中标' });
    if (!('lines' in result)) throw new Error('refused');
    expect(
      result.lines.map((l) => [l.applicationId, l.outcome, l.tier, l.amountFen, l.reservePosition]),
    ).toEqual([
      ['b2', 'declined', null, null, null],
      ['b1', 'awarded', 'winning-bid', 40_000_000, null],
      ['b3', 'declined', null, null, 1],
    ]);
    expect(result.lines[0]).toMatchObject({
      unfundedReason: 'passed_over',
      reason: '采购人改选下一名：第一中标候选人放弃中标',
    });
  });

  it('needs a reason, an award to pass over and someone on the reserve list', () => {
    const code = (result: ReturnType<typeof pickNextRanked>) =>
      'refusal' in result ? result.refusal.code : 'ok';
    expect(code(pickNextRanked(proposal, { ...limits, reason: ' ' }))).toBe('reason_required');
    expect(code(pickNextRanked(proposal, { ...limits, reason: 'x', passOverApplicationId: 'b3' }))).toBe(
      'unknown_award',
    );
    expect(code(pickNextRanked(proposal.slice(0, 1), { ...limits, reason: 'x' }))).toBe('no_reserve');
  });

  it('keeps the new award within the tier cap and the budget', () => {
    const capped = pickNextRanked(proposal, {
      ...limits,
      reason: 'x',
      tierCapsFen: { 'winning-bid': 39_000_000 },
    });
    expect('lines' in capped && capped.lines[1].amountFen).toBe(39_000_000);
    const twoAwards = [
      ...proposal.slice(0, 1),
      line('b9', 2, { outcome: 'awarded', tier: 'winning-bid', amountFen: 10_000_000 }),
      line('b1', 3, { reservePosition: 1, requestedFen: 41_000_000 }),
    ];
    const over = pickNextRanked(twoAwards, { ...limits, reason: 'x', passOverApplicationId: 'b2' });
    expect('refusal' in over && over.refusal.code).toBe('over_budget');
  });
});
