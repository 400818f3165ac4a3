import type { StageDuration } from './stages';
import { isWholeNumberAtLeast, type Report } from './template-errors';

/** A duration found in a template and where, for the template-wide rule of one time unit. */
export interface DurationAt {
  path: string;
  duration: StageDuration;
}

function durationUnit(duration: StageDuration): 'workingDays' | 'seconds' | undefined {
  if ('workingDays' in duration) return 'workingDays';
  if ('seconds' in duration) return 'seconds';
  return undefined;
}

function durationAmount(duration: StageDuration): number {
  return 'workingDays' in duration ? duration.workingDays : duration.seconds;
}

/** Reports a duration that is not a whole number of working days or seconds, at least 1; records it. */
export function checkDuration(
  report: Report,
  path: string,
  duration: StageDuration,
  durations: DurationAt[],
): void {
  const unit = durationUnit(duration);
  if (unit === undefined) {
    report(path, 'invalid_duration', {
      zh: '时长须写作 { workingDays } 或 { seconds }',
      en: 'A duration is { workingDays } or { seconds }',
    });
    return;
  }
  durations.push({ path, duration });
  if (!isWholeNumberAtLeast(durationAmount(duration), 1)) {
    report(`${path}.${unit}`, 'duration_not_positive', {
      zh: '时长必须是正整数',
      en: 'A duration must be a whole number of at least 1',
    });
  }
}

/**
 * Reports durations in another unit than the first: comparisons (a reminder before its due date) need one unit,
 * so a template uses working days throughout, or seconds throughout when it is test-sized.
 */
export function checkDurationUnits(report: Report, durations: DurationAt[]): void {
  const first = durations[0];
  if (!first) return;
  const unit = durationUnit(first.duration);
  for (const { path, duration } of durations) {
    if (durationUnit(duration) !== unit) {
      report(path, 'mixed_duration_units', {
        zh: '同一模板内的时长须使用同一单位（工作日或秒）',
        en: 'All durations of a template use one unit (working days or seconds)',
      });
    }
  }
}

/** Compares two durations of the same unit; undefined when the units differ (reported separately). */
export function compareDurations(a: StageDuration, b: StageDuration): number | undefined {
  if (durationUnit(a) !== durationUnit(b)) return undefined;
  return durationAmount(a) - durationAmount(b);
}
