import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from './localized-text.view';

/** One threshold compared with the case's basis score. */
export class ThresholdCheckView {
  @ApiProperty({ enum: ['criterion', 'total'] }) target: string;
  @ApiPropertyOptional({ type: String }) criterionId?: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) value: number | null;
  @ApiProperty() threshold: number;
  @ApiProperty() passed: boolean;
}

/** Why a case cannot advance or be funded, with a stable code and a message in both languages. */
export class IneligibleReasonView {
  @ApiProperty({
    enum: [
      'no_score',
      'too_few_reviews',
      'unresolved_disagreement',
      'below_criterion_threshold',
      'below_total_threshold',
    ],
  })
  code: string;
  @ApiProperty({ type: LocalizedTextView }) message: LocalizedTextView;
}

/** What separated a case from the one ranked just above it. */
export class SeparationView {
  @ApiProperty({ format: 'uuid' }) fromApplicationId: string;
  @ApiProperty({
    example: 'lowerRequestedAmount',
    description:
      'eligibility, total, criterion:<id>, lowerRequestedAmount, earlierSubmission or caseId: the first key that differs',
  })
  decidedBy: string;
  @ApiProperty({ type: [String], description: 'Keys on which the two were equal before that' })
  tiedOn: string[];
  @ApiProperty({ type: LocalizedTextView }) explanation: LocalizedTextView;
}

/** What the program recorded for the case when it closed the stage (a `stage_outcome` transition). */
export class StageOutcomeView {
  @ApiProperty({ example: 'advanced' }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The rank the batch step recorded' })
  recordedRank: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The score the batch step recorded' })
  recordedScore: number | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

/** A decision stage's result for the case: the award, or its place on the reserve list and why. */
export class AllocationView {
  @ApiProperty({
    enum: ['proposed', 'confirmed'],
    description: 'Proposed: computed at the close, awaiting a coordinator; confirmed: the case was told',
  })
  status: string;
  @ApiProperty({ enum: ['awarded', 'declined'] }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'key_funding' }) tier: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Awarded in fen' }) amountFen:
    number | null;
  @ApiProperty({ description: 'Funded below the request because the budget ran out' }) partial: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Place on the reserve list (备选名单)' })
  reservePosition: number | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['budget', 'rank'],
    description: 'Why unfunded: the budget ran out, or the tiers had no places left',
  })
  reason: string | null;
  @ApiProperty({ example: '预算不足，列入备选名单第 1 位 / budget exhausted, reserve list #1' })
  reasonText: string;
}

/** One case's place in the ranking, with the reasons. */
export class RankingEntryView {
  @ApiProperty() rank: number;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() title: string;
  @ApiProperty() street: string;
  @ApiProperty() category: string;
  @ApiProperty({ description: 'Requested amount in fen (a tie-break)' }) requestedAmountFen: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ description: 'The review stage whose scores rank the case' }) scoredInStage: string;
  @ApiProperty({ enum: ['consensus', 'mean'] }) basis: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) score: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: { type: 'number' } })
  criteria: Record<string, number> | null;
  @ApiProperty() reviewCount: number;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: [ThresholdCheckView] }) thresholds: ThresholdCheckView[];
  @ApiProperty({ type: [IneligibleReasonView] }) ineligibleReasons: IneligibleReasonView[];
  @ApiPropertyOptional({ nullable: true, type: SeparationView }) separation: SeparationView | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description: 'Review stages: whether the case meets the stage’s advancement rule on this ranking',
  })
  meetsAdvancementRule: boolean | null;
  @ApiPropertyOptional({ nullable: true, type: StageOutcomeView }) outcome: StageOutcomeView | null;
  @ApiPropertyOptional({ nullable: true, type: AllocationView }) allocation: AllocationView | null;
}

/** The stage's advancement rule (review stages). */
export class AdvancementRuleView {
  @ApiProperty({ enum: ['min_score', 'top_n', 'top_share', 'rubric_thresholds'] }) rule: string;
  @ApiPropertyOptional({ type: Number }) minScore?: number;
  @ApiPropertyOptional({ type: Number }) count?: number;
  @ApiPropertyOptional({ type: Number }) percent?: number;
}

/** A review or decision stage's ranking with its reasons, and the outcomes once the stage closed. */
export class RankingView {
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() stageKey: string;
  @ApiProperty({ enum: ['review', 'decision'] }) stageKind: string;
  @ApiProperty({ type: LocalizedTextView }) stageName: LocalizedTextView;
  @ApiProperty({ enum: ['upcoming', 'open', 'closed'] }) stageStatus: string;
  @ApiProperty({ type: LocalizedTextView }) basisRule: LocalizedTextView;
  @ApiProperty({ type: [String], example: ['eligibility', 'total', 'lowerRequestedAmount', 'caseId'] })
  tieBreaks: string[];
  @ApiPropertyOptional({ nullable: true, type: AdvancementRuleView }) advancement: AdvancementRuleView | null;
  @ApiProperty({ type: [RankingEntryView] }) entries: RankingEntryView[];
}
