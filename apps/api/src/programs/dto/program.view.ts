import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AwardProposalEntity, ProgramEntity, ProgramEventEntity, ProgramStatus } from '@grantflow/db';
import { FunnelView } from '../../stats/dto/stats-overview.view';
import { CategoryQuotaDto } from './category-quota.dto';
import { ClaimingSettingsDto, CompanyFundingSettingsDto } from './variant-settings.dto';

/** A program as listed to users. */
export class ProgramView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() templateKey: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) templateVersion: number | null;
  @ApiProperty() testSized: boolean;
  @ApiProperty({ description: 'Budget in fen' }) budgetFen: number;
  @ApiProperty({ enum: ['draft', 'published', 'finalized'] }) status: ProgramStatus;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) submissionClosesAt:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) currentStage: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) stageDeadline: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } })
  reviewerPools: Record<string, string[]>;
  @ApiPropertyOptional({
    nullable: true,
    type: [CategoryQuotaDto],
    description: 'The program’s own category quotas for its award decision; null when the template’s apply',
  })
  categoryQuotas: CategoryQuotaDto[] | null;
  @ApiPropertyOptional({
    nullable: true,
    type: ClaimingSettingsDto,
    description: 'A public claiming program’s list of projects and claim mode; null for other templates',
  })
  claiming: ClaimingSettingsDto | null;
  @ApiPropertyOptional({
    nullable: true,
    type: CompanyFundingSettingsDto,
    description: 'A company-funded program’s funder and beneficiary group; null for other templates',
  })
  companyFunding: CompanyFundingSettingsDto | null;
  @ApiPropertyOptional({
    type: [String],
    description:
      'Public claiming, one program read alone: keys of the listed projects a claim already holds (a submitted claim when first come, a confirmed one in either mode)',
  })
  claimedProjectKeys?: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(entity: ProgramEntity, claimedProjectKeys?: string[]): ProgramView {
    return Object.assign(new ProgramView(), {
      id: entity.id,
      name: entity.name,
      templateKey: entity.templateKey,
      templateVersion: entity.templateVersion,
      testSized: entity.testSized,
      budgetFen: entity.budgetFen,
      status: entity.status,
      submissionClosesAt: entity.submissionClosesAt?.toISOString() ?? null,
      publishedAt: entity.publishedAt?.toISOString() ?? null,
      currentStage: entity.currentStage,
      stageDeadline: entity.stageDeadline?.toISOString() ?? null,
      reviewerPools: entity.settings?.reviewerPools ?? {},
      categoryQuotas: entity.settings?.categoryQuotas ?? null,
      claiming: entity.settings?.claiming ?? null,
      companyFunding: entity.settings?.companyFunding ?? null,
      ...(claimedProjectKeys ? { claimedProjectKeys } : {}),
      createdAt: entity.createdAt.toISOString(),
    });
  }
}

/** One stage of a program's calendar. */
export class CalendarStageView {
  @ApiProperty() key: string;
  @ApiProperty() kind: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ description: 'Run program-wide (opened and closed by the program) or on each case’s clock' })
  programWide: boolean;
  @ApiProperty({ enum: ['upcoming', 'open', 'closed', 'per_case'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) openedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) deadline: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
}

/** Counts of a program's applications. */
export class ProgramStatsView {
  @ApiProperty() total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byStage: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byCategory: Record<
    string,
    number
  >;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byStreet: Record<string, number>;
  @ApiProperty({ description: 'Awarded in fen' }) awardedFen: number;
  @ApiProperty({ description: 'Requested in fen, drafts included' }) requestedFen: number;
  @ApiProperty({ type: FunnelView, description: 'From the counts per stage, as the overview computes it' })
  funnel: FunnelView;
}

/** One line of an award proposal. */
export class AwardProposalView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: ['awarded', 'declined'] }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) tier: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Award in fen' }) amountFen:
    number | null;
  @ApiProperty() rank: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) score: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) reservePosition: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    enum: ['budget', 'quota', 'rank', 'below_threshold', 'passed_over'],
  })
  unfundedReason: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() partial: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) confirmedBy: string | null;

  static of(entity: AwardProposalEntity): AwardProposalView {
    return Object.assign(new AwardProposalView(), {
      applicationId: entity.applicationId,
      outcome: entity.outcome,
      tier: entity.tier,
      amountFen: entity.amountFen,
      rank: entity.rank,
      score: entity.score,
      reservePosition: entity.reservePosition,
      unfundedReason: entity.unfundedReason,
      reason: entity.reason,
      partial: entity.partial,
      confirmedAt: entity.confirmedAt?.toISOString() ?? null,
      confirmedBy: entity.confirmedBy,
    });
  }
}

/** One entry of a program's timeline: a stage opened, extended or closed, or what a batch step recorded. */
export class ProgramEventView {
  @ApiProperty({
    description:
      'stage_opened, stage_extended, stage_closed, awards_proposed, awards_confirmed, assignment_infeasible, ' +
      'quota_minimums_unreachable, …',
  })
  action: string;
  @ApiPropertyOptional({ nullable: true, type: String }) stageKey: string | null;
  @ApiProperty() actorId: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the step recorded, e.g. the figures that show why category minimums could not be met',
  })
  data: Record<string, unknown>;

  static of(entity: ProgramEventEntity): ProgramEventView {
    return Object.assign(new ProgramEventView(), {
      action: entity.action,
      stageKey: entity.stageKey === '' ? null : entity.stageKey,
      actorId: entity.actorId,
      occurredAt: entity.occurredAt.toISOString(),
      data: entity.data,
    });
  }
}
