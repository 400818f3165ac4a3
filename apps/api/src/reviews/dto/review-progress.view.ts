import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from './localized-text.view';

const STATUSES = ['assigned', 'submitted', 'recused', 'expired'];

/** One reviewer on one case, with the assignment's status and due date. */
export class CaseReviewerView {
  @ApiProperty() reviewerId: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) assignedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ description: 'Due date passed without a review (assigned or expired)' }) overdue: boolean;
}

/** A disagreement flag: reviewers' scores on a criterion (or the total) spread beyond the rubric's rule. */
export class SpreadFlagView {
  @ApiProperty({ enum: ['criterion', 'total'] }) target: string;
  @ApiPropertyOptional({ type: String }) criterionId?: string;
  @ApiProperty() spread: number;
  @ApiProperty() threshold: number;
}

/** Where a case stands on reviewers who disagree, as the case workflow decided. */
export class CaseDisagreementView {
  @ApiProperty({ enum: ['none', 'needs_consensus', 'needs_extra_reviewer', 'resolved'] }) status: string;
  @ApiProperty({ type: [SpreadFlagView] }) flags: SpreadFlagView[];
}

/** A case's review progress in the stage. */
export class CaseProgressView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() title: string;
  @ApiProperty() street: string;
  @ApiProperty() category: string;
  @ApiProperty({ example: 'under_review' }) phase: string;
  @ApiProperty({ type: [CaseReviewerView] }) reviewers: CaseReviewerView[];
  @ApiProperty({ description: 'Reviews the case still expects or has (assigned or submitted)' })
  reviewsExpected: number;
  @ApiProperty() reviewsSubmitted: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Earliest due date of the open assignments; null when none is open',
  })
  dueAt: string | null;
  @ApiProperty({ description: 'Some reviewer let the due date pass without a review' }) overdue: boolean;
  @ApiProperty({ type: CaseDisagreementView }) disagreement: CaseDisagreementView;
}

/** One reviewer's load in the stage, over every case (not only the page). */
export class ReviewerProgressView {
  @ApiProperty() reviewerId: string;
  @ApiProperty({ description: 'Assignments in the stage, whatever became of them' }) assigned: number;
  @ApiProperty({ description: 'Reviews submitted' }) done: number;
  @ApiProperty({ description: 'Open and not yet past their due date' }) due: number;
  @ApiProperty({ description: 'Past the due date without a review (open or expired)' }) overdue: number;
  @ApiProperty() recused: number;
}

/** Counts over every case of the stage. */
export class ProgressTotalsView {
  @ApiProperty() cases: number;
  @ApiProperty() assignments: number;
  @ApiProperty() submitted: number;
  @ApiProperty({ description: 'Open and not yet past their due date' }) due: number;
  @ApiProperty() overdue: number;
  @ApiProperty() recused: number;
  @ApiProperty() expired: number;
  @ApiProperty({ description: 'Cases with at least one overdue review' }) overdueCases: number;
}

/** A review stage's progress: per case (paginated) and per reviewer. */
export class ReviewProgressView {
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() stageKey: string;
  @ApiProperty({ type: LocalizedTextView }) stageName: LocalizedTextView;
  @ApiProperty({ enum: ['street', 'district'] }) level: string;
  @ApiProperty() blind: boolean;
  @ApiProperty({ enum: ['upcoming', 'open', 'closed'] }) stageStatus: string;
  @ApiProperty({ format: 'date-time', description: 'The instant overdue flags were computed at' })
  asOf: string;
  @ApiProperty({ type: ProgressTotalsView }) totals: ProgressTotalsView;
  @ApiProperty({ type: [ReviewerProgressView] }) reviewers: ReviewerProgressView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'Cases in the stage now, on every page' }) total: number;
  @ApiProperty({ type: [CaseProgressView] }) cases: CaseProgressView[];
}
