import { Context, heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { IsNull, type DataSource } from 'typeorm';
import {
  aggregateCaseScores,
  rankCases,
  RUBRIC_PRESETS,
  type AdvancementRule,
  type TieBreak,
  type AwardTier,
  type DecisionSettings,
  type ProcessTemplate,
  type ProgramNotice,
  type WorkingDayCalendarData,
} from '@grantflow/domain';
import {
  allocateAwards,
  decisionAllocationInput,
  decisionOutcomes,
  declineReasonText,
  infeasibilityMessage,
  withoutCategoryMinimums,
} from '@grantflow/domain/review/allocation';
import {
  appendAudit,
  ApplicationEntity,
  AwardProposalEntity,
  ProgramEntity,
  ProgramEventEntity,
  ReviewEntity,
} from '@grantflow/db';
import { auditSummary } from './audit-summary';
import { signalInSlices } from './signal-cases';

/** Dependencies of the program activities: the read model, and a client to signal case workflows. */
export interface ProgramActivityDependencies {
  dataSource: DataSource;
  temporal: Client;
}

/** What a program workflow needs to run its calendar, frozen at publishing. */
export interface ProgramPlan {
  template: ProcessTemplate;
  calendar: WorkingDayCalendarData;
  budgetFen: number;
  windowClosesAt: string | null;
}

/** Input of the program event projection. */
export interface ProjectProgramEventInput {
  programId: string;
  action: string;
  stageKey: string | null;
  actorId: string;
  /** The roles the actor acted in; absent from workflows started before it was passed. */
  actorRoles?: string[];
  data: Record<string, unknown>;
  occurredAt: string;
  currentStage: string | null;
  stageDeadline: string | null;
  finalized: boolean;
}

/** The decision stage's allocation settings, with the stage it closes. */
type AllocationStep = StageStep & {
  tiers: AwardTier[];
  budgetFen: number;
  partialFunding: DecisionSettings['partialFunding'];
  categoryQuotas?: DecisionSettings['categoryQuotas'];
};

/** Failure type when no allocation meets the category minimums (non-retryable; details hold the figures). */
export const AwardAllocationInfeasible = 'AwardAllocationInfeasible';

interface StageStep {
  programId: string;
  stageKey: string;
  nextStageDeadline?: string;
}

/** Activities that run a program's batch steps over its cases and record its calendar. */
export function createProgramActivities({ dataSource, temporal }: ProgramActivityDependencies) {
  const applications = dataSource.getRepository(ApplicationEntity);

  const openCasesIn = (programId: string, stageKey: string) =>
    applications
      .createQueryBuilder('application')
      .select([
        'application.id',
        'application.category',
        'application.requestedAmountFen',
        'application.submittedAt',
      ])
      .where('application.program_id = :programId AND application.stage = :stageKey', { programId, stageKey })
      .andWhere('application.terminal IS NULL AND application.workflow_id IS NOT NULL')
      .orderBy('application.id')
      .getMany();

  const signalEach = (notices: { applicationId: string; notice: ProgramNotice }[]) =>
    signalInSlices(temporal, notices);

  // The program workflow passes tiers, budget and partial funding; the category quotas are read from the
  // template frozen at publishing, so programs need no new workflow input for them.

  /**
   * Allocates the stage's awards with the exact allocation library: cases ranked by the latest review stage's
   * score (consensus or mean), then lower request, then id; funded in rank order within the budget, tier places,
   * per-award caps, minimum scores and category quotas, partial funding down to the floor; every unfunded case
   * learns why and its reserve-list position. When the category minimums cannot be met by any allocation, the
   * figures are recorded as the program event `quota_minimums_unreachable` and the allocation is made without
   * the minimums, for the coordinators to review before they confirm it.
   */
  async function allocate(input: AllocationStep) {
    const cases = await openCasesIn(input.programId, input.stageKey);
    const scores = await dataSource.query<{ application_id: string; score: string }[]>(
      // The latest review stage's score of each case: its consensus where there is one, else the mean.
      `SELECT DISTINCT ON (application_id) application_id,
              COALESCE(MAX(total) FILTER (WHERE reviewer_id = 'consensus') OVER w, AVG(total) OVER w) AS score
         FROM reviews WHERE program_id = $1
       WINDOW w AS (PARTITION BY application_id, stage_key)
       ORDER BY application_id, submitted_at DESC`,
      [input.programId],
    );
    const scoreOf = new Map(scores.map((row) => [row.application_id, Number(row.score)]));
    const round = {
      tiers: input.tiers,
      budgetFen: input.budgetFen,
      partialFunding: input.partialFunding,
      categoryQuotas: input.categoryQuotas,
      cases: cases.map((application) => ({
        id: application.id,
        category: application.category,
        requestedFen: application.requestedAmountFen,
        score: scoreOf.get(application.id) ?? null,
      })),
    };
    const { input: allocationInput, ranked } = decisionAllocationInput(round);
    // The library loads HiGHS once per process and shares it between allocations.
    let result = await allocateAwards(allocationInput);
    let minimumsUnreachable: string | null = null;
    if (result.status === 'infeasible') {
      // No allocation meets every category minimum: the proposal is made without the minimums and the figures
      // are recorded for the coordinators who review and confirm it, rather than stalling the stage.
      minimumsUnreachable = infeasibilityMessage(result.explanation);
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(ProgramEventEntity)
        .values({
          programId: input.programId,
          occurredAt: new Date(),
          action: 'quota_minimums_unreachable',
          stageKey: input.stageKey,
          actorId: 'program',
          // TypeORM's insert typing cannot express open JSON objects; the column is jsonb.
          data: { message: minimumsUnreachable, explanation: result.explanation } as never,
        })
        .orIgnore()
        .execute();
      result = await allocateAwards(withoutCategoryMinimums(allocationInput));
      if (result.status === 'infeasible') {
        throw ApplicationFailure.create({
          type: AwardAllocationInfeasible,
          message: infeasibilityMessage(result.explanation),
          details: [result.explanation],
          nonRetryable: true,
        });
      }
    }
    const base = {
      type: 'stage_outcome' as const,
      stageKey: input.stageKey,
      nextStageDeadline: input.nextStageDeadline,
    };
    const notices = decisionOutcomes(round, ranked, result).map((entry) => {
      const data = { rank: entry.rank, score: entry.score };
      if (entry.outcome === 'awarded') {
        return {
          applicationId: entry.applicationId,
          notice: {
            ...base,
            outcome: 'awarded',
            award: { tier: entry.tier.key, amountFen: entry.amountFen },
            reason: `${entry.tier.name.zh}，资助 ${entry.amountFen / 100} 元`,
            data: { ...data, partial: entry.partial },
          },
        };
      }
      return {
        applicationId: entry.applicationId,
        notice: {
          ...base,
          outcome: 'declined',
          reason: declineReasonText(entry.reason, entry.reservePosition),
          data: {
            ...data,
            reason: entry.reason,
            ...(entry.reservePosition === undefined ? {} : { reservePosition: entry.reservePosition }),
          },
        },
      };
    });
    return { notices, remainingFen: result.unspentFen, minimumsUnreachable };
  }

  return {
    /** Loads the program's frozen template, calendar and budget. */
    async loadProgramPlan({ programId }: { programId: string }): Promise<ProgramPlan> {
      const program = await dataSource.getRepository(ProgramEntity).findOneByOrFail({ id: programId });
      if (!program.templateSnapshot || !program.calendarSnapshot)
        throw new Error(`program ${programId} is not published`);
      return {
        template: program.templateSnapshot,
        calendar: program.calendarSnapshot,
        budgetFen: program.budgetFen,
        windowClosesAt: program.submissionClosesAt?.toISOString() ?? null,
      };
    },

    /** Records a calendar event of the program and its current stage, idempotently. */
    async projectProgramEvent(input: ProjectProgramEventInput): Promise<void> {
      await dataSource.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into(ProgramEventEntity)
          .values({
            programId: input.programId,
            occurredAt: new Date(input.occurredAt),
            action: input.action,
            stageKey: input.stageKey ?? '',
            actorId: input.actorId,
            // TypeORM's insert typing cannot express open JSON objects; the column is jsonb.
            data: input.data as never,
          })
          .orIgnore()
          .execute();
        const windowClosesAt = input.data.windowClosesAt;
        await manager.update(
          ProgramEntity,
          { id: input.programId },
          {
            status: input.finalized ? 'finalized' : 'published',
            currentStage: input.currentStage,
            stageDeadline: input.stageDeadline ? new Date(input.stageDeadline) : null,
            // New cases read the window's close from here, so an extension reaches them too.
            ...(typeof windowClosesAt === 'string' ? { submissionClosesAt: new Date(windowClosesAt) } : {}),
          },
        );
        const { workflowId, runId } = Context.current().info.workflowExecution ?? {};
        await appendAudit(manager, [
          {
            source: 'transition',
            actorId: input.actorId,
            actorRoles: input.actorRoles ?? ['system'],
            action: input.action,
            subjectType: 'program',
            subjectId: input.programId,
            summary: auditSummary({
              stageKey: input.stageKey,
              currentStage: input.currentStage,
              ...input.data,
            }),
            workflowId,
            runId,
            eventKey: `program:${input.programId}:${input.action}:${input.stageKey ?? ''}:${input.occurredAt}`,
            occurredAt: new Date(input.occurredAt),
          },
        ]);
      });
    },

    /** Sends one notice to every open case in a stage. */
    async signalCases({
      programId,
      stageKey,
      notice,
    }: {
      programId: string;
      stageKey: string;
      notice: ProgramNotice;
    }) {
      const cases = await openCasesIn(programId, stageKey);
      return {
        signalled: await signalEach(cases.map((application) => ({ applicationId: application.id, notice }))),
      };
    },

    /**
     * Assigns reviewers from the stage's pool to every case, round-robin in case-id order, so loads differ by
     * at most one and the same cases and pool always give the same assignment.
     */
    async assignReviewers({
      programId,
      stageKey,
      reviewersPerCase,
    }: {
      programId: string;
      stageKey: string;
      reviewersPerCase: number;
      level: string;
    }) {
      const program = await dataSource.getRepository(ProgramEntity).findOneByOrFail({ id: programId });
      const pool = [...(program.settings.reviewerPools?.[stageKey] ?? [])].sort();
      const cases = await openCasesIn(programId, stageKey);
      if (pool.length === 0) return { signalled: 0, unassigned: cases.length };
      const perCase = Math.min(reviewersPerCase, pool.length);
      const notices = cases.map((application, index) => ({
        applicationId: application.id,
        notice: {
          type: 'reviewers_assigned' as const,
          stageKey,
          reviewerIds: Array.from(
            { length: perCase },
            (_, slot) => pool[(index * perCase + slot) % pool.length],
          ),
        },
      }));
      return { signalled: await signalEach(notices), unassigned: 0 };
    },

    /** Ranks the stage's cases on their mean review scores and tells each whether it advances, and why. */
    async rankReviewStage(
      input: StageStep & { rubricId: string; advancement: AdvancementRule; tieBreaks?: TieBreak[] },
    ) {
      const rubric = RUBRIC_PRESETS[input.rubricId];
      const cases = await openCasesIn(input.programId, input.stageKey);
      const reviews = await dataSource
        .getRepository(ReviewEntity)
        .find({ where: { programId: input.programId, stageKey: input.stageKey } });
      const byCase = new Map<string, ReviewEntity[]>();
      for (const review of reviews)
        byCase.set(review.applicationId, [...(byCase.get(review.applicationId) ?? []), review]);
      // Where the panel recorded a consensus score, it decides instead of the reviews it settled.
      for (const [applicationId, caseReviews] of byCase) {
        const consensus = caseReviews.find((review) => review.reviewerId === 'consensus');
        if (consensus) byCase.set(applicationId, [consensus]);
      }
      const reviewed = cases.filter((application) => (byCase.get(application.id) ?? []).length > 0);
      const ranked = rankCases(
        rubric,
        reviewed.map((application) => ({
          summary: aggregateCaseScores({
            rubric,
            caseId: application.id,
            reviews: (byCase.get(application.id) ?? []).map((review) => ({
              reviewId: `${review.applicationId}:${review.reviewerId}`,
              reviewerId: review.reviewerId,
              scores: review.scores,
            })),
          }),
          requestedAmount: application.requestedAmountFen,
          submittedAt: application.submittedAt?.toISOString(),
        })),
        // Disagreement is settled in the cases (consensus or an extra reviewer); here the mean, or the
        // consensus that replaced it, decides.
        { basis: 'mean', holdUnresolvedDisagreement: false, tieBreaks: input.tieBreaks },
      );
      const eligibleCount = ranked.filter((entry) => entry.eligible).length;
      const advances = (entry: (typeof ranked)[number]): boolean => {
        const score = entry.score?.total ?? 0;
        switch (input.advancement.rule) {
          case 'min_score':
            return score >= input.advancement.minScore;
          case 'rubric_thresholds':
            return entry.eligible;
          case 'top_n':
            return entry.eligible && entry.rank <= input.advancement.count;
          case 'top_share':
            return (
              entry.eligible && entry.rank <= Math.floor((eligibleCount * input.advancement.percent) / 100)
            );
        }
      };
      const notices = [
        ...ranked.map((entry) => {
          const advanced = advances(entry);
          const score = entry.score?.total ?? null;
          return {
            applicationId: entry.caseId,
            notice: {
              type: 'stage_outcome' as const,
              stageKey: input.stageKey,
              outcome: advanced ? 'advanced' : 'not_advanced',
              reason: advanced
                ? `排名第 ${entry.rank}，得分 ${score}`
                : `未达晋级条件（排名第 ${entry.rank}，得分 ${score}）`,
              data: { rank: entry.rank, score, reviews: byCase.get(entry.caseId)?.length ?? 0 },
              nextStageDeadline: input.nextStageDeadline,
            },
          };
        }),
        ...cases
          .filter((application) => !byCase.has(application.id))
          .map((application) => ({
            applicationId: application.id,
            notice: {
              type: 'stage_outcome' as const,
              stageKey: input.stageKey,
              outcome: 'not_advanced',
              reason: '评审期内未收到评审意见 / no review was submitted',
              data: { rank: null, score: null, reviews: 0 },
              nextStageDeadline: input.nextStageDeadline,
            },
          })),
      ];
      return { signalled: await signalEach(notices) };
    },

    /** Allocates and tells the cases at once; programs started before award confirmation existed use it. */
    async allocateAwards(input: AllocationStep) {
      const { notices, remainingFen } = await allocate(input);
      return { signalled: await signalEach(notices), remainingFen };
    },

    /**
     * Computes the award proposal and stores it for the coordinators to review and confirm; a retry replaces an
     * unconfirmed proposal with the same one.
     */
    async proposeAwards(input: AllocationStep) {
      const { notices, remainingFen, minimumsUnreachable } = await allocate(input);
      const proposedAt = new Date();
      await dataSource.transaction(async (manager) => {
        await manager.delete(AwardProposalEntity, {
          programId: input.programId,
          stageKey: input.stageKey,
          confirmedAt: IsNull(),
        });
        if (notices.length === 0) return;
        await manager.insert(
          AwardProposalEntity,
          notices.map(({ applicationId, notice }) => ({
            programId: input.programId,
            stageKey: input.stageKey,
            applicationId,
            outcome: notice.outcome as 'awarded' | 'declined',
            tier: 'award' in notice ? notice.award.tier : null,
            amountFen: 'award' in notice ? notice.award.amountFen : null,
            rank: Number(notice.data.rank),
            score: notice.data.score === null ? null : Number(notice.data.score),
            reservePosition: 'reservePosition' in notice.data ? Number(notice.data.reservePosition) : null,
            unfundedReason: 'reason' in notice.data ? notice.data.reason : null,
            reason: notice.reason,
            partial: 'partial' in notice.data ? Boolean(notice.data.partial) : false,
            proposedAt,
          })),
        );
      });
      return {
        proposed: notices.length,
        awarded: notices.filter(({ notice }) => notice.outcome === 'awarded').length,
        remainingFen,
        // Set when the category minimums could not be met and the proposal was made without them.
        minimumsUnreachable,
      };
    },

    /** Tells every case of the confirmed proposal its outcome, and marks the proposal confirmed by whom. */
    async confirmAwards({
      programId,
      stageKey,
      nextStageDeadline,
      confirmedBy,
    }: StageStep & { confirmedBy: string }) {
      const proposals = await dataSource
        .getRepository(AwardProposalEntity)
        .find({ where: { programId, stageKey }, order: { rank: 'ASC' } });
      const notices = proposals.map((proposal) => ({
        applicationId: proposal.applicationId,
        notice: {
          type: 'stage_outcome' as const,
          stageKey,
          nextStageDeadline,
          outcome: proposal.outcome,
          reason: proposal.reason,
          award:
            proposal.tier && proposal.amountFen
              ? { tier: proposal.tier, amountFen: proposal.amountFen }
              : undefined,
          data: {
            rank: proposal.rank,
            score: proposal.score,
            ...(proposal.outcome === 'declined'
              ? {
                  // Proposals stored before the reason had its own column carry it only in the text.
                  reason:
                    proposal.unfundedReason ?? (proposal.reason.startsWith('资助名额') ? 'rank' : 'budget'),
                  reservePosition: proposal.reservePosition,
                }
              : { partial: proposal.partial }),
          },
        },
      }));
      await dataSource
        .getRepository(AwardProposalEntity)
        .update({ programId, stageKey, confirmedAt: IsNull() }, { confirmedAt: new Date(), confirmedBy });
      return { signalled: await signalEach(notices) };
    },

    /**
     * Returns once every case of the stage has taken the program's notice, polling the read model while the
     * cases catch up (they take seconds); still waiting after 20 s it fails and is retried.
     */
    async awaitStageSettled({ programId, stageKey }: { programId: string; stageKey: string }): Promise<void> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const unsettled = await applications
          .createQueryBuilder('application')
          .where('application.program_id = :programId AND application.stage = :stageKey', {
            programId,
            stageKey,
          })
          .andWhere('application.terminal IS NULL AND application.workflow_id IS NOT NULL')
          .andWhere('application.stage_closed = false')
          .getCount();
        if (unsettled === 0) return;
        if (Date.now() > deadline)
          throw new Error(`${unsettled} cases of stage ${stageKey} have not settled yet`);
        heartbeat({ unsettled });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}
