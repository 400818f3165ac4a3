import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import {
  CASE_WORKFLOW_TYPE,
  caseWorkflowId,
  CategoryAttribute,
  OrganizationIdAttribute,
  ProgramIdAttribute,
  StageAttribute,
  StreetAttribute,
  submitApplicationUpdate,
  TemplateAttribute,
  withdrawApplicationUpdate,
  type Actor,
  type CaseWorkflow,
} from '@grantflow/contracts';
import { ApplicationEntity, CaseTransitionEntity, OrganizationEntity, ProgramEntity } from '@grantflow/db';
import type { TemporalSettings } from '@grantflow/temporal';
import { notFound, ProblemException, type FieldProblem } from '../common/problem';
import { TEMPORAL_CLIENT, TEMPORAL_SETTINGS } from '../temporal/temporal.module';
import type { CreateApplicationDto } from './dto/create-application.dto';

/** Drafts applications in Postgres and drives their case workflows in Temporal. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(CaseTransitionEntity) private readonly transitions: Repository<CaseTransitionEntity>,
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(TEMPORAL_SETTINGS) private readonly settings: TemporalSettings,
  ) {}

  /** Creates a draft; nothing is started in Temporal until the applicant submits. */
  async createDraft(input: CreateApplicationDto): Promise<ApplicationEntity> {
    const [programExists, organizationExists] = await Promise.all([
      this.programs.existsBy({ id: input.programId }),
      this.organizations.existsBy({ id: input.organizationId }),
    ]);
    const missing: FieldProblem[] = [];
    if (!programExists)
      missing.push({
        field: 'programId',
        code: 'unknown',
        message: { zh: '项目不存在', en: 'no such program' },
      });
    if (!organizationExists)
      missing.push({
        field: 'organizationId',
        code: 'unknown',
        message: { zh: '组织不存在', en: 'no such organization' },
      });
    if (missing.length > 0) {
      throw new ProblemException({
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        slug: 'validation-failed',
        title: { zh: '请求数据有误', en: 'The request is invalid' },
        errors: missing,
      });
    }
    return this.applications.save(
      this.applications.create({
        programId: input.programId,
        organizationId: input.organizationId,
        title: input.title,
        category: input.category,
        street: input.street,
        requestedAmountFen: input.requestedAmountFen,
        form: input.form ?? {},
      }),
    );
  }

  async get(id: string): Promise<ApplicationEntity> {
    const application = await this.applications.findOneBy({ id });
    if (!application) throw notFound({ zh: `申请 ${id} 不存在`, en: `Application ${id} does not exist` });
    return application;
  }

  async timeline(id: string): Promise<CaseTransitionEntity[]> {
    await this.get(id);
    return this.transitions.find({ where: { applicationId: id }, order: { sequence: 'ASC' } });
  }

  /**
   * Submits the application: starts its case workflow if there is none (the workflow id is the business
   * id, so a second submit finds the first case) and sends the submit update in the same call. The
   * update returns after the transition is projected, so the re-read below sees it.
   */
  async submit(id: string, actor: Actor, idempotencyKey?: string): Promise<ApplicationEntity> {
    const application = await this.get(id);
    const program = await this.programs.findOneByOrFail({ id: application.programId });
    const startCase = new WithStartWorkflowOperation<CaseWorkflow>(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(application.id),
      taskQueue: this.settings.taskQueue,
      args: [
        {
          applicationId: application.id,
          programId: application.programId,
          organizationId: application.organizationId,
          templateKey: program.templateKey,
          category: application.category,
          street: application.street,
        },
      ],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A case that has ended (withdrawn, closed) is never started again under the same application.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: ProgramIdAttribute, value: application.programId },
        { key: TemplateAttribute, value: program.templateKey },
        { key: StageAttribute, value: 'draft' },
        { key: CategoryAttribute, value: application.category },
        { key: StreetAttribute, value: application.street },
        { key: OrganizationIdAttribute, value: application.organizationId },
      ],
    });
    await this.temporal.workflow.executeUpdateWithStart(submitApplicationUpdate, {
      args: [{ actor, revision: application.revision }],
      updateId: updateIdFor('submit', idempotencyKey),
      startWorkflowOperation: startCase,
    });
    return this.get(id);
  }

  /** Withdraws the application; its case ends in stage `withdrawn`. */
  async withdraw(id: string, actor: Actor, reason: string | undefined, idempotencyKey?: string) {
    const application = await this.get(id);
    if (!application.workflowId) {
      throw new ProblemException({
        status: HttpStatus.CONFLICT,
        slug: 'action-refused',
        code: 'not_submitted',
        title: { zh: '操作被拒绝', en: 'The action was refused' },
        detail: { zh: '草稿尚未提交，无需撤回', en: 'A draft that was never submitted cannot be withdrawn' },
      });
    }
    await this.temporal.workflow.getHandle(application.workflowId).executeUpdate(withdrawApplicationUpdate, {
      args: [{ actor, reason }],
      updateId: updateIdFor('withdraw', idempotencyKey),
    });
    return this.get(id);
  }
}

/**
 * The HTTP Idempotency-Key becomes the Temporal update id, so a retried request is answered with the
 * first result instead of acting twice. Without a key every request is a new action.
 */
function updateIdFor(action: string, idempotencyKey: string | undefined): string {
  return `${action}:${idempotencyKey ?? randomUUID()}`;
}
