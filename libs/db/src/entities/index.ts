import { ApplicationEntity } from './application.entity';
import { CaseTransitionEntity } from './case-transition.entity';
import { OrganizationEntity } from './organization.entity';
import { ProgramEntity } from './program.entity';

export { ApplicationEntity, CaseTransitionEntity, OrganizationEntity, ProgramEntity };
export type { OrganizationKind } from './organization.entity';
export type { ProgramStatus } from './program.entity';

/** Every entity of the read model and document store. */
export const ENTITIES = [OrganizationEntity, ProgramEntity, ApplicationEntity, CaseTransitionEntity];
