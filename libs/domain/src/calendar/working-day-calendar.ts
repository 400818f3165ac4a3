import {
  chinaDayNumberOf,
  chinaInstantOnDayNumber,
  endOfChinaDayNumber,
  formatDayNumber,
  isLocalTime,
  parseDayNumber,
  weekdayOfDayNumber,
  yearOfDayNumber,
  dayNumberOf,
  type DayNumber,
  type LocalDate,
  type LocalTime,
} from './china-time';

/** Plain holiday data a program snapshots, so a replayed workflow never reads today's calendar file. */
export interface WorkingDayCalendarData {
  /** First Gregorian year the two lists describe completely. */
  firstYear: number;
  /** Last Gregorian year the two lists describe completely. */
  lastYear: number;
  /** Official days off (法定节假日, weekdays swapped into them); weekend days of a holiday block may be listed. */
  holidays: LocalDate[];
  /** Weekend days that are working days under an adjusted holiday arrangement (调休上班). */
  adjustedWorkingDays: LocalDate[];
}

/** What a calendar does with a date outside its covered years: assume Monday–Friday working days, or throw. */
export type OutsideCoveragePolicy = 'assume_weekdays' | 'throw';

/** How a calendar built from data behaves at the edges of its data. */
export interface WorkingDayCalendarOptions {
  /** Default 'assume_weekdays': deadlines still compute when a program outlives its data, flagged as such. */
  outsideCoverage?: OutsideCoveragePolicy;
}

/** When, on its last working day, a deadline falls. */
export interface DeadlineOptions {
  /**
   * China local time at which the deadline falls on its last day, e.g. `{ hour: 17, minute: 30 }` at office close.
   * Default: end of day, 23:59:59.999, as the Civil Code (民法典 art. 203) ends a period at 24:00 unless
   * business hours apply.
   */
  closingTime?: LocalTime;
}

/** A deadline N working days after an instant. */
export interface WorkingDayDeadline {
  /** The last instant still on time (an action at `now <= deadline` is in time). */
  deadline: Date;
  /** The China local date of the Nth working day, on which the deadline falls. */
  lastDay: LocalDate;
  /** True when a day counted lay outside the covered years and was assumed to follow Monday–Friday. */
  outsideCoverage: boolean;
}

/** A count of working days between two instants. */
export interface WorkingDayCount {
  /** Working days after the start day up to and including the end day; negative when the end comes first. */
  workingDays: number;
  /** True when a day counted lay outside the covered years and was assumed to follow Monday–Friday. */
  outsideCoverage: boolean;
}

/** Working-day arithmetic over one snapshot of holiday data, in China local time. */
export interface WorkingDayCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  readonly outsideCoverage: OutsideCoveragePolicy;
  /** True when the date's year is within the data's covered years. */
  covers(date: LocalDate): boolean;
  /** True for Monday–Friday unless a holiday, and for an adjusted working weekend day (调休上班). */
  isWorkingDay(date: LocalDate): boolean;
  /** The first working day strictly after the date. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** The |n|th working day after (n > 0) or before (n < 0) the date, not counting the date itself. */
  shiftWorkingDays(date: LocalDate, workingDays: number): LocalDate;
  /**
   * The deadline `workingDays` working days after an instant: the start day never counts (民法典 art. 201, 开始的当日
   * 不计入), so the deadline falls on the Nth working day strictly after the instant's China local date.
   */
  addWorkingDays(from: Date, workingDays: number, options?: DeadlineOptions): WorkingDayDeadline;
  /** Working days after `from`'s China local date up to and including `to`'s: the inverse of addWorkingDays. */
  countWorkingDays(from: Date, to: Date): WorkingDayCount;
}

/** Thrown by a calendar with the 'throw' policy when asked about a date outside its covered years. */
export class CalendarCoverageError extends Error {
  constructor(
    readonly date: LocalDate,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(`The working-day calendar covers ${firstYear}–${lastYear} only; ${date} is outside it`);
    this.name = 'CalendarCoverageError';
  }
}

const SATURDAY = 6;
const SUNDAY = 0;

function isWeekend(dayNumber: DayNumber): boolean {
  const weekday = weekdayOfDayNumber(dayNumber);
  return weekday === SATURDAY || weekday === SUNDAY;
}

/** Lists what is wrong with calendar data (empty when usable), so a bad snapshot is refused before use. */
export function validateWorkingDayCalendarData(data: WorkingDayCalendarData): string[] {
  const problems: string[] = [];
  const { firstYear, lastYear } = data;
  if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || firstYear > lastYear) {
    problems.push(
      `covered years must be whole years with firstYear ≤ lastYear, got ${firstYear}–${lastYear}`,
    );
    return problems;
  }
  const seen = new Map<DayNumber, string>();
  const check = (list: LocalDate[], listName: string, mustBeWeekend: boolean) => {
    for (const date of list) {
      const dayNumber = parseDayNumber(date);
      if (dayNumber === undefined) {
        problems.push(`${listName}: "${date}" is not a date in the form YYYY-MM-DD`);
        continue;
      }
      const year = yearOfDayNumber(dayNumber);
      if (year < firstYear || year > lastYear) {
        problems.push(`${listName}: ${date} lies outside the covered years ${firstYear}–${lastYear}`);
      }
      if (mustBeWeekend && !isWeekend(dayNumber)) {
        problems.push(`${listName}: ${date} is a weekday, so it cannot be an adjusted working weekend day`);
      }
      const otherList = seen.get(dayNumber);
      if (otherList !== undefined && otherList !== listName) {
        problems.push(`${date} is listed both as a holiday and as an adjusted working day`);
      }
      seen.set(dayNumber, listName);
    }
  };
  check(data.holidays, 'holidays', false);
  check(data.adjustedWorkingDays, 'adjustedWorkingDays', true);
  return problems;
}

/** Builds a working-day calendar from snapshot data; throws a RangeError listing every problem in it. */
export function createWorkingDayCalendar(
  data: WorkingDayCalendarData,
  options: WorkingDayCalendarOptions = {},
): WorkingDayCalendar {
  const problems = validateWorkingDayCalendarData(data);
  if (problems.length > 0) throw new RangeError(`Invalid working-day calendar data: ${problems.join('; ')}`);

  const { firstYear, lastYear } = data;
  const policy = options.outsideCoverage ?? 'assume_weekdays';
  const holidays = new Set(data.holidays.map(dayNumberOf));
  const adjustedWorkingDays = new Set(data.adjustedWorkingDays.map(dayNumberOf));

  const coversDay = (dayNumber: DayNumber): boolean => {
    const year = yearOfDayNumber(dayNumber);
    return year >= firstYear && year <= lastYear;
  };

  const isWorkingDayNumber = (dayNumber: DayNumber): boolean => {
    if (!coversDay(dayNumber)) {
      if (policy === 'throw')
        throw new CalendarCoverageError(formatDayNumber(dayNumber), firstYear, lastYear);
      return !isWeekend(dayNumber);
    }
    if (adjustedWorkingDays.has(dayNumber)) return true;
    return !isWeekend(dayNumber) && !holidays.has(dayNumber);
  };

  // Walks day by day from (not including) the start to the |n|th working day in n's direction.
  const walk = (start: DayNumber, workingDays: number): { day: DayNumber; outsideCoverage: boolean } => {
    const step = workingDays > 0 ? 1 : -1;
    let remaining = Math.abs(workingDays);
    let day = start;
    let outsideCoverage = false;
    while (remaining > 0) {
      day += step;
      if (!coversDay(day)) outsideCoverage = true;
      if (isWorkingDayNumber(day)) remaining -= 1;
    }
    return { day, outsideCoverage };
  };

  const requireWholeNumber = (workingDays: number, allowNegative: boolean) => {
    const ok = Number.isSafeInteger(workingDays) && (allowNegative ? workingDays !== 0 : workingDays > 0);
    if (!ok) {
      const expected = allowNegative ? 'a non-zero whole number' : 'a whole number of at least 1';
      throw new RangeError(`Working days must be ${expected}, got ${workingDays}`);
    }
  };

  return {
    firstYear,
    lastYear,
    outsideCoverage: policy,
    covers: (date) => coversDay(dayNumberOf(date)),
    isWorkingDay: (date) => isWorkingDayNumber(dayNumberOf(date)),
    nextWorkingDay: (date) => formatDayNumber(walk(dayNumberOf(date), 1).day),
    shiftWorkingDays: (date, workingDays) => {
      requireWholeNumber(workingDays, true);
      return formatDayNumber(walk(dayNumberOf(date), workingDays).day);
    },
    addWorkingDays: (from, workingDays, deadlineOptions = {}) => {
      requireWholeNumber(workingDays, false);
      const { closingTime } = deadlineOptions;
      if (closingTime !== undefined && !isLocalTime(closingTime)) {
        throw new RangeError(
          `Closing time must be a time of day, got ${closingTime.hour}:${closingTime.minute}`,
        );
      }
      const { day, outsideCoverage } = walk(chinaDayNumberOf(from), workingDays);
      const deadline =
        closingTime === undefined ? endOfChinaDayNumber(day) : chinaInstantOnDayNumber(day, closingTime);
      return { deadline, lastDay: formatDayNumber(day), outsideCoverage };
    },
    countWorkingDays: (from, to) => {
      const fromDay = chinaDayNumberOf(from);
      const toDay = chinaDayNumberOf(to);
      const [low, high, sign] = fromDay <= toDay ? [fromDay, toDay, 1] : [toDay, fromDay, -1];
      let workingDays = 0;
      let outsideCoverage = false;
      for (let day = low + 1; day <= high; day += 1) {
        if (!coversDay(day)) outsideCoverage = true;
        if (isWorkingDayNumber(day)) workingDays += 1;
      }
      // A zero count is plain 0 either way round, never -0.
      return { workingDays: workingDays === 0 ? 0 : sign * workingDays, outsideCoverage };
    },
  };
}
