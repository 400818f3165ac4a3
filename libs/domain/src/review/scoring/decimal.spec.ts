import { decimalPlaces, divideHalfUp, roundHalfUp, roundRatioHalfUp, toUnits } from './decimal';

describe('exact decimal helpers', () => {
  it('reads a number as decimal units only when it is exactly that decimal', () => {
    expect(toUnits(3.5, 1)).toBe(35n);
    expect(toUnits(0.3, 1)).toBe(3n);
    expect(toUnits(1.15, 2)).toBe(115n);
    expect(toUnits(0.1 + 0.2, 1)).toBeUndefined();
    expect(toUnits(3.25, 1)).toBeUndefined();
    expect(toUnits(Number.NaN, 1)).toBeUndefined();
    expect(toUnits(Number.POSITIVE_INFINITY, 0)).toBeUndefined();
  });

  it('finds the fewest decimal places of a rubric number', () => {
    expect(decimalPlaces(20)).toBe(0);
    expect(decimalPlaces(0.5)).toBe(1);
    expect(decimalPlaces(0.25)).toBe(2);
    expect(decimalPlaces(0.0001)).toBe(4);
    expect(decimalPlaces(0.00001)).toBeUndefined();
    expect(decimalPlaces(1 / 3)).toBeUndefined();
  });

  it('rounds ratios half-up on integers, including halves floats would miss', () => {
    expect(roundRatioHalfUp(1005n, 1000n, 2)).toBe(1.01);
    expect(roundRatioHalfUp(1004n, 1000n, 2)).toBe(1);
    expect(roundRatioHalfUp(2n, 3n, 2)).toBe(0.67);
    expect(roundRatioHalfUp(-1005n, 1000n, 2)).toBe(-1.01);
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(4n, 3n)).toBe(1n);
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('rounds floats half-up after reading them at 15 significant digits', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(0.15 * 4.5, 2)).toBe(0.68);
    expect(roundHalfUp(2.344999, 2)).toBe(2.34);
    expect(roundHalfUp(-2.675, 2)).toBe(-2.68);
    expect(() => roundHalfUp(Number.NaN, 2)).toThrow(RangeError);
  });
});
