// Kept out of the calendar barrel on purpose: it carries every year of holiday data since 2004, which the
// workflow bundle must not. Activities and the API call it to snapshot the years a program needs; workflows
// only ever see the resulting plain data.
import chineseDaysJson from 'chinese-days/dist/chinese-days.json';
import type { WorkingDayCalendarData } from './working-day-calendar';

// Shape of chinese-days' published data file (documented in its README): date → "English,中文,id" labels.
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const chineseDays: ChineseDaysData = chineseDaysJson;

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

const yearsWithHolidays = new Set(Object.keys(chineseDays.holidays).map(yearOf));

/** First and last year for which the installed chinese-days package carries the official arrangements. */
export const CHINA_OFFICIAL_CALENDAR_YEARS: { firstYear: number; lastYear: number } = {
  firstYear: Math.min(...yearsWithHolidays),
  lastYear: Math.max(...yearsWithHolidays),
};

/**
 * Snapshot data of the State Council holiday arrangements (节假日安排, with 调休) for whole years, from chinese-days;
 * throws a RangeError for years the package does not publish yet rather than silently assuming Monday–Friday.
 */
export function chinaOfficialCalendarData(firstYear: number, lastYear: number): WorkingDayCalendarData {
  if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || firstYear > lastYear) {
    throw new RangeError(`Expected whole years with firstYear ≤ lastYear, got ${firstYear}–${lastYear}`);
  }
  const missing: number[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    if (!yearsWithHolidays.has(year)) missing.push(year);
  }
  if (missing.length > 0) {
    const { firstYear: first, lastYear: last } = CHINA_OFFICIAL_CALENDAR_YEARS;
    throw new RangeError(
      `chinese-days has no official holiday arrangement for ${missing.join(', ')} (it covers ${first}–${last})`,
    );
  }
  const inRange = (date: string) => yearOf(date) >= firstYear && yearOf(date) <= lastYear;
  return {
    firstYear,
    lastYear,
    holidays: Object.keys(chineseDays.holidays).filter(inRange).sort(),
    adjustedWorkingDays: Object.keys(chineseDays.workdays).filter(inRange).sort(),
  };
}
