import { ApplicationEntity } from './application.entity';
import { AuditRecordEntity } from './audit-record.entity';
import { AwardProposalEntity } from './award-proposal.entity';
import { CaseTransitionEntity } from './case-transition.entity';
import { DocumentEntity } from './document.entity';
import { ExpertConflictEntity } from './expert-conflict.entity';
import { ExpertEntity } from './expert.entity';
import { NotificationEntity } from './notification.entity';
import { OrganizationMemberEntity } from './organization-member.entity';
import { OrganizationEntity } from './organization.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ProgramEventEntity } from './program-event.entity';
import { PasswordResetEntity } from './password-reset.entity';
import { ProgramEntity } from './program.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { ReviewDraftEntity } from './review-draft.entity';
import { ReviewEntity } from './review.entity';
import { UserEntity } from './user.entity';

export {
  ApplicationEntity,
  AuditRecordEntity,
  AwardProposalEntity,
  CaseTransitionEntity,
  DocumentEntity,
  ExpertConflictEntity,
  ExpertEntity,
  NotificationEntity,
  OrganizationEntity,
  OrganizationMemberEntity,
  OutboxMessageEntity,
  PasswordResetEntity,
  ProgramEntity,
  ProgramEventEntity,
  RefreshTokenEntity,
  ReviewDraftEntity,
  ReviewEntity,
  UserEntity,
};
export type { ExpertConflictScope } from './expert-conflict.entity';
export type { ExpertLevel } from './expert.entity';
export type { NotificationRecipientKindColumn } from './notification.entity';
export type { MembershipRole } from './organization-member.entity';
export type { OrganizationKind } from './organization.entity';
export type { OutboxStatus } from './outbox-message.entity';
export type { ProgramSettings, ProgramStatus } from './program.entity';

/** Every entity of the read model and document store. */
export const ENTITIES = [
  OrganizationEntity,
  OrganizationMemberEntity,
  ProgramEntity,
  ProgramEventEntity,
  ApplicationEntity,
  CaseTransitionEntity,
  ReviewEntity,
  AwardProposalEntity,
  ReviewDraftEntity,
  ExpertEntity,
  ExpertConflictEntity,
  NotificationEntity,
  OutboxMessageEntity,
  UserEntity,
  RefreshTokenEntity,
  PasswordResetEntity,
  AuditRecordEntity,
  DocumentEntity,
];
