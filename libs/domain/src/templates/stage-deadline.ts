import { chinaLocalDate, dayNumberOf } from '../calendar/china-time';
import type { DeadlineOptions, WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { StageDuration } from './stages';

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const MS_PER_SECOND = 1000;

/** An instant computed from a template duration, flagged when the calendar had to assume Monday–Friday. */
export interface DurationInstant {
  instant: Date;
  outsideCoverage: boolean;
}

/**
 * When a duration that starts at `from` ends: working days on the program's calendar (see addWorkingDays for the
 * end-of-day rule), or plain seconds in test-sized templates. Computed once when a stage opens, so replay is stable.
 */
export function durationEnd(
  duration: StageDuration,
  from: Date,
  calendar: WorkingDayCalendar,
  options: DeadlineOptions = {},
): DurationInstant {
  if ('seconds' in duration) {
    return { instant: new Date(from.getTime() + duration.seconds * MS_PER_SECOND), outsideCoverage: false };
  }
  const { deadline, outsideCoverage } = calendar.addWorkingDays(from, duration.workingDays, options);
  return { instant: deadline, outsideCoverage };
}

/**
 * The instant a duration before a deadline, e.g. a reminder 5 working days before a report is due: the same China
 * local time of day, that many working days earlier; or plain seconds earlier in test-sized templates.
 */
export function durationBefore(
  duration: StageDuration,
  deadline: Date,
  calendar: WorkingDayCalendar,
): DurationInstant {
  if ('seconds' in duration) {
    return {
      instant: new Date(deadline.getTime() - duration.seconds * MS_PER_SECOND),
      outsideCoverage: false,
    };
  }
  const lastDay = chinaLocalDate(deadline);
  const earlierDay = calendar.shiftWorkingDays(lastDay, -duration.workingDays);
  // China keeps one UTC offset all year, so moving back whole days keeps the local time of day.
  const daysBack = dayNumberOf(lastDay) - dayNumberOf(earlierDay);
  return {
    instant: new Date(deadline.getTime() - daysBack * MS_PER_DAY),
    outsideCoverage: !calendar.covers(earlierDay) || !calendar.covers(lastDay),
  };
}
