import { chinaDateTime, yuanAmount, yuanText } from './formats';

describe('amounts and times for open data and notice boards', () => {
  it('writes fen as yuan with exactly two decimals by integer arithmetic', () => {
    expect([0, 5, 100, 1_512_345, 98_000_050, -5, 9_007_199_254_740_991].map(yuanText)).toEqual([
      '0.00',
      '0.05',
      '1.00',
      '15123.45',
      '980000.50',
      '-0.05',
      '90071992547409.91',
    ]);
  });

  it('gives JSON numbers that print the exact decimal and convert back to the same fen', () => {
    for (const fen of [1, 10, 29, 1_512_345, 1_000_000_07, 123_456_789_01]) {
      const amount = yuanAmount(fen);
      expect(JSON.stringify(amount)).toBe(
        yuanText(fen)
          .replace(/\.?0+$/, '')
          .replace(/^$/, '0'),
      );
      expect(Math.round(amount * 100)).toBe(fen);
    }
  });

  it('refuses amounts that are not whole fen', () => {
    expect(() => yuanText(12.5)).toThrow(RangeError);
    expect(() => yuanAmount(Number.NaN)).toThrow(RangeError);
  });

  it('shows instants on the Asia/Shanghai clock', () => {
    expect(chinaDateTime(new Date('2027-01-15T16:30:00Z'))).toBe('2027-01-16 00:30');
    expect(chinaDateTime(new Date('2027-06-30T01:05:59Z'))).toBe('2027-06-30 09:05');
  });
});
