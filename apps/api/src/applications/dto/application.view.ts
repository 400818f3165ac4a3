import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApplicationEntity, CaseTransitionEntity } from '@grantflow/db';
import { IDENTIFYING_PROPERTIES, withoutIdentity } from '../../auth/blind-review';

/** An application with the projected state of its case. */
export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'uuid', description: 'Left out for reviewers of a blind review' })
  organizationId: string;
  @ApiProperty() title: string;
  @ApiProperty() category: string;
  @ApiProperty({ description: 'Left out for reviewers of a blind review' }) street: string;
  @ApiProperty({ description: 'Requested amount in fen' }) requestedAmountFen: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) form: Record<string, unknown>;
  @ApiProperty() revision: number;
  @ApiProperty({ example: 'eligibility-screening', description: 'Current stage key, or the terminal state' })
  stage: string;
  @ApiProperty({ example: 'awaiting_screening', description: 'Where the case stands inside its stage' })
  phase: string;
  @ApiPropertyOptional({ nullable: true, type: String }) terminal: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) nextDeadlineAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) awardTier: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Awarded amount in fen' }) awardedFen:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) caseId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(entity: ApplicationEntity): ApplicationView {
    return Object.assign(new ApplicationView(), {
      id: entity.id,
      programId: entity.programId,
      organizationId: entity.organizationId,
      title: entity.title,
      category: entity.category,
      street: entity.street,
      requestedAmountFen: entity.requestedAmountFen,
      form: entity.form,
      revision: entity.revision,
      stage: entity.stage,
      phase: entity.phase,
      terminal: entity.terminal,
      nextDeadlineAt: entity.nextDeadlineAt?.toISOString() ?? null,
      awardTier: entity.awardTier,
      awardedFen: entity.awardedFen,
      caseId: entity.workflowId,
      submittedAt: entity.submittedAt?.toISOString() ?? null,
      updatedAt: entity.updatedAt.toISOString(),
    });
  }

  /** The application as a reviewer of a blind review sees it: nothing that tells who applied. */
  static blind(entity: ApplicationEntity): ApplicationView {
    const view: Partial<ApplicationView> = {
      ...ApplicationView.of(entity),
      form: withoutIdentity(entity.form),
    };
    for (const property of IDENTIFYING_PROPERTIES) delete (view as Record<string, unknown>)[property];
    return Object.assign(new ApplicationView(), view);
  }
}

/** One entry of an application's timeline. */
export class TransitionView {
  @ApiProperty() sequence: number;
  @ApiProperty() action: string;
  @ApiProperty() fromStage: string;
  @ApiProperty() toStage: string;
  @ApiProperty() actorId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() revision: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) data: Record<
    string,
    unknown
  > | null;

  static of(entity: CaseTransitionEntity): TransitionView {
    return Object.assign(new TransitionView(), {
      sequence: entity.sequence,
      action: entity.action,
      fromStage: entity.fromStage,
      toStage: entity.toStage,
      actorId: entity.actorId,
      reason: entity.reason,
      revision: entity.revision,
      occurredAt: entity.occurredAt.toISOString(),
      data: entity.data,
    });
  }
}
