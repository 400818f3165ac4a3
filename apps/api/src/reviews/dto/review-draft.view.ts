import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReviewDraftEntity } from '@grantflow/db';

/** A reviewer's saved draft sheet and how far it is from a complete one. */
export class ReviewDraftView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() stageKey: string;
  @ApiProperty() reviewerId: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) scores: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) comments: Record<string, string>;
  @ApiProperty({ type: [String], description: 'Criteria not scored yet' }) missingCriteria: string[];
  @ApiProperty({ description: 'The sheet would pass as a submitted review (all scored, comments where due)' })
  complete: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The total once complete' })
  total: number | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(
    entity: ReviewDraftEntity,
    progress: { missingCriteria: string[]; complete: boolean; total: number | null },
  ): ReviewDraftView {
    return Object.assign(new ReviewDraftView(), {
      applicationId: entity.applicationId,
      stageKey: entity.stageKey,
      reviewerId: entity.reviewerId,
      scores: entity.scores,
      comments: entity.comments,
      ...progress,
      updatedAt: entity.updatedAt.toISOString(),
    });
  }
}
