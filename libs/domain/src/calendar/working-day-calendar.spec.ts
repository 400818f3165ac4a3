import fc from 'fast-check';
import { chinaOfficialCalendarData } from './china-official-calendar';
import { chinaLocalDate, formatDayNumber } from './china-time';
import {
  CalendarCoverageError,
  createWorkingDayCalendar,
  validateWorkingDayCalendarData,
  type WorkingDayCalendarData,
} from './working-day-calendar';

const data = chinaOfficialCalendarData(2024, 2026);
const calendar = createWorkingDayCalendar(data);
const officeClose = { hour: 17, minute: 30 };

// Instants written with the China offset, so the test reads like the calendar on an office wall.
const china = (localDateTime: string) => new Date(`${localDateTime}+08:00`);

describe('working days around the 2025 National Day and Mid-Autumn holiday (Oct 1–8)', () => {
  it('treats Oct 1–8 as days off and the adjusted weekend days Sep 28 and Oct 11 as working days', () => {
    for (let day = 1; day <= 8; day += 1) {
      expect(calendar.isWorkingDay(`2025-10-0${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false); // ordinary Saturday
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false); // ordinary Sunday
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
  });

  it('puts one working day after Sep 30 on Oct 9, ending at 23:59:59.999 China time', () => {
    const result = calendar.addWorkingDays(china('2025-09-30T10:00:00'), 1);
    expect(result).toEqual({
      deadline: new Date('2025-10-09T15:59:59.999Z'),
      lastDay: '2025-10-09',
      outsideCoverage: false,
    });
  });

  it('counts the adjusted Saturday Oct 11 as a working day: 5 working days after Sep 30 is Oct 14', () => {
    expect(calendar.addWorkingDays(china('2025-09-30T10:00:00'), 5).lastDay).toBe('2025-10-14');
  });

  it('ends a 5-working-day public notice opened on Friday Sep 26 at office close on Oct 10', () => {
    // Sep 28 (adjusted Sunday), Sep 29, Sep 30, Oct 9, Oct 10.
    const result = calendar.addWorkingDays(china('2025-09-26T16:00:00'), 5, { closingTime: officeClose });
    expect(result.deadline.toISOString()).toBe('2025-10-10T09:30:00.000Z');
  });

  it('starts counting from the China local date, not the UTC date', () => {
    // 00:30 on Sunday Sep 28 in Beijing is still Saturday Sep 27 in UTC.
    const justAfterMidnight = new Date('2025-09-27T16:30:00Z');
    expect(calendar.addWorkingDays(justAfterMidnight, 1).lastDay).toBe('2025-09-29');
  });

  it('finds the next working day across the holiday', () => {
    expect(calendar.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(calendar.nextWorkingDay('2025-09-26')).toBe('2025-09-28');
  });
});

describe('working days around the 2026 Spring Festival (Feb 15–23)', () => {
  it('works on the adjusted Saturdays Feb 14 and Feb 28 and rests Feb 15–23', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    for (let day = 15; day <= 23; day += 1) {
      expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false);
    }
  });

  it('puts the second working day after Friday Feb 13 on Tuesday Feb 24', () => {
    expect(calendar.addWorkingDays(china('2026-02-13T09:00:00'), 1).lastDay).toBe('2026-02-14');
    expect(calendar.addWorkingDays(china('2026-02-13T09:00:00'), 2).lastDay).toBe('2026-02-24');
  });

  it('counts 7 working days from Feb 13 to Mar 2 and the same number negated the other way', () => {
    // Feb 14, Feb 24–27, Feb 28 (adjusted Saturday), Mar 2.
    const from = china('2026-02-13T09:00:00');
    const to = china('2026-03-02T12:00:00');
    expect(calendar.countWorkingDays(from, to)).toEqual({ workingDays: 7, outsideCoverage: false });
    expect(calendar.countWorkingDays(to, from).workingDays).toBe(-7);
  });

  it('steps back over the holiday to find working days before a date', () => {
    expect(calendar.shiftWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(calendar.shiftWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
  });

  it('counts zero working days within the same day', () => {
    const morning = china('2026-02-24T08:00:00');
    expect(calendar.countWorkingDays(morning, china('2026-02-24T20:00:00')).workingDays).toBe(0);
  });
});

describe('outside the covered years', () => {
  it('assumes Monday–Friday by default and flags the result', () => {
    // 2027 is not in the data: Jan 1 2027 (a Friday) is assumed to be a working day.
    const result = calendar.addWorkingDays(china('2026-12-30T10:00:00'), 2);
    expect(result.lastDay).toBe('2027-01-01');
    expect(result.outsideCoverage).toBe(true);
    expect(calendar.covers('2027-01-01')).toBe(false);
    expect(calendar.countWorkingDays(china('2026-12-30T10:00:00'), result.deadline).outsideCoverage).toBe(
      true,
    );
  });

  it('throws a CalendarCoverageError naming the date under the throw policy', () => {
    const strict = createWorkingDayCalendar(data, { outsideCoverage: 'throw' });
    expect(strict.addWorkingDays(china('2026-12-29T10:00:00'), 2).lastDay).toBe('2026-12-31');
    expect(() => strict.addWorkingDays(china('2026-12-30T10:00:00'), 2)).toThrow(CalendarCoverageError);
    expect(() => strict.isWorkingDay('2023-12-29')).toThrow(
      'covers 2024–2026 only; 2023-12-29 is outside it',
    );
  });
});

describe('argument and data checks', () => {
  it('rejects a deadline of zero, negative or fractional working days', () => {
    const from = china('2025-06-03T10:00:00');
    expect(() => calendar.addWorkingDays(from, 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(from, -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(from, 1.5)).toThrow(RangeError);
    expect(() => calendar.shiftWorkingDays('2025-06-03', 0)).toThrow(RangeError);
  });

  it('rejects an impossible closing time and an invalid date', () => {
    expect(() => calendar.addWorkingDays(new Date(), 1, { closingTime: { hour: 25, minute: 0 } })).toThrow(
      RangeError,
    );
    expect(() => calendar.addWorkingDays(new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
  });

  it('lists every problem in malformed calendar data', () => {
    const broken: WorkingDayCalendarData = {
      firstYear: 2025,
      lastYear: 2025,
      holidays: ['2025-10-01', '2024-10-01', '2025-13-01', '2025-10-11'],
      adjustedWorkingDays: ['2025-10-11', '2025-10-09'],
    };
    const problems = validateWorkingDayCalendarData(broken);
    expect(problems).toEqual([
      'holidays: 2024-10-01 lies outside the covered years 2025–2025',
      'holidays: "2025-13-01" is not a date in the form YYYY-MM-DD',
      '2025-10-11 is listed both as a holiday and as an adjusted working day',
      'adjustedWorkingDays: 2025-10-09 is a weekday, so it cannot be an adjusted working weekend day',
    ]);
    expect(() => createWorkingDayCalendar(broken)).toThrow('Invalid working-day calendar data');
    expect(validateWorkingDayCalendarData({ ...broken, firstYear: 2026 })).toHaveLength(1);
  });
});

describe('working-day arithmetic properties', () => {
  // Instants from 2024 to autumn 2026, and deadlines short enough to stay inside the covered years.
  const instant = fc.date({
    min: new Date('2024-01-01T00:00:00+08:00'),
    max: new Date('2026-10-01T00:00:00+08:00'),
    noInvalidDate: true,
  });
  const workingDays = fc.integer({ min: 1, max: 40 });

  it('always ends on a working day, on the day it names, after the start', () => {
    fc.assert(
      fc.property(instant, workingDays, (from, n) => {
        const { deadline, lastDay, outsideCoverage } = calendar.addWorkingDays(from, n);
        return (
          calendar.isWorkingDay(lastDay) &&
          chinaLocalDate(deadline) === lastDay &&
          deadline > from &&
          !outsideCoverage
        );
      }),
    );
  });

  it('is strictly increasing in the number of working days', () => {
    fc.assert(
      fc.property(instant, workingDays, workingDays, (from, a, b) => {
        fc.pre(a !== b);
        const [fewer, more] = a < b ? [a, b] : [b, a];
        return calendar.addWorkingDays(from, fewer).deadline < calendar.addWorkingDays(from, more).deadline;
      }),
    );
  });

  it('counts back the working days it added, whatever the closing time', () => {
    const closingTime = fc.option(
      fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }),
      {
        nil: undefined,
      },
    );
    fc.assert(
      fc.property(instant, workingDays, closingTime, (from, n, time) => {
        const { deadline } = calendar.addWorkingDays(from, n, { closingTime: time });
        return calendar.countWorkingDays(from, deadline).workingDays === n;
      }),
    );
  });

  it('counts the same working days in either direction, with opposite signs', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        return calendar.countWorkingDays(a, b).workingDays === -calendar.countWorkingDays(b, a).workingDays;
      }),
    );
  });

  it('returns to a working day after stepping forward and back by the same count', () => {
    const day = fc.integer({ min: 19_723, max: 20_700 }).map(formatDayNumber); // 2024-01-01 … 2026-09-04
    fc.assert(
      fc.property(day, workingDays, (date, n) => {
        fc.pre(calendar.isWorkingDay(date));
        return calendar.shiftWorkingDays(calendar.shiftWorkingDays(date, n), -n) === date;
      }),
    );
  });
});
