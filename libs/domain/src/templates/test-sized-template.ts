import type { ProcessTemplate } from './process-template';
import { assertValidTemplate } from './validate-template';

/** How to shrink a template's durations for integration tests. */
export interface TestSizedOptions {
  /** Seconds between consecutive distinct durations; default 2. */
  secondsPerStep?: number;
  /** Exact seconds for named stages' durations, e.g. a longer submission window for a test that fills a form. */
  stageSeconds?: Record<string, number>;
}

function isWorkingDaysDuration(value: object): value is { workingDays: number } {
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === 'workingDays' &&
    typeof (value as { workingDays: unknown }).workingDays === 'number'
  );
}

function collectWorkingDays(value: unknown, found: Set<number>): void {
  if (typeof value !== 'object' || value === null) return;
  if (isWorkingDaysDuration(value)) {
    found.add(value.workingDays);
    return;
  }
  for (const child of Object.values(value)) collectWorkingDays(child, found);
}

function copyWithSeconds(value: unknown, secondsFor: (workingDays: number) => number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isWorkingDaysDuration(value)) return { seconds: secondsFor(value.workingDays) };
  if (Array.isArray(value)) return value.map((item) => copyWithSeconds(item, secondsFor));
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, copyWithSeconds(child, secondsFor)]),
  );
}

/**
 * A copy of a template whose working-day durations are a few seconds each, for integration tests that must not
 * wait for days. Each distinct length becomes `secondsPerStep` × its rank among the template's lengths, so every
 * ordering between durations (a reminder before its due date, a report due within its stage) survives while no
 * wait is long. Throws an InvalidTemplateError if the copy does not validate (e.g. a `stageSeconds` override
 * shorter than a report's due offset).
 */
export function testSizedTemplate(
  template: ProcessTemplate,
  options: TestSizedOptions = {},
): ProcessTemplate {
  const secondsPerStep = options.secondsPerStep ?? 2;
  if (!Number.isSafeInteger(secondsPerStep) || secondsPerStep < 1) {
    throw new RangeError(`secondsPerStep must be a whole number of at least 1, got ${secondsPerStep}`);
  }
  const lengths = new Set<number>();
  collectWorkingDays(template, lengths);
  const rank = new Map([...lengths].sort((a, b) => a - b).map((length, index) => [length, index + 1]));
  const copy = copyWithSeconds(
    template,
    (workingDays) => (rank.get(workingDays) ?? 1) * secondsPerStep,
  ) as ProcessTemplate;

  for (const [stageKey, seconds] of Object.entries(options.stageSeconds ?? {})) {
    const stage = copy.stages.find((candidate) => candidate.key === stageKey);
    if (!stage) throw new RangeError(`stageSeconds names no stage of ${template.key}: "${stageKey}"`);
    stage.duration = { seconds };
  }
  copy.name = { zh: `${template.name.zh}（测试用）`, en: `${template.name.en} (test-sized)` };
  assertValidTemplate(copy);
  return copy;
}
