import { formatYuan, isFen } from './money';

describe('money in fen', () => {
  it('accepts only non-negative safe integers as fen', () => {
    expect(isFen(1_114_000_000)).toBe(true);
    expect(isFen(0)).toBe(true);
    expect(isFen(12.5)).toBe(false);
    expect(isFen(-1)).toBe(false);
    expect(isFen(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isFen('100')).toBe(false);
  });

  it('formats fen as yuan with grouping and two decimals', () => {
    expect(formatYuan(1_114_000_000)).toBe('¥11,140,000.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-12345)).toBe('-¥123.45');
  });
});
