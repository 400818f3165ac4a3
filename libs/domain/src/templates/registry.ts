import { GOVERNMENT_PROCUREMENT_TEMPLATE } from './government-procurement';
import { GRANT_COMPETITION_TEMPLATE } from './grant-competition';
import type { ProcessTemplate } from './process-template';

/** The process templates programs can be created from, by key (the latest version of each). */
export const PROCESS_TEMPLATES: Readonly<Record<string, ProcessTemplate>> = Object.freeze({
  [GRANT_COMPETITION_TEMPLATE.key]: GRANT_COMPETITION_TEMPLATE,
  [GOVERNMENT_PROCUREMENT_TEMPLATE.key]: GOVERNMENT_PROCUREMENT_TEMPLATE,
});
