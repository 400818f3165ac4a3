import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
import type { Actor } from '@grantflow/contracts';
import {
  LOWER_PRICE_TIE_BREAKS,
  rankCases,
  renderIneligibleReason,
  withPriceCriterion,
  type AdvancementRule,
  type DecisionStage,
  type RankedCase,
  type RankingEntry,
  type ReviewStage,
  type Rubric,
} from '@grantflow/domain';
import {
  ApplicationEntity,
  AwardProposalEntity,
  CaseTransitionEntity,
  ReviewEntity,
  type ProgramEntity,
} from '@grantflow/db';
import { requireStaff } from './review-access';
import { disagreementRuleOf, ReviewStagesService, rubricOf, templateOf } from './review-stages.service';
import { summarizeCase } from './case-scores';
import { explainSeparation } from './ranking-explanations';
import type { AllocationView, RankingEntryView, RankingView, StageOutcomeView } from './dto/ranking.view';

// The order the award allocation funds in (activities/program.activities.ts, allocate): score, lower request, id.
const DECISION_TIE_BREAKS = ['total', 'lowerRequestedAmount', 'caseId'] as const;

const REVIEW_BASIS = {
  zh: '有合议分的按合议分，否则按评审原始分的均值排序；满足全部门槛条件者在前，同分依次比较申请金额（低者在前）、提交时间（早者在前）和申请编号',
  en: 'Ranked on the consensus score where a chair recorded one, else on the mean of the raw reviews; cases meeting every threshold come first, and ties go to the lower request, then the earlier submission, then the application id',
};
const DECISION_BASIS = {
  zh: '按最近一轮评审的得分（有合议分的按合议分，否则按均值）排序，同分时申请金额低者在前，再按申请编号',
  en: 'Ranked on the latest review stage’s score (the consensus where recorded, else the mean); ties go to the lower request, then the application id',
};

interface Candidate {
  application: ApplicationEntity;
  /** The review stage whose sheets score the case. */
  stage: ReviewStage;
  rows: ReviewEntity[];
}

// Decision ranks on scores alone: the review stages already applied their thresholds.
function withoutThresholds(rubric: Rubric): Rubric {
  return {
    ...rubric,
    totalThreshold: undefined,
    criteria: rubric.criteria.map((criterion) => ({ ...criterion, threshold: undefined })),
  };
}

// The same rule the program's ranking step applies (rankReviewStage) to say who advances.
function meetsRule(rule: AdvancementRule, entry: RankedCase, eligibleCount: number): boolean {
  const score = entry.score?.total ?? 0;
  switch (rule.rule) {
    case 'min_score':
      return score >= rule.minScore;
    case 'rubric_thresholds':
      return entry.eligible;
    case 'top_n':
      return entry.eligible && entry.rank <= rule.count;
    case 'top_share':
      return entry.eligible && entry.rank <= Math.floor((eligibleCount * rule.percent) / 100);
  }
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Ranks a review or decision stage's cases with the reasons, beside the outcomes the program recorded. */
@Injectable()
export class ReviewRankingService {
  constructor(
    private readonly stages: ReviewStagesService,
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ReviewEntity) private readonly reviews: Repository<ReviewEntity>,
    @InjectRepository(CaseTransitionEntity) private readonly transitions: Repository<CaseTransitionEntity>,
    @InjectRepository(AwardProposalEntity) private readonly proposals: Repository<AwardProposalEntity>,
  ) {}

  /**
   * The stage's cases (in it now, or given an outcome when it closed) in rank order: score basis, thresholds,
   * the tie-break against the case above, and, once the stage closed, the outcome (and award) each received.
   */
  async ranking(programId: string, stageKey: string, actor: Actor): Promise<RankingView> {
    requireStaff(actor, ['purchaser']);
    const program = await this.stages.program(programId);
    const stage = this.stages.stage(program, stageKey, ['review', 'decision']);
    const applications = await this.candidates(programId, stageKey);
    const outcomes = await this.outcomes(
      applications.map((application) => application.id),
      stageKey,
    );
    const proposals =
      stage.kind === 'decision'
        ? new Map(
            (await this.proposals.findBy({ programId, stageKey })).map((line) => [line.applicationId, line]),
          )
        : new Map<string, AwardProposalEntity>();
    const candidates =
      stage.kind === 'review'
        ? await this.reviewed(programId, stage, applications)
        : await this.lastReviewed(program, stage, applications);
    // The rubric checks thresholds and names criteria; a decision has none of its own to check.
    const scoring =
      stage.kind === 'review' ? stage : (candidates[0]?.stage ?? reviewStagesBefore(program, stage).at(-1));
    if (!scoring)
      throw new Error(`template ${program.templateKey}: decision ${stage.key} follows no review stage`);
    const rubric = stage.kind === 'review' ? rubricOf(stage) : withoutThresholds(rubricOf(scoring));

    const byId = new Map(candidates.map((candidate) => [candidate.application.id, candidate]));
    const plain: RankingEntry[] = candidates.map(({ application, stage: scored, rows }) => ({
      summary: summarizeCase(rubricOf(scored), application.id, rows, {
        disagreement: disagreementRuleOf(scored),
      }),
      requestedAmount: application.requestedAmountFen,
      submittedAt: application.submittedAt?.toISOString(),
    }));
    // A review that scores price (综合评分法) ranks, as the program does, on technical part + price part.
    const { priceScoring } = scoring.settings;
    const entries = priceScoring
      ? withPriceCriterion(
          rubricOf(scoring),
          plain.map((entry) => ({
            summary: entry.summary,
            priceFen: entry.requestedAmount ?? 0,
            submittedAt: entry.submittedAt,
          })),
          priceScoring.priceWeightPercent,
        )
      : plain;
    const ranked = rankCases(rubric, entries, {
      basis: 'mean',
      // Disagreements are settled by the review engine (consensus or an extra reviewer) before the stage
      // closes; the program's ranking step does not hold cases back for them, and neither does this view.
      holdUnresolvedDisagreement: false,
      ...(stage.kind === 'decision'
        ? { tieBreaks: DECISION_TIE_BREAKS }
        : priceScoring
          ? { tieBreaks: LOWER_PRICE_TIE_BREAKS }
          : {}),
    });
    const eligibleCount = ranked.filter((entry) => entry.eligible).length;
    const summaries = new Map(entries.map((entry) => [entry.summary.caseId, entry.summary]));

    return {
      programId,
      stageKey,
      stageKind: stage.kind,
      stageName: stage.name,
      stageStatus: await this.stages.status(program, stageKey),
      basisRule: stage.kind === 'review' ? REVIEW_BASIS : DECISION_BASIS,
      tieBreaks: [
        'eligibility',
        // Comprehensive scoring breaks ties as a decision does: the lower price (LOWER_PRICE_TIE_BREAKS).
        ...(stage.kind === 'decision' || priceScoring
          ? DECISION_TIE_BREAKS
          : ['total', 'lowerRequestedAmount', 'earlierSubmission', 'caseId']),
      ],
      advancement: stage.kind === 'review' ? { ...stage.settings.advancement } : null,
      entries: ranked.map((entry): RankingEntryView => {
        const { application, stage: scored } = byId.get(entry.caseId)!;
        const outcome = outcomes.get(entry.caseId);
        return {
          rank: entry.rank,
          applicationId: entry.caseId,
          title: application.title,
          street: application.street,
          category: application.category,
          requestedAmountFen: application.requestedAmountFen,
          submittedAt: application.submittedAt?.toISOString() ?? null,
          scoredInStage: scored.key,
          basis: entry.basis === 'consensus' ? 'consensus' : 'mean',
          score: entry.score?.total ?? null,
          criteria: entry.score ? { ...entry.score.criteria } : null,
          reviewCount: summaries.get(entry.caseId)!.reviewCount,
          eligible: entry.eligible,
          thresholds: entry.thresholds.map((check) => ({ ...check })),
          ineligibleReasons: entry.ineligibleReasons.map((reason) => ({
            code: reason.code,
            message: {
              zh: renderIneligibleReason(reason, 'zh-CN'),
              en: renderIneligibleReason(reason, 'en'),
            },
          })),
          separation: entry.separation
            ? {
                fromApplicationId: entry.separation.fromCaseId,
                decidedBy: entry.separation.decidedBy,
                tiedOn: [...entry.separation.tiedOn],
                explanation: explainSeparation(entry.separation, rubric),
              }
            : null,
          meetsAdvancementRule:
            stage.kind === 'review' ? meetsRule(stage.settings.advancement, entry, eligibleCount) : null,
          outcome: outcome ? outcomeView(outcome) : null,
          allocation:
            stage.kind !== 'decision'
              ? null
              : outcome
                ? allocationView(outcome)
                : proposedAllocation(proposals.get(entry.caseId)),
        };
      }),
    };
  }

  // Cases in the stage now (open, with a case workflow), and those the program gave an outcome when it closed.
  private candidates(programId: string, stageKey: string): Promise<ApplicationEntity[]> {
    return this.applications
      .createQueryBuilder('application')
      .where('application.program_id = :programId', { programId, stageKey })
      .andWhere(
        new Brackets((where) =>
          where
            .where(
              'application.stage = :stageKey AND application.terminal IS NULL AND application.workflow_id IS NOT NULL',
            )
            .orWhere(
              `EXISTS (SELECT 1 FROM case_transitions transition
                        WHERE transition.application_id = application.id
                          AND transition.action = 'stage_outcome' AND transition.from_stage = :stageKey)`,
            ),
        ),
      )
      .orderBy('application.id')
      .getMany();
  }

  // The last stage_outcome transition out of the stage, per case.
  private async outcomes(applicationIds: string[], stageKey: string) {
    if (applicationIds.length === 0) return new Map<string, CaseTransitionEntity>();
    const rows = await this.transitions.find({
      where: { applicationId: In(applicationIds), action: 'stage_outcome', fromStage: stageKey },
      order: { sequence: 'ASC' },
    });
    return new Map(rows.map((row) => [row.applicationId, row]));
  }

  private async reviewed(
    programId: string,
    stage: ReviewStage,
    applications: ApplicationEntity[],
  ): Promise<Candidate[]> {
    const rows = await this.reviews.find({ where: { programId, stageKey: stage.key } });
    return applications.map((application) => ({
      application,
      stage,
      rows: rows.filter((row) => row.applicationId === application.id),
    }));
  }

  // A decision ranks each case on the latest review stage (in template order) it has sheets in.
  private async lastReviewed(
    program: ProgramEntity,
    decision: DecisionStage,
    applications: ApplicationEntity[],
  ): Promise<Candidate[]> {
    const reviewStages = reviewStagesBefore(program, decision);
    const rows =
      applications.length === 0 || reviewStages.length === 0
        ? []
        : await this.reviews.find({
            where: {
              programId: program.id,
              stageKey: In(reviewStages.map((stage) => stage.key)),
              applicationId: In(applications.map((application) => application.id)),
            },
          });
    return applications.flatMap((application) => {
      const own = rows.filter((row) => row.applicationId === application.id);
      const stage =
        reviewStages.filter((candidate) => own.some((row) => row.stageKey === candidate.key)).at(-1) ??
        reviewStages.at(-1);
      if (!stage) return [];
      return [{ application, stage, rows: own.filter((row) => row.stageKey === stage.key) }];
    });
  }
}

// The review stages of the template that come before the stage, in order.
function reviewStagesBefore(program: ProgramEntity, stage: DecisionStage): ReviewStage[] {
  const { stages } = templateOf(program);
  return stages
    .slice(
      0,
      stages.findIndex((candidate) => candidate.key === stage.key),
    )
    .filter((candidate): candidate is ReviewStage => candidate.kind === 'review');
}

function outcomeView(transition: CaseTransitionEntity): StageOutcomeView {
  const data = transition.data ?? {};
  return {
    outcome: typeof data.outcome === 'string' ? data.outcome : 'unknown',
    reason: transition.reason,
    recordedRank: numberOrNull(data.rank),
    recordedScore: numberOrNull(data.score),
    occurredAt: transition.occurredAt.toISOString(),
  };
}

const UNFUNDED_REASONS = ['budget', 'quota', 'rank', 'below_threshold'] as const;

// Why the allocation left a case unfunded, when the value is one of the allocator's reasons.
function unfundedReasonOf(value: unknown): (typeof UNFUNDED_REASONS)[number] | null {
  return (UNFUNDED_REASONS as readonly unknown[]).includes(value)
    ? (value as (typeof UNFUNDED_REASONS)[number])
    : null;
}

// The award or reserve-list place a case was told (decision stage_outcome: the award and the allocation facts).
function allocationView(transition: CaseTransitionEntity): AllocationView {
  const data = transition.data ?? {};
  return {
    status: 'confirmed',
    outcome: typeof data.outcome === 'string' ? data.outcome : 'unknown',
    tier: typeof data.tier === 'string' ? data.tier : null,
    amountFen: numberOrNull(data.amountFen),
    partial: data.partial === true,
    reservePosition: numberOrNull(data.reservePosition),
    reason: unfundedReasonOf(data.reason),
    reasonText: transition.reason ?? '',
  };
}

// A line of the award proposal computed when the decision stage closed, before a coordinator confirmed it.
function proposedAllocation(line: AwardProposalEntity | undefined): AllocationView | null {
  if (!line) return null;
  return {
    status: 'proposed',
    outcome: line.outcome,
    tier: line.tier,
    amountFen: line.amountFen,
    partial: line.partial,
    reservePosition: line.reservePosition,
    reason: unfundedReasonOf(line.unfundedReason),
    reasonText: line.reason,
  };
}
