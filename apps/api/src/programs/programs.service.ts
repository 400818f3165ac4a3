import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { In, IsNull, Not, Repository } from 'typeorm';
import type { Environment } from '@grantflow/config';
import {
  PROGRAM_WORKFLOW_TYPE,
  programActionUpdate,
  programWorkflowId,
  type Actor,
  type ProgramActionRequest,
  type ProgramWorkflow,
} from '@grantflow/contracts';
import {
  COMPANY_FUNDED_TEMPLATE_KEY,
  funnelCounts,
  GOVERNMENT_PROCUREMENT_TEMPLATE_KEY,
  PUBLIC_CLAIMING_TEMPLATE_KEY,
  isProgramWide,
  mayAct,
  pickNextRanked,
  PROCESS_TEMPLATES,
  procurementTemplate,
  testSizedTemplate,
  validateTemplate,
  withProgramCategoryQuotas,
  type ClaimingSettings,
  type CompanyFundingSettings,
  type ProcessTemplate,
  type ProcurementSettings,
} from '@grantflow/domain';
import {
  CHINA_OFFICIAL_CALENDAR_YEARS,
  chinaOfficialCalendarData,
} from '@grantflow/domain/calendar/china-official-calendar';
import {
  ApplicationEntity,
  AwardProposalEntity,
  OrganizationEntity,
  ProgramEntity,
  ProgramEventEntity,
} from '@grantflow/db';
import type { TemporalSettings } from '@grantflow/temporal';
import { heldProjectKeys } from '../applications/claim-exclusion';
import { actionRefused, invalidFields, notFound } from '../common/problem';
import { TEMPORAL_CLIENT, TEMPORAL_SETTINGS } from '../temporal/temporal.module';
import type { CreateProgramDto } from './dto/create-program.dto';
import type { CalendarStageView, ProgramStatsView } from './dto/program.view';
import type { PublicProgramView, PublicResultsView } from './dto/public-results.view';
import type { PickNextRankedDto, UpdateProgramDto } from './dto/update-program.dto';

const conflict = (code: string, zh: string, en: string) => actionRefused(HttpStatus.CONFLICT, code, zh, en);
const invalid = (field: string, code: string, zh: string, en: string) =>
  invalidFields([{ field, code, message: { zh, en } }]);

const STATS_TTL_MS = 2000;

/** What a coordinator or department may ask of a program-wide stage. */
export type ProgramStageAction = ProgramActionRequest['action'];

/** Creates, edits and publishes programs, moves their calendar and reads their pipeline. */
@Injectable()
export class ProgramsService {
  private readonly statsCache = new Map<string, { until: number; view: Promise<ProgramStatsView> }>();

  constructor(
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(ProgramEventEntity) private readonly events: Repository<ProgramEventEntity>,
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(AwardProposalEntity) private readonly proposals: Repository<AwardProposalEntity>,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(TEMPORAL_SETTINGS) private readonly settings: TemporalSettings,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async create(input: CreateProgramDto): Promise<ProgramEntity> {
    if (input.testSized && !this.config.get('ALLOW_TEST_SIZED_PROGRAMS')) {
      throw invalid(
        'testSized',
        'not_allowed',
        '本服务器不允许测试时长的项目',
        'This server does not allow test-sized programs',
      );
    }
    const procurement = this.procurementSettings(input);
    const claiming = this.claimingSettings(input);
    const companyFunding = await this.companyFundingSettings(input);
    return this.programs.save(
      this.programs.create({
        name: input.name,
        templateKey: input.templateKey,
        budgetFen: input.budgetFen,
        testSized: input.testSized ?? false,
        submissionClosesAt: input.submissionClosesAt ? new Date(input.submissionClosesAt) : null,
        settings: {
          reviewerPools: {},
          ...(procurement ? { procurement } : {}),
          ...(claiming ? { claiming } : {}),
          ...(companyFunding ? { companyFunding } : {}),
        },
      }),
    );
  }

  // Settings only one template takes: required with it, refused with any other.
  private onlyWith<T>(input: CreateProgramDto, field: 'claiming' | 'companyFunding', templateKey: string) {
    const value = input[field] as T | undefined;
    if (input.templateKey !== templateKey) {
      if (value) {
        throw invalid(
          field,
          'not_allowed',
          `只有「${templateKey}」模板的项目接受此设置`,
          `Only a program of the ${templateKey} template takes these settings`,
        );
      }
      return undefined;
    }
    if (!value) throw invalid(field, 'required', '该模板的项目必须提供此设置', 'Required for this template');
    return value;
  }

  // A public claiming program's list (公开认领): keys unique, the listed budgets within the program's budget.
  private claimingSettings(input: CreateProgramDto): ClaimingSettings | undefined {
    const claiming = this.onlyWith<NonNullable<CreateProgramDto['claiming']>>(
      input,
      'claiming',
      PUBLIC_CLAIMING_TEMPLATE_KEY,
    );
    if (!claiming) return undefined;
    const seen = new Set<string>();
    claiming.projects.forEach((project, index) => {
      if (seen.has(project.key)) {
        throw invalid(
          `claiming.projects.${index}.key`,
          'duplicate',
          `项目编号「${project.key}」重复`,
          `Project key "${project.key}" is listed twice`,
        );
      }
      seen.add(project.key);
    });
    const total = claiming.projects.reduce((sum, project) => sum + project.budgetFen, 0);
    if (total > input.budgetFen) {
      throw invalid(
        'budgetFen',
        'invalid_amount',
        `清单项目经费合计 ${total} 分，超过项目预算`,
        `The listed projects add up to ${total} fen, more than the budget`,
      );
    }
    return {
      mode: claiming.mode,
      projects: claiming.projects.map(({ key, name, budgetFen, area }) => ({
        key,
        name: { zh: name.zh, en: name.en },
        budgetFen,
        ...(area ? { area } : {}),
      })),
    };
  }

  // A company-funded program (企业出资): its funder is an organization of the registry; beneficiaries as a group.
  private async companyFundingSettings(input: CreateProgramDto): Promise<CompanyFundingSettings | undefined> {
    const funding = this.onlyWith<NonNullable<CreateProgramDto['companyFunding']>>(
      input,
      'companyFunding',
      COMPANY_FUNDED_TEMPLATE_KEY,
    );
    if (!funding) return undefined;
    const funder = await this.programs.manager.findOneBy(OrganizationEntity, {
      id: funding.funderOrganizationId,
    });
    if (!funder) {
      throw invalid(
        'companyFunding.funderOrganizationId',
        'unknown',
        '出资方须为已登记的组织',
        'The funder must be an organization of the registry',
      );
    }
    return {
      funderOrganizationId: funding.funderOrganizationId,
      beneficiaries: {
        description: funding.beneficiaries.description,
        count: funding.beneficiaries.count,
      },
    };
  }

  // A purchase of services needs its own settings, checked against the procurement rules and the template
  // validator now, so publishing cannot fail on them later; other templates take none.
  private procurementSettings(input: CreateProgramDto): ProcurementSettings | undefined {
    if (input.templateKey !== GOVERNMENT_PROCUREMENT_TEMPLATE_KEY) {
      if (input.procurement) {
        throw invalid(
          'procurement',
          'not_allowed',
          '只有政府购买服务项目才有采购设置',
          'Only a government purchase of services takes procurement settings',
        );
      }
      return undefined;
    }
    if (!input.procurement) {
      throw invalid(
        'procurement',
        'required',
        '政府购买服务项目须提供采购设置',
        'Procurement settings are required',
      );
    }
    const { method, budgetCeilingFen, priceWeightPercent, minValidBids } = input.procurement;
    const settings: ProcurementSettings = {
      method,
      budgetCeilingFen,
      priceWeightPercent,
      minValidBids,
      tenderPeriodWorkingDays: input.procurement.tenderPeriodWorkingDays,
      confirmationWorkingDays: input.procurement.confirmationWorkingDays,
      committee: { size: input.procurement.committee.size, experts: input.procurement.committee.experts },
      paymentMilestones: input.procurement.paymentMilestones.map((milestone) => ({
        key: milestone.key,
        name: { zh: milestone.name.zh, en: milestone.name.en },
        percent: milestone.percent,
        on:
          milestone.on.event === 'delivery'
            ? { event: 'delivery', reportKey: milestone.on.reportKey as string }
            : { event: 'evaluation', phase: milestone.on.phase as 'midterm' | 'final' },
      })),
    };
    const errors = [...(procurementTemplate(settings).errors ?? [])];
    // The decision awards within the program's budget, which for a purchase is its ceiling.
    if (input.budgetFen !== budgetCeilingFen) {
      errors.push({
        path: 'budgetCeilingFen',
        code: 'invalid_amount',
        message: {
          zh: `项目预算（${input.budgetFen} 分）须等于最高限价`,
          en: `The program budget (${input.budgetFen} fen) must equal the budget ceiling`,
        },
      });
    }
    if (errors.length > 0) {
      throw invalidFields(
        errors.map((error) => ({
          field: `procurement.${error.path}`,
          code: error.code,
          message: error.message,
        })),
      );
    }
    return settings;
  }

  // The template a program runs: a purchase of services' own snapshot, test-sized where asked.
  private programTemplate(program: ProgramEntity): ProcessTemplate {
    const { procurement } = program.settings;
    const base = procurement
      ? procurementTemplate(procurement).template
      : PROCESS_TEMPLATES[program.templateKey];
    if (!base) throw new Error(`program ${program.id}: its procurement settings no longer make a template`);
    return withProgramCategoryQuotas(
      program.testSized ? testSizedTemplate(base) : base,
      program.settings.categoryQuotas,
    );
  }

  list(): Promise<ProgramEntity[]> {
    return this.programs.find({ order: { createdAt: 'DESC' }, take: 100 });
  }

  async get(id: string): Promise<ProgramEntity> {
    const program = await this.programs.findOneBy({ id });
    if (!program) throw notFound({ zh: `项目 ${id} 不存在`, en: `Program ${id} does not exist` });
    return program;
  }

  /** The listed projects a claim already holds, for a public claiming program; undefined for the others. */
  async claimedProjectKeys(program: ProgramEntity): Promise<string[] | undefined> {
    const claiming = program.settings?.claiming;
    return claiming ? heldProjectKeys(this.programs.manager, program.id, claiming.mode) : undefined;
  }

  /** Edits a draft program; a published one has frozen its settings. */
  async update(id: string, input: UpdateProgramDto): Promise<ProgramEntity> {
    const program = await this.get(id);
    if (program.status !== 'draft') {
      throw conflict(
        'already_published',
        '项目已发布，不能再修改设置',
        'The program is published; its settings are frozen',
      );
    }
    const ceiling = program.settings.procurement?.budgetCeilingFen;
    if (ceiling !== undefined && input.budgetFen !== undefined && input.budgetFen !== ceiling) {
      throw invalid(
        'budgetFen',
        'invalid_amount',
        `政府购买服务项目的预算须等于最高限价（${ceiling} 分）`,
        `A purchase of services keeps its budget equal to the budget ceiling (${ceiling} fen)`,
      );
    }
    const template = PROCESS_TEMPLATES[program.templateKey];
    const reviewStages = new Set(
      template.stages.filter((stage) => stage.kind === 'review').map((stage) => stage.key),
    );
    for (const [stageKey, reviewers] of Object.entries(input.reviewerPools ?? {})) {
      if (!reviewStages.has(stageKey)) {
        throw invalid(
          `reviewerPools.${stageKey}`,
          'unknown_stage',
          '不是该模板的评审阶段',
          'is not a review stage of the template',
        );
      }
      if (
        !Array.isArray(reviewers) ||
        reviewers.some((reviewer) => typeof reviewer !== 'string' || !reviewer)
      ) {
        throw invalid(
          `reviewerPools.${stageKey}`,
          'wrong_type',
          '须为评审专家编号列表',
          'must be a list of reviewer ids',
        );
      }
    }
    if (input.categoryQuotas) {
      // The template's own rules for quotas (one per category, minimum within maximum) checked on the copy the
      // program would freeze, and reported against the request's fields.
      const problems = validateTemplate(withProgramCategoryQuotas(template, input.categoryQuotas)).filter(
        (problem) => problem.path.includes('.categoryQuotas'),
      );
      if (problems.length > 0) {
        throw invalidFields(
          problems.map((problem) => ({
            // `stages[4].settings.categoryQuotas[0].minCount` → `categoryQuotas.0.minCount`, as the DTO names it.
            field: `categoryQuotas${problem.path
              .slice(problem.path.indexOf('.categoryQuotas') + '.categoryQuotas'.length)
              .replace(/\[(\d+)\]/g, '.$1')}`,
            code: problem.code,
            message: problem.message,
          })),
        );
      }
    }
    Object.assign(program, {
      name: input.name ?? program.name,
      budgetFen: input.budgetFen ?? program.budgetFen,
      submissionClosesAt: input.submissionClosesAt
        ? new Date(input.submissionClosesAt)
        : program.submissionClosesAt,
      settings: {
        ...program.settings,
        reviewerPools: { ...program.settings.reviewerPools, ...input.reviewerPools },
        ...(input.categoryQuotas
          ? {
              categoryQuotas: input.categoryQuotas.map(({ category, minCount, maxCount, maxAmountFen }) => ({
                category,
                minCount,
                maxCount,
                maxAmountFen,
              })),
            }
          : {}),
      },
    });
    return this.programs.save(program);
  }

  /**
   * Publishes the program: freezes the template and the holiday calendar into it and starts its workflow.
   * Repeating the call on a published program only makes sure the workflow runs, so a retry is safe.
   */
  async publish(id: string): Promise<ProgramEntity> {
    const program = await this.get(id);
    if (program.status === 'draft') {
      if (!program.submissionClosesAt || program.submissionClosesAt.getTime() <= Date.now()) {
        throw invalid(
          'submissionClosesAt',
          'required',
          '须设置晚于现在的申报截止时间',
          'Set a submission deadline in the future first',
        );
      }
      const template = this.programTemplate(program);
      const problems = validateTemplate(template);
      if (problems.length > 0)
        throw new Error(`template ${template.key} is invalid: ${problems[0].path} ${problems[0].code}`);
      // Deadlines of a program fall within about two years of its start; later days count Monday–Friday.
      const year = new Date().getUTCFullYear();
      const firstYear = Math.max(
        CHINA_OFFICIAL_CALENDAR_YEARS.firstYear,
        Math.min(year, CHINA_OFFICIAL_CALENDAR_YEARS.lastYear),
      );
      const lastYear = Math.min(CHINA_OFFICIAL_CALENDAR_YEARS.lastYear, Math.max(firstYear, year + 2));
      const published = await this.programs
        .createQueryBuilder()
        .update(ProgramEntity)
        .set({
          status: 'published',
          templateSnapshot: template as never,
          templateVersion: template.version,
          calendarSnapshot: chinaOfficialCalendarData(firstYear, lastYear) as never,
          publishedAt: new Date(),
          currentStage: template.stages[0].key,
          stageDeadline: program.submissionClosesAt,
        })
        .where('id = :id AND status = :draft', { id, draft: 'draft' })
        .execute();
      if (!published.affected) return this.publish(id);
    }
    await this.temporal.workflow.start<ProgramWorkflow>(PROGRAM_WORKFLOW_TYPE, {
      workflowId: programWorkflowId(id),
      taskQueue: this.settings.taskQueue,
      args: [{ programId: id }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return this.get(id);
  }

  /** Extends or closes the open program-wide stage through the program workflow. */
  async stageAction(
    id: string,
    stageKey: string,
    action: ProgramStageAction,
    actor: Actor,
    { until, reason }: { until?: string; reason?: string },
    idempotencyKey?: string,
  ) {
    const program = await this.get(id);
    if (program.status !== 'published') {
      throw conflict('not_running', '项目未在运行中', 'The program is not running');
    }
    if (action === 'extend_stage' && !until)
      throw invalid('until', 'required', '须提供新的截止时间', 'Give the new deadline');
    await this.temporal.workflow.getHandle(programWorkflowId(id)).executeUpdate(programActionUpdate, {
      args: [{ actor, action, stageKey, until, reason }],
      // The Idempotency-Key becomes the update id, so a retried request acts once.
      updateId: `${action}:${stageKey}:${idempotencyKey ?? randomUUID()}`,
    });
    return this.get(id);
  }

  /**
   * The department confirms the next ranked instead of the recommended award, with its reason (采购人改选排名
   * 第二的候选人): the unconfirmed proposal is rewritten, recorded as a program event, and then confirmed as
   * usual. Whoever the decision stage lets award may do it.
   */
  async pickNextRanked(
    id: string,
    stageKey: string,
    actor: Actor,
    input: PickNextRankedDto,
  ): Promise<AwardProposalEntity[]> {
    const program = await this.get(id);
    const template = program.templateSnapshot;
    const stage = template?.stages.find((candidate) => candidate.key === stageKey);
    if (!template || !stage || stage.kind !== 'decision') {
      throw notFound({ zh: `「${stageKey}」不是决定阶段`, en: `"${stageKey}" is not a decision stage` });
    }
    if (!mayAct(template, stageKey, actor.roles, 'award')) {
      throw actionRefused(
        HttpStatus.FORBIDDEN,
        'role_not_allowed',
        '您的角色不能确定中标（资助）对象',
        'Your role may not decide the award',
      );
    }
    const proposals = await this.proposals.find({
      where: { programId: id, stageKey, confirmedAt: IsNull() },
      order: { rank: 'ASC' },
    });
    if (proposals.length === 0) {
      throw conflict('no_proposal', '没有待确认的方案', 'There is no award proposal awaiting confirmation');
    }
    const requested = new Map(
      (
        await this.applications.find({
          where: { id: In(proposals.map((line) => line.applicationId)) },
          select: { id: true, requestedAmountFen: true },
        })
      ).map((application) => [application.id, application.requestedAmountFen]),
    );
    const result = pickNextRanked(
      proposals.map((line) => ({
        applicationId: line.applicationId,
        outcome: line.outcome,
        tier: line.tier,
        amountFen: line.amountFen,
        rank: line.rank,
        reservePosition: line.reservePosition,
        requestedFen: requested.get(line.applicationId) ?? 0,
        unfundedReason: line.unfundedReason,
        reason: line.reason,
      })),
      {
        reason: input.reason,
        passOverApplicationId: input.passOverApplicationId,
        budgetFen:
          stage.settings.budget.source === 'template' ? stage.settings.budget.totalFen : program.budgetFen,
        tierCapsFen: Object.fromEntries(stage.settings.tiers.map((tier) => [tier.key, tier.maxAwardFen])),
      },
    );
    if ('refusal' in result) {
      const { refusal } = result;
      const status = refusal.kind === 'invalid' ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.CONFLICT;
      throw actionRefused(status, refusal.code, refusal.message.zh, refusal.message.en);
    }
    await this.proposals.manager.transaction(async (manager) => {
      for (const line of result.lines) {
        const changed = await manager.update(
          AwardProposalEntity,
          { programId: id, stageKey, applicationId: line.applicationId, confirmedAt: IsNull() },
          {
            outcome: line.outcome,
            tier: line.tier,
            amountFen: line.amountFen,
            reservePosition: line.reservePosition,
            unfundedReason: line.unfundedReason,
            reason: line.reason,
          },
        );
        // Confirmed meanwhile: the cases already know their outcome, so nothing may change.
        if (!changed.affected) {
          throw conflict(
            'already_confirmed',
            '方案已确认，不能再改选',
            'The proposal was confirmed meanwhile',
          );
        }
      }
      await manager.insert(ProgramEventEntity, {
        programId: id,
        occurredAt: new Date(),
        action: 'award_passed_over',
        stageKey,
        actorId: actor.userId,
        // TypeORM's insert typing cannot express open JSON objects; the column is jsonb.
        data: {
          reason: input.reason,
          lines: result.lines.map((line) => [line.applicationId, line.outcome]),
        } as never,
      });
    });
    return this.awardProposal(id, stageKey);
  }

  /** The award proposal of a decision stage, in rank order: awards, then the reserve list with reasons. */
  async awardProposal(id: string, stageKey: string): Promise<AwardProposalEntity[]> {
    await this.get(id);
    return this.proposals.find({ where: { programId: id, stageKey }, order: { rank: 'ASC' } });
  }

  /** Programs the public may see: every published one, newest first. */
  async publicPrograms(): Promise<PublicProgramView[]> {
    const programs = await this.programs.find({
      where: { status: Not('draft') },
      order: { createdAt: 'DESC' },
    });
    return programs.map((program) => publicProgram(program));
  }

  /**
   * The results a program has published (公示): the confirmed lines of its award proposals, with the project
   * and organization names; nothing before the coordinators confirm.
   */
  async publicResults(id: string): Promise<PublicResultsView> {
    const program = await this.get(id);
    if (program.status === 'draft')
      throw notFound({ zh: `项目 ${id} 不存在`, en: `Program ${id} does not exist` });
    const lines = await this.proposals.find({
      where: { programId: id, confirmedAt: Not(IsNull()) },
      order: { stageKey: 'ASC', rank: 'ASC' },
    });
    const applications = lines.length
      ? await this.applications.find({ where: { id: In(lines.map((line) => line.applicationId)) } })
      : [];
    const organizationIds = [...new Set(applications.map((application) => application.organizationId))];
    const organizations = organizationIds.length
      ? await this.applications.manager.find(OrganizationEntity, { where: { id: In(organizationIds) } })
      : [];
    const byId = new Map(applications.map((application) => [application.id, application]));
    const names = new Map(organizations.map((organization) => [organization.id, organization.name]));
    const notice = (await this.calendar(id)).find((stage) => stage.kind === 'public_notice');
    return {
      program: publicProgram(program),
      noticeOpen: notice?.status === 'open',
      noticeDeadline: notice?.deadline ?? null,
      results: lines.map((line) => {
        const application = byId.get(line.applicationId);
        return {
          applicationId: line.applicationId,
          rank: line.rank,
          title: application?.title ?? '',
          organizationName: (application && names.get(application.organizationId)) ?? '',
          street: application?.street ?? '',
          category: application?.category ?? '',
          outcome: line.outcome,
          tier: line.tier,
          amountFen: line.amountFen,
          reservePosition: line.reservePosition,
        };
      }),
    };
  }

  /** What the program recorded, oldest first: its calendar and what its batch steps found. */
  async timeline(id: string): Promise<ProgramEventEntity[]> {
    await this.get(id);
    return this.events.find({ where: { programId: id }, order: { occurredAt: 'ASC', action: 'ASC' } });
  }

  /** The program's stages with their dates: past ones closed, the open one with its deadline. */
  async calendar(id: string): Promise<CalendarStageView[]> {
    const program = await this.get(id);
    const template = program.templateSnapshot ?? PROCESS_TEMPLATES[program.templateKey];
    const events = await this.events.find({ where: { programId: id }, order: { occurredAt: 'ASC' } });
    const last = (stageKey: string, action: string) =>
      events.filter((event) => event.stageKey === stageKey && event.action === action).at(-1);
    return template.stages.map((stage) => {
      const opened = last(stage.key, 'stage_opened');
      const closed = last(stage.key, 'stage_closed');
      const programWide = isProgramWide(stage);
      const open = program.currentStage === stage.key && program.status === 'published';
      return {
        key: stage.key,
        kind: stage.kind,
        nameZh: stage.name.zh,
        nameEn: stage.name.en,
        programWide,
        status: !programWide ? 'per_case' : closed ? 'closed' : open ? 'open' : 'upcoming',
        openedAt: opened?.occurredAt.toISOString() ?? null,
        deadline: open
          ? (program.stageDeadline?.toISOString() ?? null)
          : ((opened?.data.deadline as string | undefined) ?? null),
        closedAt: closed?.occurredAt.toISOString() ?? null,
      };
    });
  }

  /** Counts of the program's applications by stage, category and street, and the amount awarded. */
  /** The program's counts; `street` limits them to one street (street staff see only their own). */
  async stats(id: string, street?: string): Promise<ProgramStatsView> {
    // Dashboards poll these counts while the engine works; one aggregation per program (and street) every two
    // seconds serves them all, at the price of counts up to two seconds old.
    const key = street === undefined ? id : `${id}:${street}`;
    const cached = this.statsCache.get(key);
    if (cached && cached.until > Date.now()) return cached.view;
    const pending = this.computeStats(id, street);
    this.statsCache.set(key, { until: Date.now() + STATS_TTL_MS, view: pending });
    pending.catch(() => this.statsCache.delete(key));
    return pending;
  }

  private async computeStats(id: string, street: string | undefined): Promise<ProgramStatsView> {
    const program = await this.get(id);
    const rows = (await this.applications.query(
      `SELECT stage, category, street, count(*)::int AS count, coalesce(sum(awarded_fen), 0)::bigint AS awarded,
              coalesce(sum(requested_amount_fen), 0)::bigint AS requested
         FROM applications WHERE program_id = $1 AND ($2::text IS NULL OR street = $2)
        GROUP BY GROUPING SETS ((stage), (category), (street), ())`,
      [id, street ?? null],
    )) as {
      stage: string | null;
      category: string | null;
      street: string | null;
      count: number;
      awarded: string;
      requested: string;
    }[];
    const view: ProgramStatsView = {
      total: 0,
      byStage: {},
      byCategory: {},
      byStreet: {},
      awardedFen: 0,
      requestedFen: 0,
      funnel: { applied: 0, eligible: 0, shortlisted: 0, funded: 0 },
    };
    for (const row of rows) {
      if (row.stage) view.byStage[row.stage] = row.count;
      else if (row.category) view.byCategory[row.category] = row.count;
      else if (row.street) view.byStreet[row.street] = row.count;
      else {
        view.total = row.count;
        view.awardedFen = Number(row.awarded);
        view.requestedFen = Number(row.requested);
      }
    }
    view.funnel = funnelCounts(
      view.byStage,
      program.templateSnapshot ?? PROCESS_TEMPLATES[program.templateKey],
    );
    return view;
  }
}

function publicProgram(program: ProgramEntity): PublicProgramView {
  return {
    id: program.id,
    name: program.name,
    budgetFen: program.budgetFen,
    status: program.status,
    publishedAt: program.publishedAt?.toISOString() ?? null,
  };
}
