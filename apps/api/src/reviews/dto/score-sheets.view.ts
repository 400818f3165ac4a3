import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from './localized-text.view';
import { RubricView } from './rubric.view';

const SCORES = { type: 'object', additionalProperties: { type: 'number' } } as const;
const COMMENTS = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** A total and per-criterion scores, rounded half-up to 2 decimals. */
export class ScoreSetView {
  @ApiProperty() total: number;
  @ApiProperty({ ...SCORES, description: 'Criterion id → score' }) criteria: Record<string, number>;
}

/** How a sheet counts in the calibrated score. */
export class SheetCalibrationView {
  @ApiProperty({ enum: ['calibrated', 'below_min_reviews', 'not_in_pool', 'no_model'] }) status: string;
  @ApiProperty({ type: ScoreSetView, description: 'Equal to the raw scores unless calibrated' })
  score: ScoreSetView;
}

/** One submitted score sheet, exactly as the reviewer submitted it. */
export class ScoreSheetView {
  @ApiProperty({ example: '评审专家 1', description: 'In order of submission' }) label: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'null for a reviewer caller: other reviewers stay anonymous',
  })
  reviewerId: string | null;
  @ApiProperty({ description: 'The caller’s own sheet' }) own: boolean;
  @ApiProperty({ description: 'Revision of the application the sheet scored' }) revision: number;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty() total: number;
  @ApiProperty(SCORES) scores: Record<string, number>;
  @ApiProperty(COMMENTS) comments: Record<string, string>;
  @ApiProperty({ type: SheetCalibrationView }) calibration: SheetCalibrationView;
}

/** The score a chair recorded after the reviewers disagreed; the raw sheets stay as they were. */
export class ConsensusView {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'null for a reviewer caller' })
  chairId: string | null;
  @ApiProperty() total: number;
  @ApiProperty(SCORES) scores: Record<string, number>;
  @ApiProperty() justification: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

/** The case's aggregates side by side. */
export class AggregateView {
  @ApiProperty() reviewCount: number;
  @ApiPropertyOptional({
    nullable: true,
    type: ScoreSetView,
    description: 'Arithmetic mean of the raw sheets',
  })
  mean: ScoreSetView | null;
  @ApiPropertyOptional({ nullable: true, type: ScoreSetView, description: 'Median of the raw sheets' })
  median: ScoreSetView | null;
  @ApiPropertyOptional({
    nullable: true,
    type: ScoreSetView,
    description: 'Mean of the calibrated sheets (see calibration.rule)',
  })
  calibrated: ScoreSetView | null;
  @ApiProperty({
    enum: ['consensus', 'mean'],
    description: 'What ranking uses: the consensus where recorded',
  })
  basis: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) basisTotal: number | null;
}

/** How calibrated scores are formed, in words and numbers. */
export class CalibrationRuleView {
  @ApiProperty({ type: LocalizedTextView }) rule: LocalizedTextView;
  @ApiProperty({ description: 'Reviews a reviewer needs in the stage before calibration applies' })
  minReviews: number;
  @ApiProperty({ description: 'Submitted reviews of the program stage the model is built from' })
  reviewsInStage: number;
  @ApiProperty({ description: 'Reviewers of the stage with enough reviews to be calibrated' })
  calibratedReviewers: number;
}

/** A disagreement flag with the scores it spans. */
export class DisagreementFlagView {
  @ApiProperty({ enum: ['criterion', 'total'] }) target: string;
  @ApiPropertyOptional({ type: String }) criterionId?: string;
  @ApiProperty() spread: number;
  @ApiProperty() threshold: number;
  @ApiProperty() lowest: number;
  @ApiProperty() highest: number;
}

/** Whether the sheets disagree beyond the stage's rule, and where that stands. */
export class SheetsDisagreementView {
  @ApiProperty() flagged: boolean;
  @ApiProperty({ enum: ['consensus', 'extra_reviewer'] }) resolution: string;
  @ApiProperty({
    enum: [
      'none',
      'needs_consensus',
      'needs_extra_reviewer',
      'resolved_by_consensus',
      'resolved_by_extra_reviewer',
    ],
  })
  status: string;
  @ApiProperty({ type: [DisagreementFlagView] }) flags: DisagreementFlagView[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The case workflow’s own status while the case is in this stage',
  })
  caseStatus: string | null;
}

/** Every submitted sheet of a case in a review stage, the consensus, and the aggregates side by side. */
export class ScoreSheetsView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() stageKey: string;
  @ApiProperty({ type: LocalizedTextView }) stageName: LocalizedTextView;
  @ApiProperty({ description: 'The application’s current revision' }) currentRevision: number;
  @ApiProperty({ description: 'Reviewer ids withheld (the caller is a reviewer of the case)' })
  anonymised: boolean;
  @ApiProperty({ type: RubricView }) rubric: RubricView;
  @ApiProperty({ type: [ScoreSheetView] }) sheets: ScoreSheetView[];
  @ApiPropertyOptional({ nullable: true, type: ConsensusView }) consensus: ConsensusView | null;
  @ApiProperty({ type: AggregateView }) aggregate: AggregateView;
  @ApiProperty({ type: CalibrationRuleView }) calibration: CalibrationRuleView;
  @ApiProperty({ type: SheetsDisagreementView }) disagreement: SheetsDisagreementView;
}
