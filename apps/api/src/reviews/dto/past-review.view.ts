import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from './localized-text.view';

/** One criterion of a submitted sheet: the rubric's name for it, the score given and the comment. */
export class CriterionScoreView {
  @ApiProperty({ example: 'feasibility' }) id: string;
  @ApiProperty({ type: LocalizedTextView }) name: LocalizedTextView;
  @ApiProperty() score: number;
  @ApiProperty({ description: 'Highest score the criterion’s scale allows' }) max: number;
  @ApiProperty({ description: 'Multiplies the score in the total' }) weight: number;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
}

/** Where the reviewed case stands now: its current stage, or the state it ended in. */
export class CaseStandingView {
  @ApiProperty({ example: 'district-review', description: 'Stage key, or the terminal state once ended' })
  stageKey: string;
  @ApiPropertyOptional({
    nullable: true,
    type: LocalizedTextView,
    description: 'Null when the case stands outside the template’s stages (ended)',
  })
  stageName: LocalizedTextView | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'not_advanced' }) terminal: string | null;
}

/** The case a review scored; in a blind stage, without anything that identifies the applicant. */
export class ReviewedProposalView {
  @ApiProperty() title: string;
  @ApiProperty() category: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Left out in a blind stage' })
  organizationId?: string;
  @ApiPropertyOptional({ type: String, description: 'Left out in a blind stage' }) organizationName?: string;
  @ApiPropertyOptional({ type: String, description: 'Left out in a blind stage' }) street?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Left out in a blind stage' })
  community?: string | null;
  @ApiProperty({
    type: [String],
    example: ['organizationId', 'organizationName', 'street', 'community'],
    description: 'What was left out because the stage is blind',
  })
  withheld: string[];
}

/** A review the reviewer submitted, with the scores per criterion and where the case went since. */
export class PastReviewView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() programName: string;
  @ApiProperty() stageKey: string;
  @ApiProperty({ type: LocalizedTextView }) stageName: LocalizedTextView;
  @ApiProperty({ description: 'Reviewers of the stage did not see who applied' }) blind: boolean;
  @ApiProperty({ type: ReviewedProposalView }) proposal: ReviewedProposalView;
  @ApiProperty({ description: 'Revision of the application the review scored' }) revision: number;
  @ApiProperty({ example: 'cn-100-point' }) rubricId: string;
  @ApiProperty({ description: 'Weighted total as the rubric computes it' }) total: number;
  @ApiProperty({ description: 'Highest total the rubric allows' }) maxTotal: number;
  @ApiProperty({ type: [CriterionScoreView] }) criteria: CriterionScoreView[];
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: CaseStandingView }) current: CaseStandingView;
}
