import type { TerminalState } from './stages';

/** The steps of leadership's funnel, in order: applied → eligible → shortlisted (reached the decision) → funded. */
export const FUNNEL_STEPS = ['applied', 'eligible', 'shortlisted', 'funded'] as const;

export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** Counts of cases that reached each funnel step. */
export type FunnelCounts = Record<FunnelStep, number>;

// A terminal state records where a case ended; it counts as having reached every step up to the one given.
const TERMINAL_REACH: Record<TerminalState, number> = {
  withdrawn: 0,
  ineligible: 0,
  // A failed tender (流标) ends every bid without a decision on any of them.
  unsuccessful: 0,
  not_advanced: 1,
  declined: 2,
  terminated: 3,
  closed: 3,
};

/** The stages of a template as the funnel reads them: their keys and kinds, in the template's order. */
export interface FunnelTemplate {
  stages: readonly { key: string; kind: string }[];
}

/**
 * The furthest funnel step (index into FUNNEL_STEPS) a case at `stage` has reached, or -1 for a draft that was
 * never submitted. A case at a stage has passed every step before that stage in the template's order.
 */
export function funnelReach(stage: string, template: FunnelTemplate): number {
  if (stage in TERMINAL_REACH) return TERMINAL_REACH[stage as TerminalState];
  const at = template.stages.findIndex((candidate) => candidate.key === stage);
  if (at < 0) return stage === 'draft' ? -1 : 0;
  const index = (kind: string) => template.stages.findIndex((candidate) => candidate.kind === kind);
  const screening = index('screening');
  const decision = index('decision');
  if (decision >= 0 && at > decision) return 3;
  if (at === decision) return 2;
  return screening >= 0 && at > screening ? 1 : 0;
}

/** The funnel from counts of cases per stage (or terminal state). */
export function funnelCounts(byStage: Record<string, number>, template: FunnelTemplate): FunnelCounts {
  const counts: FunnelCounts = { applied: 0, eligible: 0, shortlisted: 0, funded: 0 };
  for (const [stage, count] of Object.entries(byStage)) {
    const reach = funnelReach(stage, template);
    for (let step = 0; step <= reach; step += 1) counts[FUNNEL_STEPS[step]] += count;
  }
  return counts;
}
