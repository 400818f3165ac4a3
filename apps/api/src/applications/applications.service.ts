import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  In,
  IsNull,
  LessThan,
  Not,
  Repository,
  type FindOptionsOrder,
  type FindOptionsSelect,
  type FindOptionsWhere,
} from 'typeorm';
import {
  CASE_WORKFLOW_TYPE,
  caseActionUpdate,
  caseWorkflowId,
  CategoryAttribute,
  OrganizationIdAttribute,
  ProgramIdAttribute,
  StageAttribute,
  StreetAttribute,
  TemplateAttribute,
  type Actor,
  type CaseWorkflow,
} from '@grantflow/contracts';
import {
  attachedFiles,
  chinaLocalDate,
  PROCESS_TEMPLATES,
  sealedReadRefusal,
  STAGE_ACTIONS,
  validateFormValues,
  type CaseActionInput,
  type ClaimingSettings,
  type FormCheckMode,
  type ProcessTemplate,
  type StageAction,
} from '@grantflow/domain';
import {
  ApplicationEntity,
  CaseTransitionEntity,
  DocumentEntity,
  OrganizationEntity,
  ProgramEntity,
} from '@grantflow/db';
import type { TemporalSettings } from '@grantflow/temporal';
import {
  actionRefused as refused,
  invalidFields as invalid,
  notFound,
  type FieldProblem,
} from '../common/problem';
import { caseVisibility, streetRestriction, type CaseVisibility } from '../auth/access-rules';
import { TEMPORAL_CLIENT, TEMPORAL_SETTINGS } from '../temporal/temporal.module';
import type { ApplicationListQueryDto } from '../programs/dto/application-list-query.dto';
import { OrganizationsService } from '../organizations/organizations.service';
import { listedProjectOf, refuseIfClaimed, withClaimLock } from './claim-exclusion';
import type { CaseActionDto } from './dto/case-action.dto';
import { DeliveryView } from './dto/delivery.view';
import type { CreateApplicationDto } from './dto/create-application.dto';
import type { UpdateApplicationDto } from './dto/update-application.dto';

/**
 * The HTTP Idempotency-Key becomes the Temporal update id, so a retried request is answered with the first
 * result instead of acting twice. Without a key every request is a new action.
 */
function updateIdFor(action: string, idempotencyKey: string | undefined): string {
  return `${action}:${idempotencyKey ?? randomUUID()}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const APPLICATION_COLUMNS: FindOptionsSelect<ApplicationEntity> = {
  id: true,
  programId: true,
  organizationId: true,
  title: true,
  category: true,
  street: true,
  requestedAmountFen: true,
  form: true,
  revision: true,
  stage: true,
  phase: true,
  terminal: true,
  stageClosed: true,
  nextDeadlineAt: true,
  awardTier: true,
  awardedFen: true,
  workflowId: true,
  lastTransitionSequence: true,
  submittedAt: true,
  createdAt: true,
  updatedAt: true,
};

/** Drafts applications in Postgres and drives their case workflows in Temporal; reads come from Postgres. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(CaseTransitionEntity) private readonly transitions: Repository<CaseTransitionEntity>,
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
    private readonly organizationProfiles: OrganizationsService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(TEMPORAL_SETTINGS) private readonly settings: TemporalSettings,
  ) {}

  private checkForm(
    template: ProcessTemplate | null,
    form: Record<string, unknown>,
    mode: FormCheckMode,
  ): void {
    if (!template) return;
    const errors = validateFormValues(template.form, form, mode);
    if (errors.length > 0) {
      throw invalid(
        errors.map((error) => ({ field: `form.${error.path}`, code: error.code, message: error.message })),
      );
    }
  }

  /**
   * Attached files must be documents the applying organization uploaded (POST /organizations/{id}/documents).
   * Their names come from the store, so a form can neither point at another organization's file nor rename one.
   */
  private async withStoredAttachments(
    template: ProcessTemplate | null,
    form: Record<string, unknown>,
    organizationId: string,
  ): Promise<Record<string, unknown>> {
    const attached = template ? attachedFiles(template.form, form) : [];
    if (attached.length === 0) return form;
    const ids = [...new Set(attached.map(({ file }) => file.id).filter((id) => UUID.test(id)))];
    const stored = await this.documents.find({
      where: { id: In(ids), organizationId },
      select: { id: true, fileName: true },
    });
    const names = new Map(stored.map((document) => [document.id, document.fileName]));
    const unknown = attached.filter(({ file }) => !names.has(file.id));
    if (unknown.length > 0) {
      throw invalid(
        unknown.map(({ path }) => ({
          field: `form.${path}`,
          code: 'unknown_document',
          message: {
            zh: '附件不存在或不属于本组织，请重新上传',
            en: 'No such file uploaded by this organization; upload it again',
          },
        })),
      );
    }
    const withNames = { ...form };
    for (const key of new Set(attached.map(({ path }) => path.slice(0, path.indexOf('['))))) {
      withNames[key] = (form[key] as { id: string }[]).map(({ id }) => ({ id, fileName: names.get(id)! }));
    }
    return withNames;
  }

  // A claim (公开认领) names a project of the program's list and asks for exactly its published budget.
  private checkClaim(
    claiming: ClaimingSettings | undefined,
    form: Record<string, unknown>,
    requestedAmountFen: number,
  ): void {
    if (!claiming) return;
    const project = listedProjectOf(claiming, form);
    if (!project) {
      throw invalid([
        {
          field: 'form.listedProject',
          code: 'unknown',
          message: { zh: '不是本项目清单上的项目', en: 'is not a project on the program’s list' },
        },
      ]);
    }
    if (requestedAmountFen !== project.budgetFen) {
      throw invalid([
        {
          field: 'requestedAmountFen',
          code: 'invalid_amount',
          message: {
            zh: `须等于所认领项目的经费 ${project.budgetFen} 分`,
            en: `must equal the claimed project’s budget of ${project.budgetFen} fen`,
          },
        },
      ]);
    }
  }

  private windowOpen(program: ProgramEntity): boolean {
    return (
      program.status === 'published' &&
      !!program.submissionClosesAt &&
      program.submissionClosesAt.getTime() > Date.now()
    );
  }

  /** Creates a draft in an open call; nothing is started in Temporal until the applicant submits. */
  async createDraft(input: CreateApplicationDto, actor: Actor): Promise<ApplicationEntity> {
    if (actor.organizationId !== input.organizationId) {
      throw refused(
        HttpStatus.FORBIDDEN,
        'not_your_organization',
        '只能以您所属的组织名义申报（请求头 X-Organization-Id）',
        'Apply only for an organization you are a member of (the X-Organization-Id header)',
      );
    }
    const [program, organization] = await Promise.all([
      this.programs.findOneBy({ id: input.programId }),
      this.organizations.findOneBy({ id: input.organizationId }),
    ]);
    const missing: FieldProblem[] = [];
    if (!program)
      missing.push({
        field: 'programId',
        code: 'unknown',
        message: { zh: '项目不存在', en: 'no such program' },
      });
    if (!organization) {
      missing.push({
        field: 'organizationId',
        code: 'unknown',
        message: { zh: '组织不存在', en: 'no such organization' },
      });
    }
    if (missing.length > 0 || !program) throw invalid(missing);
    if (!this.windowOpen(program)) {
      throw refused(
        HttpStatus.CONFLICT,
        'call_not_open',
        '该项目当前不在申报期内',
        'The program is not taking applications now',
      );
    }
    this.checkForm(program.templateSnapshot, input.form ?? {}, 'draft');
    this.checkClaim(program.settings?.claiming, input.form ?? {}, input.requestedAmountFen);
    const form = await this.withStoredAttachments(
      program.templateSnapshot,
      input.form ?? {},
      input.organizationId,
    );
    return this.applications.save(
      this.applications.create({
        programId: input.programId,
        organizationId: input.organizationId,
        title: input.title,
        category: input.category,
        street: input.street,
        requestedAmountFen: input.requestedAmountFen,
        form,
      }),
    );
  }

  /**
   * A provider graded 不合格 is barred from the next year's purchases of services (DOMAIN.md): its bids are refused
   * at submission that year, before anyone spends time qualifying them.
   */
  private async refuseIfBarred(organizationId: string): Promise<void> {
    const barredYear = await this.organizationProfiles.barredForYear(organizationId);
    const thisYear = Number(chinaLocalDate(new Date()).slice(0, 4));
    if (barredYear === thisYear) {
      throw refused(
        HttpStatus.CONFLICT,
        'provider_barred',
        `贵单位因上一年度绩效评估不合格，${thisYear}年内不得参加政府购买服务`,
        `Your organization failed last year's performance evaluation and may not bid in ${thisYear}`,
      );
    }
  }

  /** Edits a draft, or an application returned for revision (the edit becomes the next revision). */
  async update(id: string, actor: Actor, input: UpdateApplicationDto): Promise<ApplicationEntity> {
    const application = await this.get(id);
    if (actor.organizationId !== application.organizationId) {
      throw refused(
        HttpStatus.FORBIDDEN,
        'not_applicant',
        '只有申报单位本身可以修改此申请',
        'Only the applying organization can edit this application',
      );
    }
    const editable = application.phase === 'draft' || application.phase === 'revision_requested';
    if (!editable) {
      throw refused(
        HttpStatus.CONFLICT,
        'not_editable',
        '申请已提交，只有被退回补正时才能修改',
        'A submitted application can only be edited when returned for revision',
      );
    }
    const program = await this.programs.findOneByOrFail({ id: application.programId });
    const form = { ...application.form, ...input.form };
    this.checkForm(program.templateSnapshot, form, 'draft');
    this.checkClaim(
      program.settings?.claiming,
      form,
      input.requestedAmountFen ?? application.requestedAmountFen,
    );
    Object.assign(application, {
      title: input.title ?? application.title,
      category: input.category ?? application.category,
      requestedAmountFen: input.requestedAmountFen ?? application.requestedAmountFen,
      form: await this.withStoredAttachments(program.templateSnapshot, form, application.organizationId),
    });
    return this.applications.save(application);
  }

  async get(id: string): Promise<ApplicationEntity> {
    // The case state (reviews, tranches, reports …) can be large and the views do not show it; reading it
    // only where it is needed keeps the most frequent read small.
    const application = await this.applications.findOne({ where: { id }, select: APPLICATION_COLUMNS });
    if (!application) throw notFound({ zh: `申请 ${id} 不存在`, en: `Application ${id} does not exist` });
    return application;
  }

  /**
   * The application as the actor may see it: `blind` for a reviewer of a program that hides the applicant.
   * A case the actor may not see is reported as not existing.
   */
  async getVisible(
    id: string,
    actor: Actor,
    { content = true }: { content?: boolean } = {},
  ): Promise<{ application: ApplicationEntity; visibility: CaseVisibility }> {
    const application = await this.get(id);
    const [facts] = await this.applications.query<
      { reviewer_ids: string[] | null; community: string | null; blind: boolean; funder: string | null }[]
    >(
      `SELECT
         (SELECT array_agg(DISTINCT reviewer) FROM (
            SELECT jsonb_array_elements_text(coalesce(a.case_state->'reviewers', '[]')) AS reviewer
            UNION SELECT assignment->>'reviewerId'
              FROM jsonb_array_elements(coalesce(a.case_state->'reviewAssignments', '[]')) AS assignment
          ) AS everyone) AS reviewer_ids,
         o.community,
         p.settings->'companyFunding'->>'funderOrganizationId' AS funder,
         EXISTS (SELECT 1 FROM jsonb_array_elements(p.template_snapshot->'stages') AS template_stage(value)
                  WHERE template_stage.value->>'kind' = 'review'
                    AND (template_stage.value->'settings'->>'blind')::boolean) AS blind
       FROM applications a
       JOIN programs p ON p.id = a.program_id
       LEFT JOIN organizations o ON o.id = a.organization_id
       WHERE a.id = $1`,
      [id],
    );
    const visibility = caseVisibility(actor, {
      organizationId: application.organizationId,
      street: application.street,
      community: facts?.community,
      reviewerIds: facts?.reviewer_ids ?? [],
      blindReview: facts?.blind ?? false,
      funderOrganizationId: facts?.funder,
    });
    if (visibility === 'none')
      throw notFound({ zh: `申请 ${id} 不存在`, en: `Application ${id} does not exist` });
    // A sealed bid (密封投标) is refused to everyone but its own organization until the opening, coordinators,
    // purchasers and administrators included.
    const refusal =
      application.terminal || !content
        ? undefined
        : this.sealedRefusal(application, await this.sealingProgram(application.programId), actor);
    if (refusal) throw refused(HttpStatus.FORBIDDEN, refusal.code, refusal.message.zh, refusal.message.en);
    return { application, visibility };
  }

  private sealingProgram(programId: string) {
    return this.programs.findOne({
      where: { id: programId },
      select: { id: true, templateSnapshot: true, stageDeadline: true, currentStage: true },
    });
  }

  // Why the actor may not read this application yet, if it is a sealed bid before the opening.
  private sealedRefusal(
    application: ApplicationEntity,
    program: Pick<ProgramEntity, 'templateSnapshot' | 'stageDeadline' | 'currentStage'> | null,
    actor: Actor,
  ) {
    if (application.terminal || !program?.templateSnapshot) return undefined;
    // A draft sits in the first stage as far as sealing goes: nobody else reads an unsent bid either.
    const stage = application.stage === 'draft' ? program.templateSnapshot.stages[0].key : application.stage;
    return sealedReadRefusal(
      program.templateSnapshot,
      application.organizationId,
      {
        terminal: null,
        stage,
        stageClosed: application.stageClosed,
        // A sealed window is program-wide: the program's deadline for it is the case's.
        stageDeadline: program.currentStage === stage ? (program.stageDeadline?.toISOString() ?? null) : null,
      },
      actor,
      new Date().toISOString(),
    );
  }

  async timeline(id: string, actor: Actor): Promise<CaseTransitionEntity[]> {
    // The timeline tells when a bid came in, not what it says: it stays readable while bids are sealed.
    const { visibility } = await this.getVisible(id, actor, { content: false });
    // Who acted and why can name the applicant: a blind reviewer follows the case through the queue instead.
    if (visibility !== 'full')
      throw notFound({ zh: `申请 ${id} 不存在`, en: `Application ${id} does not exist` });
    return this.transitions.find({ where: { applicationId: id }, order: { sequence: 'ASC' } });
  }

  /**
   * The delivery facts of a case (signatures, milestone reports, tranches, evaluations) for those who may read
   * it in full; a blind reviewer has no business after the award and is told the case does not exist.
   */
  async delivery(id: string, actor: Actor): Promise<DeliveryView> {
    const { application, visibility } = await this.getVisible(id, actor);
    if (visibility !== 'full')
      throw notFound({ zh: `申请 ${id} 不存在`, en: `Application ${id} does not exist` });
    const [stateRow, program, releases] = await Promise.all([
      this.applications.findOne({ where: { id }, select: { id: true, caseState: true } }),
      this.programs.findOne({
        where: { id: application.programId },
        select: { id: true, templateKey: true, templateSnapshot: true },
      }),
      // A tranche is released by an event (a follow-up `tranche_released`) or by hand (`release_tranche`).
      this.transitions.find({
        where: { applicationId: id, action: In(['tranche_released', 'release_tranche']) },
        select: { sequence: true, data: true, occurredAt: true },
        order: { sequence: 'ASC' },
      }),
    ]);
    // Published programs carry their frozen snapshot; the registry's template stands in for one never published.
    const template =
      program?.templateSnapshot ?? (program ? PROCESS_TEMPLATES[program.templateKey] : undefined);
    if (!template) throw notFound({ zh: `申请 ${id} 不存在`, en: `Application ${id} does not exist` });
    const releasedAt = new Map<string, string>();
    for (const transition of releases) {
      const trancheKey = transition.data?.trancheKey;
      if (typeof trancheKey === 'string') releasedAt.set(trancheKey, transition.occurredAt.toISOString());
    }
    return DeliveryView.of({
      applicationId: id,
      stage: application.stage,
      state: stateRow?.caseState ?? null,
      template,
      releases: releasedAt,
      now: new Date(),
    });
  }

  /** An organization's own applications across programs, newest first (the applicant's home page). */
  listForOrganization(organizationId: string): Promise<ApplicationEntity[]> {
    // An organization applies a few times a year; 200 covers years of history without paging.
    return this.applications.find({ where: { organizationId }, order: { createdAt: 'DESC' }, take: 200 });
  }

  /**
   * The submitted cases of every program a company funds (企业出资), newest first, with their program;
   * street staff see those of their street only. Drafts stay the implementer's own until submitted.
   */
  async listFundedBy(
    funderOrganizationId: string,
    actor: Actor,
  ): Promise<{ application: ApplicationEntity; program: Pick<ProgramEntity, 'name' | 'templateKey'> }[]> {
    const programs = await this.programs
      .createQueryBuilder('program')
      .select(['program.id', 'program.name', 'program.templateKey'])
      .where("program.settings->'companyFunding'->>'funderOrganizationId' = :funder", {
        funder: funderOrganizationId,
      })
      .getMany();
    if (programs.length === 0) return [];
    const byId = new Map(programs.map((program) => [program.id, program]));
    // The company's own funder sees all its projects, wherever they are delivered.
    const ownFunder = actor.roles.includes('funder') && actor.organizationId === funderOrganizationId;
    const street = ownFunder ? undefined : streetRestriction(actor);
    const applications = await this.applications.find({
      where: {
        programId: In([...byId.keys()]),
        phase: Not('draft'),
        ...(street !== undefined ? { street } : {}),
      },
      order: { createdAt: 'DESC' },
      // A company funds a handful of projects a year; 200 covers years of them without paging.
      take: 200,
    });
    return applications.map((application) => ({ application, program: byId.get(application.programId)! }));
  }

  /** A page of a program's applications, filtered by stage, street and category. */
  async listForProgram(
    programId: string,
    query: ApplicationListQueryDto,
    actor: Actor,
  ): Promise<ApplicationEntity[]> {
    return (await this.pageForProgram(programId, query, actor)).applications;
  }

  /** A page of the program's applications and how many match the filters on every page (for paginators). */
  async pageForProgram(
    programId: string,
    query: ApplicationListQueryDto,
    actor: Actor,
  ): Promise<{ applications: ApplicationEntity[]; total: number }> {
    const pageSize = query.pageSize ?? 50;
    const where: FindOptionsWhere<ApplicationEntity> = { programId };
    if (query.stage) where.stage = query.stage;
    if (query.street) where.street = query.street;
    // Street staff see their street whatever they ask for; asking for another street gives an empty page.
    const street = streetRestriction(actor);
    if (street !== undefined) where.street = query.street && query.street !== street ? '\u0000' : street;
    if (query.category) where.category = query.category;
    if (query.overdue) {
      // Late: the earliest deadline ahead of the case (revision, stage, report) is behind it, and it has not
      // ended. The projection clears the deadline of an ended case, the terminal test keeps to the partial index.
      where.nextDeadlineAt = LessThan(new Date());
      where.terminal = IsNull();
    }
    // The overdue view reads most late first, which is the earliest deadline first.
    const byDeadline = query.sort === 'deadline' || (query.overdue && query.sort === undefined);
    const order: FindOptionsOrder<ApplicationEntity> = byDeadline
      ? { nextDeadlineAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' }
      : { createdAt: 'ASC', id: 'ASC' };
    const [[applications, total], program] = await Promise.all([
      this.applications.findAndCount({
        where,
        order,
        skip: ((query.page ?? 1) - 1) * pageSize,
        take: pageSize,
      }),
      this.sealingProgram(programId),
    ]);
    // Sealed bids are listed, so the department sees how many came in, but without their content or price.
    return {
      total,
      applications: applications.map((application) =>
        this.sealedRefusal(application, program, actor)
          ? Object.assign(application, { form: {}, requestedAmountFen: 0 })
          : application,
      ),
    };
  }

  /**
   * Submits the application: starts its case workflow if there is none (the workflow id is the business id,
   * so a second submit finds the first case) and sends the submit action in the same call. The action returns
   * after the transition is projected, so the re-read below sees it.
   */
  async submit(id: string, actor: Actor, idempotencyKey?: string): Promise<ApplicationEntity> {
    const application = await this.get(id);
    const program = await this.programs.findOneByOrFail({ id: application.programId });
    if (!program.templateSnapshot || !program.calendarSnapshot) {
      throw refused(HttpStatus.CONFLICT, 'call_not_open', '该项目尚未发布', 'The program is not published');
    }
    if (application.phase === 'draft') {
      this.checkForm(program.templateSnapshot, application.form, 'submission');
      if (program.templateSnapshot.caseSubject === 'bid')
        await this.refuseIfBarred(application.organizationId);
    }
    const startCase = new WithStartWorkflowOperation<CaseWorkflow>(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(application.id),
      taskQueue: this.settings.taskQueue,
      args: [
        {
          applicationId: application.id,
          programId: application.programId,
          organizationId: application.organizationId,
          category: application.category,
          street: application.street,
          requestedAmountFen: application.requestedAmountFen,
          template: program.templateSnapshot,
          calendar: program.calendarSnapshot,
          windowClosesAt: program.submissionClosesAt?.toISOString() ?? null,
          funderOrganizationId: program.settings?.companyFunding?.funderOrganizationId,
        },
      ],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A case that ended (withdrawn, closed) is never started again; one that failed before its first
      // submit landed may be.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes: [
        { key: ProgramIdAttribute, value: application.programId },
        {
          key: TemplateAttribute,
          value: `${program.templateSnapshot.key}@${program.templateSnapshot.version}`,
        },
        { key: StageAttribute, value: program.templateSnapshot.stages[0].key },
        { key: CategoryAttribute, value: application.category },
        { key: StreetAttribute, value: application.street },
        { key: OrganizationIdAttribute, value: application.organizationId },
      ],
    });
    const start = () =>
      this.temporal.workflow.executeUpdateWithStart(caseActionUpdate, {
        args: [{ action: 'submit', actor, revision: application.revision }],
        updateId: updateIdFor('submit', idempotencyKey),
        startWorkflowOperation: startCase,
      });
    // First come, first served (公开认领): a submitted claim holds its project, so a later one is refused here,
    // checked and submitted under the project's lock so that two claims at the same moment cannot both hold it.
    const claiming = program.settings?.claiming;
    const project = claiming ? listedProjectOf(claiming, application.form) : undefined;
    if (claiming?.mode === 'first_come' && project && application.phase === 'draft') {
      await withClaimLock(this.applications.manager, program.id, project.key, async (manager) => {
        await refuseIfClaimed(manager, program.id, application.id, project, 'submitted');
        await start();
      });
    } else {
      await start();
    }
    return this.get(id);
  }

  /**
   * Replaces a submitted sealed bid with a new version before the window closes (投标截止前修改投标文件): the new
   * version is stored and submitted as the next revision; if the case refuses it (the window has closed), the
   * submitted version is restored, so the stored bid is always the one the case holds.
   */
  async replace(
    id: string,
    actor: Actor,
    input: UpdateApplicationDto,
    idempotencyKey?: string,
  ): Promise<ApplicationEntity> {
    const application = await this.get(id);
    if (actor.organizationId !== application.organizationId) {
      throw refused(
        HttpStatus.FORBIDDEN,
        'not_applicant',
        '只有投标单位本身可以替换投标文件',
        'Only the bidding organization can replace its bid',
      );
    }
    const program = await this.programs.findOneByOrFail({ id: application.programId });
    const first = program.templateSnapshot?.stages[0];
    const sealed = first?.kind === 'submission' && first.settings.sealed === true;
    if (
      !sealed ||
      application.stage !== first.key ||
      application.phase !== 'submitted' ||
      !application.workflowId
    ) {
      throw refused(
        HttpStatus.CONFLICT,
        'not_replaceable',
        '只有已提交、尚未开标的密封投标可以替换',
        'Only a submitted sealed bid can be replaced, before the opening',
      );
    }
    const submitted = {
      title: application.title,
      category: application.category,
      requestedAmountFen: application.requestedAmountFen,
      form: application.form,
      revision: application.revision,
    };
    const form = { ...application.form, ...input.form };
    this.checkForm(program.templateSnapshot, form, 'submission');
    Object.assign(application, {
      title: input.title ?? application.title,
      category: input.category ?? application.category,
      requestedAmountFen: input.requestedAmountFen ?? application.requestedAmountFen,
      form: await this.withStoredAttachments(program.templateSnapshot, form, application.organizationId),
      revision: application.revision + 1,
    });
    await this.applications.save(application);
    try {
      await this.temporal.workflow.getHandle(application.workflowId).executeUpdate(caseActionUpdate, {
        args: [{ action: 'submit', actor, revision: application.revision }],
        updateId: updateIdFor('replace', idempotencyKey),
      });
    } catch (error) {
      await this.applications.save(Object.assign(application, submitted));
      throw error;
    }
    return this.get(id);
  }

  /** Any other action on a case, checked by the case workflow against its stage, the actor and the time. */
  async act(id: string, action: string, actor: Actor, body: CaseActionDto, idempotencyKey?: string) {
    if (!(STAGE_ACTIONS as readonly string[]).includes(action) || action === 'submit') {
      throw notFound({ zh: `没有「${action}」这一操作`, en: `There is no action "${action}"` });
    }
    const application = await this.get(id);
    if (!application.workflowId) {
      throw refused(
        HttpStatus.CONFLICT,
        'not_submitted',
        '草稿尚未提交，不能进行此操作',
        'The draft was never submitted; submit it first',
      );
    }
    if (application.terminal) {
      throw refused(
        HttpStatus.CONFLICT,
        'case_ended',
        `申请已结束（${application.terminal}），不能再操作`,
        `The case has ended (${application.terminal}); no further actions`,
      );
    }
    const input: CaseActionInput = { ...body, action: action as StageAction, actor };
    if (action === 'resubmit') {
      const program = await this.programs.findOneByOrFail({ id: application.programId });
      this.checkForm(program.templateSnapshot, application.form, 'submission');
      // The edited document becomes the next revision; the workflow refuses it unless a revision was asked for.
      input.revision = application.revision + 1;
    }
    const send = () =>
      this.temporal.workflow.getHandle(application.workflowId!).executeUpdate(caseActionUpdate, {
        args: [input],
        updateId: updateIdFor(action, idempotencyKey),
      });
    // Confirming a claim (认领确认) is refused while another claim on the same project is confirmed, in either
    // claim mode; the check and the confirmation hold the project's lock together.
    if (action === 'award') {
      const program = await this.programs.findOneByOrFail({ id: application.programId });
      const claiming = program.settings?.claiming;
      const project = claiming ? listedProjectOf(claiming, application.form) : undefined;
      if (project) {
        await withClaimLock(this.applications.manager, program.id, project.key, async (manager) => {
          await refuseIfClaimed(manager, program.id, application.id, project, 'confirmed');
          await send();
        });
        return this.get(id);
      }
    }
    await send();
    return this.get(id);
  }
}
