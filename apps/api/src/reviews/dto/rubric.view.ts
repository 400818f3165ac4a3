import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { rubricTotalRange, type Rubric } from '@grantflow/domain';
import { LocalizedTextView } from './localized-text.view';

/** The values a criterion accepts: min, min + step, …, max. */
export class CriterionScaleView {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty() step: number;
}

/** One criterion of a rubric, as a score sheet needs it. */
export class CriterionView {
  @ApiProperty({ example: 'feasibility', description: 'Key of the criterion in `scores` and `comments`' })
  id: string;
  @ApiProperty({ type: LocalizedTextView }) name: LocalizedTextView;
  @ApiProperty({ type: CriterionScaleView }) scale: CriterionScaleView;
  @ApiProperty({ description: 'Multiplies the score in the total' }) weight: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Passes at this score or above' })
  threshold: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'A score strictly below this needs a comment',
  })
  commentRequiredBelow: number | null;
}

/** Lowest and highest possible totals. */
export class TotalRangeView {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
}

/** A scoring rubric: the criteria with their scales, so a reviewer can fill the sheet. */
export class RubricView {
  @ApiProperty({ example: 'cn-100-point' }) id: string;
  @ApiProperty({ type: LocalizedTextView }) name: LocalizedTextView;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiProperty({ type: TotalRangeView }) totalRange: TotalRangeView;
  @ApiPropertyOptional({ nullable: true, type: Number }) totalThreshold: number | null;

  static of(rubric: Rubric): RubricView {
    return Object.assign(new RubricView(), {
      id: rubric.id,
      name: { zh: rubric.name.zh, en: rubric.name.en },
      criteria: rubric.criteria.map((criterion) => ({
        id: criterion.id,
        name: { zh: criterion.name.zh, en: criterion.name.en },
        scale: { min: criterion.scale.min, max: criterion.scale.max, step: criterion.scale.step },
        weight: criterion.weight,
        threshold: criterion.threshold ?? null,
        commentRequiredBelow: criterion.commentRequiredBelow ?? null,
      })),
      totalRange: rubricTotalRange(rubric),
      totalThreshold: rubric.totalThreshold ?? null,
    });
  }
}
