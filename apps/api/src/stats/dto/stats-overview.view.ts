import { ApiProperty } from '@nestjs/swagger';
import type { ProgramStatus } from '@grantflow/db';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** The funnel applied → eligible → shortlisted (reached the decision) → funded, in cases. */
export class FunnelView {
  @ApiProperty({ description: 'Submitted at least once' }) applied: number;
  @ApiProperty({ description: 'Passed screening' }) eligible: number;
  @ApiProperty({ description: 'Reached the award decision' }) shortlisted: number;
  @ApiProperty({ description: 'Awarded' }) funded: number;
}

/** Money of the cases, in fen. */
export class MoneyView {
  @ApiProperty({ description: 'Requested in fen, drafts included' }) requestedFen: number;
  @ApiProperty({ description: 'Awarded in fen' }) awardedFen: number;
  @ApiProperty({ description: 'Released tranches in fen' }) disbursedFen: number;
}

/** Reviewer assignments of the cases' current review stages. */
export class ReviewTallyView {
  @ApiProperty({ description: 'Assignments, recusals left out' }) assigned: number;
  @ApiProperty() submitted: number;
  @ApiProperty({ description: 'Still open past the due date, or expired unanswered' }) overdue: number;
}

/** The figures of a set of cases: one program's or all programs' matching the filters. */
export class OverviewFiguresView {
  @ApiProperty({ description: 'Applications, drafts included' }) total: number;
  @ApiProperty({ type: FunnelView }) funnel: FunnelView;
  @ApiProperty({ type: MoneyView }) money: MoneyView;
  @ApiProperty({ type: ReviewTallyView }) reviews: ReviewTallyView;
}

/** One program with its figures. */
export class OverviewProgramView extends OverviewFiguresView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() templateKey: string;
  @ApiProperty({ description: 'The year it opened in (Asia/Shanghai)' }) year: number;
  @ApiProperty({ enum: ['published', 'finalized'] }) status: ProgramStatus;
  @ApiProperty({ description: 'Budget in fen' }) budgetFen: number;
}

/** A performance grade as the programs' templates name it. */
export class GradeCountView {
  @ApiProperty() key: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ description: 'Cases whose latest evaluation gave this grade' }) count: number;
}

/** The totals of all matching programs, with their breakdowns. */
export class OverviewTotalsView extends OverviewFiguresView {
  @ApiProperty({ description: 'Budget in fen' }) budgetFen: number;
  @ApiProperty({ ...COUNTS, description: 'Cases by category value' }) byCategory: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'Cases by street' }) byStreet: Record<string, number>;
  @ApiProperty({ type: [GradeCountView], description: 'In the templates’ order, best first' })
  grades: GradeCountView[];
}

/** Leadership's overview across programs and years. */
export class StatsOverviewView {
  @ApiProperty({ type: [Number], description: 'Years with programs, newest first, for the filter' })
  years: number[];
  @ApiProperty({ type: [OverviewProgramView], description: 'Newest first' }) programs: OverviewProgramView[];
  @ApiProperty({ type: OverviewTotalsView }) totals: OverviewTotalsView;
}
