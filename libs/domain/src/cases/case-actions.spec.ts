import { isTerminalStage } from './case-actions';

describe('terminal stages', () => {
  it('knows the states a case never leaves', () => {
    expect(
      ['withdrawn', 'ineligible', 'not_advanced', 'declined', 'terminated', 'closed'].every(isTerminalStage),
    ).toBe(true);
    expect(isTerminalStage('solicitation')).toBe(false);
    expect(isTerminalStage('draft')).toBe(false);
  });
});
