/** A calendar date in China local time (Asia/Shanghai), written 'YYYY-MM-DD'. */
export type LocalDate = string;

/** A time of day on a China local clock, for deadlines that end at office close rather than midnight. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** A date counted as whole days since 1970-01-01; day arithmetic works on these integers. */
export type DayNumber = number;

// China has kept one offset, UTC+8, without daylight saving since 1991. Doing the arithmetic by hand keeps results
// identical on every machine and inside Temporal's workflow sandbox, whatever their time-zone data says.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const MS_PER_MINUTE = 60 * 1000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the value is a real calendar date written 'YYYY-MM-DD' (rejects '2025-02-30'). */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && parseDayNumber(value) !== undefined;
}

/** Day number of a 'YYYY-MM-DD' date, or undefined when the text is not a real date. */
export function parseDayNumber(date: string): DayNumber | undefined {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const utcMidnight = new Date(0);
  utcMidnight.setUTCFullYear(year, month - 1, day);
  const dayNumber = Math.floor(utcMidnight.getTime() / MS_PER_DAY);
  return formatDayNumber(dayNumber) === date ? dayNumber : undefined;
}

/** Day number of a date known to be valid; throws a RangeError naming the bad text otherwise. */
export function dayNumberOf(date: LocalDate): DayNumber {
  const dayNumber = parseDayNumber(date);
  if (dayNumber === undefined) throw new RangeError(`Not a calendar date in the form YYYY-MM-DD: "${date}"`);
  return dayNumber;
}

/** The 'YYYY-MM-DD' text of a day number. */
export function formatDayNumber(dayNumber: DayNumber): LocalDate {
  const utcMidnight = new Date(dayNumber * MS_PER_DAY);
  const year = String(utcMidnight.getUTCFullYear()).padStart(4, '0');
  const month = String(utcMidnight.getUTCMonth() + 1).padStart(2, '0');
  const day = String(utcMidnight.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** Gregorian year of a day number. */
export function yearOfDayNumber(dayNumber: DayNumber): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday, as Date.getDay counts. */
export function weekdayOfDayNumber(dayNumber: DayNumber): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Day number of the China local date on which an instant falls. */
export function chinaDayNumberOf(instant: Date): DayNumber {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
  return Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY);
}

/** The China local date ('YYYY-MM-DD') on which an instant falls. */
export function chinaLocalDate(instant: Date): LocalDate {
  return formatDayNumber(chinaDayNumberOf(instant));
}

/** Day of the week of a China local date: 0 Sunday … 6 Saturday. */
export function chinaWeekday(date: LocalDate): number {
  return weekdayOfDayNumber(dayNumberOf(date));
}

/** True for a valid wall-clock time 00:00–23:59. */
export function isLocalTime(time: LocalTime): boolean {
  return (
    Number.isInteger(time.hour) &&
    Number.isInteger(time.minute) &&
    time.hour >= 0 &&
    time.hour <= 23 &&
    time.minute >= 0 &&
    time.minute <= 59
  );
}

/** The instant at which China local clocks show the given date and time. */
export function chinaInstant(date: LocalDate, time: LocalTime): Date {
  if (!isLocalTime(time)) throw new RangeError(`Not a time of day: ${time.hour}:${time.minute}`);
  const minutes = time.hour * 60 + time.minute;
  return new Date(dayNumberOf(date) * MS_PER_DAY - CHINA_OFFSET_MS + minutes * MS_PER_MINUTE);
}

/** The last millisecond (23:59:59.999) of a China local date, the default end of a deadline day. */
export function endOfChinaDay(date: LocalDate): Date {
  return endOfChinaDayNumber(dayNumberOf(date));
}

/** The last millisecond of a day number in China local time. */
export function endOfChinaDayNumber(dayNumber: DayNumber): Date {
  return new Date((dayNumber + 1) * MS_PER_DAY - CHINA_OFFSET_MS - 1);
}

/** The instant of a China local time of day on a day number. */
export function chinaInstantOnDayNumber(dayNumber: DayNumber, time: LocalTime): Date {
  return chinaInstant(formatDayNumber(dayNumber), time);
}
