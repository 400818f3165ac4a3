import type { AffinityFunction, AffinityTable, AssignmentCase, AssignmentReviewer } from './types';

/** Affinity when the case's category is the reviewer's first-listed (main) expertise. */
export const MAIN_EXPERTISE_AFFINITY = 2;
/** Affinity when the case's category is among the reviewer's other listed expertise. */
export const OTHER_EXPERTISE_AFFINITY = 1;
/** Largest |affinity| accepted, so flow costs and dual values stay exact integers in float64. */
export const MAX_ABS_AFFINITY = 1_000_000;

/**
 * Default affinity: 2 when the case's category is the reviewer's main expertise, 1 when it is another listed
 * expertise, 0 otherwise, so panels go to the best-matched experts first and a main field beats a side field.
 */
export const expertiseAffinity: AffinityFunction = (reviewedCase, reviewer) =>
  affinityForCategory(reviewer, reviewedCase.category);

/** Expertise affinity of a reviewer for a category (the rule behind expertiseAffinity). */
export function affinityForCategory(reviewer: AssignmentReviewer, category: string): number {
  const position = reviewer.expertise.indexOf(category);
  if (position === 0) return MAIN_EXPERTISE_AFFINITY;
  return position > 0 ? OTHER_EXPERTISE_AFFINITY : 0;
}

/** Turns an affinity table (case id → reviewer id → value) into a function; missing pairs score 0. */
export function affinityFromTable(table: AffinityTable): AffinityFunction {
  return (reviewedCase: AssignmentCase, reviewer: AssignmentReviewer) => {
    const row = Object.prototype.hasOwnProperty.call(table, reviewedCase.id)
      ? table[reviewedCase.id]
      : undefined;
    if (row === undefined || !Object.prototype.hasOwnProperty.call(row, reviewer.id)) return 0;
    return row[reviewer.id];
  };
}
