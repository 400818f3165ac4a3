import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A published program as the public sees it: no reviewer pools or settings. */
export class PublicProgramView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Budget in fen' }) budgetFen: number;
  @ApiProperty({ enum: ['published', 'finalized'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
}

/** One confirmed result on public notice (公示): the project, its rank and outcome. */
export class PublicResultView {
  @ApiProperty({ format: 'uuid', description: 'The application an objection names' }) applicationId: string;
  @ApiProperty() rank: number;
  @ApiProperty() title: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() street: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['awarded', 'declined'] }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) tier: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Award in fen' }) amountFen:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) reservePosition: number | null;
}

/** A program's published results with the objection window of its public notice. */
export class PublicResultsView {
  @ApiProperty({ type: PublicProgramView }) program: PublicProgramView;
  @ApiProperty({ description: 'Whether the public notice is open for objections now' }) noticeOpen: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) noticeDeadline: string | null;
  @ApiProperty({ type: [PublicResultView], description: 'Confirmed results only, in rank order' })
  results: PublicResultView[];
}
