import { COMPANY_FUNDED_TEMPLATE } from './company-funded';
import { GOVERNMENT_PROCUREMENT_TEMPLATE } from './government-procurement';
import { GRANT_COMPETITION_TEMPLATE } from './grant-competition';
import type { ProcessTemplate } from './process-template';
import { PUBLIC_CLAIMING_TEMPLATE } from './public-claiming';

/** The process templates programs can be created from, by key (the latest version of each). */
export const PROCESS_TEMPLATES: Readonly<Record<string, ProcessTemplate>> = Object.freeze({
  [GRANT_COMPETITION_TEMPLATE.key]: GRANT_COMPETITION_TEMPLATE,
  [GOVERNMENT_PROCUREMENT_TEMPLATE.key]: GOVERNMENT_PROCUREMENT_TEMPLATE,
  [PUBLIC_CLAIMING_TEMPLATE.key]: PUBLIC_CLAIMING_TEMPLATE,
  [COMPANY_FUNDED_TEMPLATE.key]: COMPANY_FUNDED_TEMPLATE,
});
