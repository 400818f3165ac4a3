import type { MilestoneReport } from './stages';

/** Freezes a template shared as a constant by every program: nobody changes it in place; a change is a new version. */
export function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freezeDeep(child);
  }
  return value;
}

/** A milestone report due some working days into its stage, reminded and given grace of five working days. */
export function milestoneReport(
  key: string,
  zh: string,
  en: string,
  dueAfterWorkingDays: number,
): MilestoneReport {
  return {
    key,
    name: { zh, en },
    dueAfter: { workingDays: dueAfterWorkingDays },
    remindBefore: { workingDays: 5 },
    overdueGrace: { workingDays: 5 },
  };
}
