import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from './localized-text.view';
import { RubricView } from './rubric.view';

/** The proposal to review; in a blind stage, without anything that identifies the applicant. */
export class ProposalView {
  @ApiProperty() title: string;
  @ApiProperty() category: string;
  @ApiProperty({ description: 'Requested amount in fen' }) requestedAmountFen: number;
  @ApiProperty({ description: 'Revision of the application to score' }) revision: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Answers to the application form (identifying fields left out in a blind stage)',
  })
  form: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Left out in a blind stage' })
  organizationId?: string;
  @ApiPropertyOptional({ type: String, description: 'Left out in a blind stage' }) organizationName?: string;
  @ApiPropertyOptional({ type: String, description: 'Left out in a blind stage' }) street?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Left out in a blind stage' })
  community?: string | null;
  @ApiProperty({
    type: [String],
    example: ['organizationId', 'organizationName', 'street', 'community', 'form.serviceArea'],
    description: 'What was left out because the stage is blind',
  })
  withheld: string[];
}

/** One open assignment in a reviewer's queue. */
export class QueueItemView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() programName: string;
  @ApiProperty() stageKey: string;
  @ApiProperty({ type: LocalizedTextView }) stageName: LocalizedTextView;
  @ApiProperty({ description: 'Reviewers do not see who applied' }) blind: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) assignedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the reviewer last saved a draft sheet',
  })
  draftSavedAt: string | null;
  @ApiProperty({ type: ProposalView }) proposal: ProposalView;
  @ApiProperty({ type: RubricView }) rubric: RubricView;
}

/** A reviewer's open assignments across programs, the earliest due first. */
export class ReviewerQueueView {
  @ApiProperty() reviewerId: string;
  @ApiProperty({ type: [QueueItemView] }) items: QueueItemView[];
}
