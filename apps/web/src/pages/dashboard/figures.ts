import type { components } from '../../api/schema';
import type { MessageKey } from '../../i18n';

export type Funnel = components['schemas']['FunnelView'];

// The funnel's steps in order, as the API counts them, with their names.
const FUNNEL_STEPS: [keyof Funnel, MessageKey][] = [
  ['applied', 'funnelApplied'],
  ['eligible', 'funnelEligible'],
  ['shortlisted', 'funnelShortlisted'],
  ['funded', 'funnelFunded'],
];

/** The funnel as named rows, in order: what the chart draws and the export writes. */
export function funnelRows(funnel: Funnel, t: (key: MessageKey) => string): [string, number][] {
  return FUNNEL_STEPS.map(([step, name]) => [t(name), funnel[step]]);
}
