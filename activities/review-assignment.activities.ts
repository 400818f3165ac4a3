import type { Client } from '@temporalio/client';
import { Brackets, In, type DataSource } from 'typeorm';
import {
  affinityForCategory,
  solveAssignment,
  type AssignmentCase,
  type AssignmentInfeasibility,
  type AssignmentReviewer,
  type ReviewerLevel,
} from '@grantflow/domain/review/assignment';
import {
  ApplicationEntity,
  ExpertConflictEntity,
  ExpertEntity,
  ProgramEntity,
  ProgramEventEntity,
} from '@grantflow/db';
import { signalInSlices } from './signal-cases';

/** Dependencies of the review assignment activities: the read model, and a client to signal case workflows. */
export interface ReviewAssignmentDependencies {
  dataSource: DataSource;
  temporal: Client;
}

/** Input of a review stage's assignment round. */
export interface AssignStageReviewersInput {
  programId: string;
  stageKey: string;
  /** Panel size of every case (the stage's `reviewersPerCase`). */
  reviewersPerCase: number;
  /** The stage's level: its experts form the panels. */
  level: ReviewerLevel;
  /** Every panel includes a district-level expert; district experts then join a street round's candidates. */
  atLeastOneDistrictExpert?: boolean;
}

/** Why a round has no assignment: the solver's figures, plus the pool's unknown ids and a sentence for people. */
export interface InfeasibleAssignment extends AssignmentInfeasibility {
  /** Cases in the round and candidate experts the solver saw. */
  cases: number;
  experts: number;
  /** Ids the program's pool for this stage names that the expert registry does not know. */
  unknownPoolIds: string[];
  message: { zh: string; en: string };
}

/** Outcome of a round: every open case got its panel, or nobody did and the numbers say why. */
export type AssignStageReviewersResult =
  { assigned: number; totalAffinity: number } | { assigned: 0; infeasible: InfeasibleAssignment };

/** Input of the search for one alternate reviewer of one case. */
export interface FindAlternateReviewerInput {
  programId: string;
  applicationId: string;
  stageKey: string;
  /** Reviewers who may not be chosen (who recused or let the review expire); the case's panel is added. */
  excluding: string[];
  level: ReviewerLevel;
}

/** The alternate chosen, or none and why (zh / en, for the coordinator who then assigns by hand). */
export type FindAlternateReviewerResult = { reviewerId: string } | { reviewerId: null; reason: string };

// Lists in the result a workflow records stay short; the program event keeps the whole explanation.
const LISTED_IN_RESULT = 20;

const LEVEL_NAME: Record<ReviewerLevel, { zh: string; en: string }> = {
  street: { zh: '街道级', en: 'street-level' },
  district: { zh: '区级', en: 'district-level' },
};

interface Candidates {
  experts: ExpertEntity[];
  unknownPoolIds: string[];
}

/**
 * Activities that give review panels to a stage's cases from the expert registry (optimally, by the exact
 * min-cost-flow solver) and find an alternate when a reviewer drops out of one case.
 */
export function createReviewAssignmentActivities({ dataSource, temporal }: ReviewAssignmentDependencies) {
  const applications = dataSource.getRepository(ApplicationEntity);
  const expertRepository = dataSource.getRepository(ExpertEntity);
  const conflictRepository = dataSource.getRepository(ExpertConflictEntity);

  // Experts of the levels asked for; when the program names a pool for the stage, only those in it.
  async function candidates(
    programId: string,
    stageKey: string,
    levels: ReviewerLevel[],
  ): Promise<Candidates> {
    const program = await dataSource.getRepository(ProgramEntity).findOneByOrFail({ id: programId });
    const pool = program.settings?.reviewerPools?.[stageKey] ?? [];
    const query = expertRepository
      .createQueryBuilder('expert')
      .where('expert.level IN (:...levels)', { levels })
      .orderBy('expert.id');
    if (pool.length > 0) query.andWhere('expert.id IN (:...pool)', { pool });
    const experts = await query.getMany();
    const known = new Set(
      pool.length > 0 ? (await expertRepository.findBy({ id: In(pool) })).map((expert) => expert.id) : [],
    );
    return { experts, unknownPoolIds: [...new Set(pool)].filter((id) => !known.has(id)).sort() };
  }

  /**
   * How many distinct cases of the program each expert reviewed (reviews rows) or is assigned to now (the
   * panels of open cases as last projected). A round leaves its own cases' current panels out, so running it
   * again after a crash recomputes the same panels instead of counting them twice.
   */
  async function loadsInProgram(
    programId: string,
    round: { stageKey: string; applicationIds: string[] } = { stageKey: '', applicationIds: [] },
  ): Promise<Map<string, number>> {
    const rows = await dataSource.query<{ reviewer_id: string; load: number }[]>(
      `SELECT reviewer_id, COUNT(DISTINCT application_id)::int AS load
         FROM (
           SELECT reviewer_id, application_id FROM reviews
            WHERE program_id = $1 AND NOT (stage_key = $2 AND application_id = ANY($3::uuid[]))
           UNION ALL
           SELECT assigned.reviewer_id, a.id
             FROM applications a
            CROSS JOIN LATERAL jsonb_array_elements_text(
                   CASE WHEN jsonb_typeof(a.case_state -> 'reviewers') = 'array'
                        THEN a.case_state -> 'reviewers' ELSE '[]'::jsonb END
                 ) AS assigned(reviewer_id)
            WHERE a.program_id = $1 AND a.terminal IS NULL
              AND NOT (a.stage = $2 AND a.id = ANY($3::uuid[]))
         ) used
        GROUP BY reviewer_id`,
      [programId, round.stageKey, round.applicationIds],
    );
    return new Map(rows.map((row) => [row.reviewer_id, row.load]));
  }

  // Declarations that can matter in this program: its own (program and case scope) and organization ones.
  const conflictsOf = (programId: string, expertIds: string[]) =>
    expertIds.length === 0
      ? Promise.resolve([])
      : conflictRepository
          .createQueryBuilder('conflict')
          .where('conflict.expert_id IN (:...expertIds)', { expertIds })
          .andWhere(
            new Brackets((where) =>
              where
                .where('conflict.program_id = :programId', { programId })
                .orWhere("conflict.scope = 'organization'"),
            ),
          )
          .getMany();

  async function recordInfeasible(input: AssignStageReviewersInput, explanation: InfeasibleAssignment) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(ProgramEventEntity)
      .values({
        programId: input.programId,
        occurredAt: new Date(),
        action: 'assignment_infeasible',
        stageKey: input.stageKey,
        actorId: 'program',
        // TypeORM's insert typing cannot express open JSON objects; the column is jsonb.
        data: {
          reviewersPerCase: input.reviewersPerCase,
          level: input.level,
          atLeastOneDistrictExpert: input.atLeastOneDistrictExpert ?? false,
          explanation,
        } as never,
      })
      .orIgnore()
      .execute();
  }

  return {
    /**
     * Gives every open case of a review stage its panel from the expert registry: the optimal assignment for
     * expertise affinity that honours panel size, each expert's remaining maximum and minimum load in the
     * program, declared and derived conflicts and, if asked, a district expert on every panel. The same round
     * always gets the same panels. When none exists nothing is assigned: the explanation in numbers is
     * returned and recorded as the program event `assignment_infeasible` for the coordinators.
     */
    async assignStageReviewers(input: AssignStageReviewersInput): Promise<AssignStageReviewersResult> {
      const { programId, stageKey, reviewersPerCase } = input;
      const cases = await applications
        .createQueryBuilder('application')
        .select([
          'application.id',
          'application.category',
          'application.street',
          'application.organizationId',
        ])
        .where('application.program_id = :programId AND application.stage = :stageKey', {
          programId,
          stageKey,
        })
        .andWhere('application.terminal IS NULL AND application.workflow_id IS NOT NULL')
        .orderBy('application.id')
        .getMany();
      if (cases.length === 0) return { assigned: 0, totalAffinity: 0 };

      const levels: ReviewerLevel[] = input.atLeastOneDistrictExpert
        ? [...new Set<ReviewerLevel>([input.level, 'district'])]
        : [input.level];
      const { experts: registered, unknownPoolIds } = await candidates(programId, stageKey, levels);
      const available = registered.filter((expert) => expert.available);
      const caseIds = new Set(cases.map((application) => application.id));
      const conflicts = await conflictsOf(
        programId,
        available.map((expert) => expert.id),
      );
      const outOfProgram = new Set(
        conflicts.filter((conflict) => conflict.scope === 'program').map((conflict) => conflict.expertId),
      );
      const experts = available.filter((expert) => !outOfProgram.has(expert.id));
      const loads = await loadsInProgram(programId, { stageKey, applicationIds: [...caseIds] });

      const result = solveAssignment({
        cases: cases.map((application): AssignmentCase => ({
          id: application.id,
          category: application.category,
          street: application.street,
          organizationId: application.organizationId,
        })),
        reviewers: experts.map((expert): AssignmentReviewer => {
          const used = loads.get(expert.id) ?? 0;
          const maxLoad = Math.max(0, expert.maxLoadPerProgram - used);
          return {
            id: expert.id,
            expertise: expert.expertise,
            organizationId: expert.affiliationOrganizationId ?? undefined,
            level: expert.level,
            maxLoad,
            // A minimum is for the whole program: what earlier rounds gave counts towards it.
            minLoad: Math.min(maxLoad, Math.max(0, expert.minLoadPerProgram - used)),
            available: true,
          };
        }),
        reviewersPerCase,
        caseConflicts: conflicts
          .filter((conflict) => conflict.scope === 'case' && caseIds.has(conflict.applicationId ?? ''))
          .map((conflict) => ({ reviewerId: conflict.expertId, caseId: conflict.applicationId as string })),
        organizationConflicts: conflicts
          .filter((conflict) => conflict.scope === 'organization')
          .map((conflict) => ({
            reviewerId: conflict.expertId,
            organizationId: conflict.organizationId as string,
          })),
        atLeastOneDistrictExpertPerCase: input.atLeastOneDistrictExpert ?? false,
      });

      if (result.status === 'infeasible') {
        const explanation: InfeasibleAssignment = {
          ...result.explanation,
          cases: cases.length,
          experts: experts.length,
          unknownPoolIds,
          message: describeInfeasibility(result.explanation, {
            cases: cases.length,
            experts: experts.length,
            reviewersPerCase,
            unknownPoolIds,
          }),
        };
        await recordInfeasible(input, explanation);
        return { assigned: 0, infeasible: shortened(explanation) };
      }

      const assigned = await signalInSlices(
        temporal,
        result.panels.map((panel) => ({
          applicationId: panel.caseId,
          notice: { type: 'reviewers_assigned' as const, stageKey, reviewerIds: [...panel.reviewerIds] },
        })),
      );
      return { assigned, totalAffinity: result.totalAffinity };
    },

    /**
     * Finds one alternate reviewer for a case whose reviewer recused or let the review expire: among the
     * available experts of the level (and the stage's pool) who are not excluded, not on the case's panel,
     * free of conflicts with it and below their maximum load, the best expertise match, then the lowest
     * load in the program, then the lowest id, so the same situation always gives the same alternate.
     */
    async findAlternateReviewer(input: FindAlternateReviewerInput): Promise<FindAlternateReviewerResult> {
      const application = await applications.findOne({
        where: { id: input.applicationId, programId: input.programId },
        select: { id: true, category: true, organizationId: true, caseState: true },
      });
      if (!application) {
        return {
          reviewerId: null,
          reason: `申请 ${input.applicationId} 不属于该项目 / the case is not part of program ${input.programId}`,
        };
      }
      const { experts, unknownPoolIds } = await candidates(input.programId, input.stageKey, [input.level]);
      // Anyone who ever sat on this case's panel in this stage is left out, whatever the caller passed.
      const excluded = new Set([
        ...input.excluding,
        ...(application.caseState?.reviewers ?? []),
        ...(application.caseState?.reviewAssignments ?? []).map((assignment) => assignment.reviewerId),
      ]);
      const conflicts = await conflictsOf(
        input.programId,
        experts.map((expert) => expert.id),
      );
      const conflicted = new Set(
        conflicts
          .filter(
            (conflict) =>
              conflict.scope === 'program' ||
              (conflict.scope === 'case' && conflict.applicationId === application.id) ||
              (conflict.scope === 'organization' && conflict.organizationId === application.organizationId),
          )
          .map((conflict) => conflict.expertId),
      );
      const loads = await loadsInProgram(input.programId);

      // Each expert left out is counted once, under the first reason that applies.
      const counts = { unavailable: 0, excluded: 0, conflicted: 0, full: 0 };
      const eligible = experts.filter((expert) => {
        const reason = !expert.available
          ? 'unavailable'
          : excluded.has(expert.id)
            ? 'excluded'
            : conflicted.has(expert.id) || expert.affiliationOrganizationId === application.organizationId
              ? 'conflicted'
              : (loads.get(expert.id) ?? 0) >= expert.maxLoadPerProgram
                ? 'full'
                : null;
        if (reason) counts[reason] += 1;
        return reason === null;
      });
      const score = (expert: ExpertEntity) =>
        affinityForCategory(
          { ...expert, maxLoad: expert.maxLoadPerProgram, available: true },
          application.category,
        );
      const [best] = eligible
        .map((expert) => ({ expert, affinity: score(expert), load: loads.get(expert.id) ?? 0 }))
        .sort(
          (left, right) =>
            right.affinity - left.affinity ||
            left.load - right.load ||
            (left.expert.id < right.expert.id ? -1 : 1),
        );
      if (best) return { reviewerId: best.expert.id };

      const level = LEVEL_NAME[input.level];
      const unknown = unknownPoolIds.length;
      return {
        reviewerId: null,
        reason:
          `没有可替补的${level.zh}专家：候选 ${experts.length} 人，其中不可用 ${counts.unavailable}、` +
          `已排除 ${counts.excluded}、需回避 ${counts.conflicted}、已达评审上限 ${counts.full}` +
          (unknown > 0 ? `；评审库中 ${unknown} 个编号未登记为专家` : '') +
          ` / no alternate ${level.en} expert: ${experts.length} candidates, ${counts.unavailable} unavailable, ` +
          `${counts.excluded} excluded, ${counts.conflicted} in conflict, ${counts.full} at their maximum load` +
          (unknown > 0 ? `; ${unknown} pool ids are not registered experts` : ''),
      };
    },
  };
}

interface RoundFigures {
  cases: number;
  experts: number;
  reviewersPerCase: number;
  unknownPoolIds: string[];
}

// Says in both languages, with the solver's numbers, why a round has no assignment.
function describeInfeasibility(
  explanation: AssignmentInfeasibility,
  round: RoundFigures,
): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  const say = (chinese: string, english: string) => {
    zh.push(chinese);
    en.push(english);
  };
  const k = round.reviewersPerCase;
  for (const reason of explanation.reasons) {
    switch (reason) {
      case 'demand_exceeds_capacity':
        say(
          `需要 ${explanation.demand} 人次评审（${round.cases} 件 × 每件 ${k} 人），${round.experts} 位可用专家的剩余评审上限合计仅 ${explanation.capacity} 人次`,
          `${explanation.demand} reviews are needed (${round.cases} cases × ${k}) but the ${round.experts} available experts can take ${explanation.capacity} more in all`,
        );
        break;
      case 'minimum_loads_exceed_demand':
        say(
          `专家最低评审量合计 ${explanation.minimumLoadTotal} 人次，超过本轮需求 ${explanation.demand} 人次`,
          `the experts' minimum loads add up to ${explanation.minimumLoadTotal}, more than the ${explanation.demand} reviews of this round`,
        );
        break;
      case 'district_demand_exceeds_capacity':
        say(
          `${explanation.districtDemand} 件申请各需一位区级专家，区级专家剩余评审上限合计仅 ${explanation.districtCapacity} 人次`,
          `${explanation.districtDemand} cases each need a district-level expert but those experts can take ${explanation.districtCapacity} more in all`,
        );
        break;
      case 'case_short_of_reviewers': {
        const [first] = explanation.casesShortOfReviewers;
        const count = explanation.casesShortOfReviewers.length;
        say(
          `${count} 件申请无需回避的可用专家少于 ${k} 人（如 ${first.caseId} 仅 ${first.eligibleReviewers} 人）`,
          `${count} cases have fewer than ${k} available experts free of conflicts (e.g. ${first.caseId} has ${first.eligibleReviewers})`,
        );
        break;
      }
      case 'case_without_district_expert': {
        const cases = explanation.casesWithoutDistrictExpert;
        say(
          `${cases.length} 件申请没有无需回避的可用区级专家（如 ${cases[0]}）`,
          `${cases.length} cases have no available district-level expert free of conflicts (e.g. ${cases[0]})`,
        );
        break;
      }
      case 'reviewer_short_of_cases': {
        const [first] = explanation.reviewersShortOfCases;
        const count = explanation.reviewersShortOfCases.length;
        say(
          `${count} 位专家的最低评审量超过其可评申请数（如 ${first.reviewerId} 最低 ${first.minLoad} 件，可评 ${first.eligibleCases} 件）`,
          `${count} experts have a minimum load above the cases they may review (e.g. ${first.reviewerId}: minimum ${first.minLoad}, eligible ${first.eligibleCases})`,
        );
        break;
      }
      case 'deficient_set': {
        const set = explanation.deficientSet;
        if (!set) break;
        if (set.kind === 'cases_short_of_reviews')
          say(
            `${set.caseIds.length} 件申请合计需要 ${set.required} 人次评审，能评审它们的专家最多只能提供 ${set.available} 人次`,
            `${set.caseIds.length} cases need ${set.required} reviews together but the experts who may review them can give at most ${set.available}`,
          );
        else
          say(
            `${set.reviewerIds.length} 位专家的最低评审量合计 ${set.required} 人次，但最多只能为他们安排 ${set.available} 人次`,
            `${set.reviewerIds.length} experts must be given ${set.required} reviews together but at most ${set.available} can reach them`,
          );
        break;
      }
    }
  }
  if (round.unknownPoolIds.length > 0)
    say(
      `本阶段评审库中有 ${round.unknownPoolIds.length} 个编号未登记为专家（${round.unknownPoolIds.join('、')}）`,
      `the stage's pool names ${round.unknownPoolIds.length} ids that are not registered experts (${round.unknownPoolIds.join(', ')})`,
    );
  return {
    zh: `无法分配评审专家：${zh.join('；')}。`,
    en: `No reviewer assignment exists: ${en.join('; ')}.`,
  };
}

// The explanation with its lists cut short, for the workflow's history.
function shortened(explanation: InfeasibleAssignment): InfeasibleAssignment {
  return {
    ...explanation,
    casesShortOfReviewers: explanation.casesShortOfReviewers.slice(0, LISTED_IN_RESULT),
    casesWithoutDistrictExpert: explanation.casesWithoutDistrictExpert.slice(0, LISTED_IN_RESULT),
    reviewersShortOfCases: explanation.reviewersShortOfCases.slice(0, LISTED_IN_RESULT),
    unknownPoolIds: explanation.unknownPoolIds.slice(0, LISTED_IN_RESULT),
    deficientSet: explanation.deficientSet && {
      ...explanation.deficientSet,
      caseIds: explanation.deficientSet.caseIds.slice(0, LISTED_IN_RESULT),
      districtSeatCaseIds: explanation.deficientSet.districtSeatCaseIds.slice(0, LISTED_IN_RESULT),
      reviewerIds: explanation.deficientSet.reviewerIds.slice(0, LISTED_IN_RESULT),
    },
  };
}
