import {
  chinaInstant,
  chinaLocalDate,
  chinaWeekday,
  endOfChinaDay,
  formatDayNumber,
  isLocalDate,
  parseDayNumber,
} from './china-time';

describe('China local time as fixed UTC+8', () => {
  it('puts an instant on the China local date, which differs from the UTC date after 16:00 UTC', () => {
    expect(chinaLocalDate(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
    expect(chinaLocalDate(new Date('2025-09-30T16:00:00.000Z'))).toBe('2025-10-01');
  });

  it('ends a China local day at 23:59:59.999 local, 15:59:59.999 UTC', () => {
    expect(endOfChinaDay('2025-10-09').toISOString()).toBe('2025-10-09T15:59:59.999Z');
  });

  it('converts a China wall-clock time to the UTC instant', () => {
    expect(chinaInstant('2026-02-24', { hour: 17, minute: 30 }).toISOString()).toBe(
      '2026-02-24T09:30:00.000Z',
    );
    expect(chinaInstant('2026-01-01', { hour: 0, minute: 0 }).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('rejects a time of day outside 00:00–23:59', () => {
    expect(() => chinaInstant('2026-01-01', { hour: 24, minute: 0 })).toThrow(RangeError);
    expect(() => chinaInstant('2026-01-01', { hour: 9, minute: 60 })).toThrow(RangeError);
  });

  it('knows the day of the week (0 is Sunday)', () => {
    expect(chinaWeekday('2025-09-28')).toBe(0);
    expect(chinaWeekday('2025-10-11')).toBe(6);
    expect(chinaWeekday('1970-01-01')).toBe(4);
    expect(chinaWeekday('1969-12-28')).toBe(0);
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-2-1')).toBe(false);
    expect(isLocalDate('2025-13-01')).toBe(false);
    expect(isLocalDate(20250101)).toBe(false);
  });

  it('round-trips dates through day numbers, including years below 100', () => {
    for (const date of ['0050-06-15', '1969-12-31', '2000-02-29', '2026-12-31']) {
      const dayNumber = parseDayNumber(date);
      expect(dayNumber).toBeDefined();
      expect(formatDayNumber(dayNumber as number)).toBe(date);
    }
  });
});
