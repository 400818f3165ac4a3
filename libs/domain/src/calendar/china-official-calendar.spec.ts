import { execFileSync } from 'node:child_process';
import { CHINA_OFFICIAL_CALENDAR_YEARS, chinaOfficialCalendarData } from './china-official-calendar';
import { formatDayNumber, parseDayNumber } from './china-time';
import { createWorkingDayCalendar } from './working-day-calendar';

// chinese-days' own functions compute in the machine's time zone and build their tables when loaded, so west of
// UTC they are off by a day (its JSON data, which the snapshot reads, is not). Ask them, in a child process
// pinned to Asia/Shanghai where they are right, which days of 2024–2026 are working days.
function chineseDaysWorkingDaysInShanghai(): Set<string> {
  const script = `
    const { isWorkday } = require('chinese-days');
    const workingDays = [];
    for (let day = new Date(2024, 0, 1); day.getFullYear() <= 2026; day.setDate(day.getDate() + 1)) {
      const date = [day.getFullYear(), day.getMonth() + 1, day.getDate()].map((n) => String(n).padStart(2, '0'));
      if (isWorkday(new Date(day))) workingDays.push(date.join('-'));
    }
    process.stdout.write(JSON.stringify(workingDays));
  `;
  const output = execFileSync(process.execPath, ['-e', script], {
    cwd: __dirname,
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    encoding: 'utf8',
  });
  return new Set(JSON.parse(output) as string[]);
}

describe('official China calendar data from chinese-days', () => {
  it('agrees with chinese-days isWorkday on every day of 2024–2026', () => {
    const theirWorkingDays = chineseDaysWorkingDaysInShanghai();
    const calendar = createWorkingDayCalendar(chinaOfficialCalendarData(2024, 2026), {
      outsideCoverage: 'throw',
    });
    const first = parseDayNumber('2024-01-01') as number;
    const last = parseDayNumber('2026-12-31') as number;
    const disagreements: string[] = [];
    for (let day = first; day <= last; day += 1) {
      const date = formatDayNumber(day);
      if (calendar.isWorkingDay(date) !== theirWorkingDays.has(date)) disagreements.push(date);
    }
    expect(last - first + 1).toBe(366 + 365 + 365);
    expect(theirWorkingDays.size).toBeGreaterThan(700);
    expect(disagreements).toEqual([]);
  });

  it('snapshots only the requested years, sorted', () => {
    const data = chinaOfficialCalendarData(2025, 2025);
    expect(data.firstYear).toBe(2025);
    expect(data.lastYear).toBe(2025);
    expect(data.holidays.every((date) => date.startsWith('2025-'))).toBe(true);
    expect(data.holidays).toEqual([...data.holidays].sort());
    expect(data.holidays).toEqual(expect.arrayContaining(['2025-01-28', '2025-10-01', '2025-10-08']));
    expect(data.adjustedWorkingDays).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
  });

  it('covers the years the package publishes, from 2004', () => {
    expect(CHINA_OFFICIAL_CALENDAR_YEARS.firstYear).toBe(2004);
    expect(CHINA_OFFICIAL_CALENDAR_YEARS.lastYear).toBeGreaterThanOrEqual(2026);
  });

  it('refuses years the package does not publish instead of guessing', () => {
    const beyond = CHINA_OFFICIAL_CALENDAR_YEARS.lastYear + 1;
    expect(() => chinaOfficialCalendarData(2026, beyond)).toThrow(
      `no official holiday arrangement for ${beyond}`,
    );
    expect(() => chinaOfficialCalendarData(2003, 2004)).toThrow('2003');
    expect(() => chinaOfficialCalendarData(2026, 2025)).toThrow(RangeError);
  });
});
