import { funnelCounts, funnelReach } from './funnel';
import { GRANT_COMPETITION_TEMPLATE } from './grant-competition';

describe('the leadership funnel', () => {
  it('counts a case at a stage as having reached every step before it in the template', () => {
    expect(funnelReach('solicitation', GRANT_COMPETITION_TEMPLATE)).toBe(0);
    expect(funnelReach('eligibility-screening', GRANT_COMPETITION_TEMPLATE)).toBe(0);
    expect(funnelReach('street-review', GRANT_COMPETITION_TEMPLATE)).toBe(1);
    expect(funnelReach('decision', GRANT_COMPETITION_TEMPLATE)).toBe(2);
    expect(funnelReach('public-notice', GRANT_COMPETITION_TEMPLATE)).toBe(3);
  });

  it('places terminal states where the case ended and leaves unsubmitted drafts out', () => {
    expect(funnelReach('ineligible', GRANT_COMPETITION_TEMPLATE)).toBe(0);
    expect(funnelReach('not_advanced', GRANT_COMPETITION_TEMPLATE)).toBe(1);
    expect(funnelReach('declined', GRANT_COMPETITION_TEMPLATE)).toBe(2);
    expect(funnelReach('closed', GRANT_COMPETITION_TEMPLATE)).toBe(3);
    expect(funnelReach('draft', GRANT_COMPETITION_TEMPLATE)).toBe(-1);
  });

  it('adds up the steps from counts per stage', () => {
    expect(
      funnelCounts(
        { draft: 5, solicitation: 1, ineligible: 2, 'district-review': 3, declined: 4, 'public-notice': 6 },
        GRANT_COMPETITION_TEMPLATE,
      ),
    ).toEqual({ applied: 16, eligible: 13, shortlisted: 10, funded: 6 });
  });

  it('never counts a case as funded in a template without a decision stage', () => {
    const template = {
      stages: [
        { key: 'call', kind: 'submission' },
        { key: 'check', kind: 'screening' },
        { key: 'work', kind: 'implementation' },
      ],
    };
    expect(funnelReach('work', template)).toBe(1);
  });
});
