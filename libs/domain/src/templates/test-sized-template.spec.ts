import { GRANT_COMPETITION_TEMPLATE as grant } from './grant-competition';
import type { StageDuration } from './stages';
import { testSizedTemplate } from './test-sized-template';
import { InvalidTemplateError, validateTemplate } from './validate-template';

function allDurations(value: unknown, found: StageDuration[] = []): StageDuration[] {
  if (typeof value !== 'object' || value === null) return found;
  if ('workingDays' in value || 'seconds' in value) {
    found.push(value as StageDuration);
    return found;
  }
  Object.values(value).forEach((child) => allDurations(child, found));
  return found;
}

describe('testSizedTemplate', () => {
  it('replaces every working-day duration with a few seconds and still validates', () => {
    const small = testSizedTemplate(grant);
    const durations = allDurations(small);
    expect(durations.length).toBe(allDurations(grant).length);
    expect(durations.every((d) => 'seconds' in d && d.seconds >= 2 && d.seconds <= 20)).toBe(true);
    expect(validateTemplate(small)).toEqual([]);
  });

  it('keeps the order of durations: a reminder before its due date, a report due within its stage', () => {
    const small = testSizedTemplate(grant);
    const implementation = small.stages[7];
    if (implementation.kind !== 'implementation') throw new Error('expected the implementation stage');
    const [progress] = implementation.settings.reports;
    // The distinct lengths are 5, 10, 15, 20, 60, 110 and 120 working days, so 5 < 60 < 120 become 2 < 10 <
    // 14 seconds.
    expect(progress.remindBefore).toEqual({ seconds: 2 });
    expect(progress.dueAfter).toEqual({ seconds: 10 });
    expect(implementation.duration).toEqual({ seconds: 14 });
    expect(small.stages[5].duration).toEqual({ seconds: 2 });
  });

  it('scales with secondsPerStep and takes exact seconds for named stages', () => {
    const small = testSizedTemplate(grant, { secondsPerStep: 1, stageSeconds: { solicitation: 30 } });
    expect(small.stages[0].duration).toEqual({ seconds: 30 });
    expect(small.stages[5].duration).toEqual({ seconds: 1 });
  });

  it('leaves the original untouched and marks the copy as test-sized', () => {
    const small = testSizedTemplate(grant);
    expect(grant.stages[5].duration).toEqual({ workingDays: 5 });
    expect(small.name.en).toBe('Community venture philanthropy competition (test-sized)');
    expect(small.name.zh).toBe('社区公益创投大赛（测试用）');
    expect(small.key).toBe(grant.key);
  });

  it('refuses an override that breaks the template, and an unknown stage', () => {
    expect(() => testSizedTemplate(grant, { stageSeconds: { implementation: 1 } })).toThrow(
      InvalidTemplateError,
    );
    expect(() => testSizedTemplate(grant, { stageSeconds: { drafting: 5 } })).toThrow('names no stage');
    expect(() => testSizedTemplate(grant, { secondsPerStep: 0 })).toThrow(RangeError);
  });
});
