import { chinaOfficialCalendarData } from '../calendar/china-official-calendar';
import { createWorkingDayCalendar } from '../calendar/working-day-calendar';
import { durationBefore, durationEnd } from './stage-deadline';

const calendar = createWorkingDayCalendar(chinaOfficialCalendarData(2025, 2026));

describe('stage deadlines from template durations', () => {
  it('ends a 5-working-day public notice opened before National Day 2025 on Oct 10 at 23:59:59.999', () => {
    const opened = new Date('2025-09-26T16:00:00+08:00');
    expect(durationEnd({ workingDays: 5 }, opened, calendar)).toEqual({
      instant: new Date('2025-10-10T23:59:59.999+08:00'),
      outsideCoverage: false,
    });
  });

  it('passes the office-close option through to the calendar', () => {
    const opened = new Date('2025-09-26T16:00:00+08:00');
    const { instant } = durationEnd({ workingDays: 5 }, opened, calendar, {
      closingTime: { hour: 17, minute: 30 },
    });
    expect(instant).toEqual(new Date('2025-10-10T17:30:00+08:00'));
  });

  it('adds plain seconds for test-sized templates, whatever the calendar says', () => {
    const opened = new Date('2026-02-16T10:00:00+08:00'); // inside the Spring Festival holiday
    expect(durationEnd({ seconds: 3 }, opened, calendar).instant).toEqual(
      new Date('2026-02-16T10:00:03+08:00'),
    );
    expect(durationBefore({ seconds: 3 }, opened, calendar).instant).toEqual(
      new Date('2026-02-16T09:59:57+08:00'),
    );
  });

  it('reminds working days before a deadline at the same local time, skipping the holiday', () => {
    // Two working days before Tuesday Feb 24 2026 are Saturday Feb 14 (adjusted) and Friday Feb 13.
    const due = new Date('2026-02-24T23:59:59.999+08:00');
    expect(durationBefore({ workingDays: 2 }, due, calendar)).toEqual({
      instant: new Date('2026-02-13T23:59:59.999+08:00'),
      outsideCoverage: false,
    });
  });

  it('flags a reminder that reaches outside the covered years', () => {
    const due = new Date('2025-01-03T17:30:00+08:00');
    expect(durationBefore({ workingDays: 3 }, due, calendar).outsideCoverage).toBe(true);
  });
});
