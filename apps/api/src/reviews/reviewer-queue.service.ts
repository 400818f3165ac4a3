import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
import type { Actor } from '@grantflow/contracts';
import { findStage, type CaseState } from '@grantflow/domain';
import { ApplicationEntity, OrganizationEntity, ProgramEntity, ReviewDraftEntity } from '@grantflow/db';
import { IDENTIFYING_FORM_FIELDS, IDENTIFYING_PROPERTIES } from '../auth/blind-review';
import { forbidden } from './review-access';
import { openAssignmentOf } from './review-assignments';
import { rubricOf, templateOf } from './review-stages.service';
import { RubricView } from './dto/rubric.view';
import type { ProposalView, QueueItemView, ReviewerQueueView } from './dto/reviewer-queue.view';

/** A reviewer's open assignments across programs, each with the proposal (blind where the stage says) and rubric. */
@Injectable()
export class ReviewerQueueService {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @InjectRepository(ReviewDraftEntity) private readonly drafts: Repository<ReviewDraftEntity>,
  ) {}

  /** The queue of `reviewerId`; only that reviewer may read it. */
  async queue(reviewerId: string, actor: Actor): Promise<ReviewerQueueView> {
    if (actor.userId === 'anonymous' || actor.userId !== reviewerId) {
      throw forbidden(
        'not_own_queue',
        '只能查看本人的评审任务',
        'Reviewers may only see their own review queue',
      );
    }
    const rows = await this.openCasesOf(reviewerId);
    const programs = new Map(
      (rows.length === 0
        ? []
        : await this.programs.findBy({ id: In([...new Set(rows.map((row) => row.programId))]) })
      ).map((program) => [program.id, program]),
    );
    const now = Date.now();
    const open = rows.flatMap((application) => {
      const program = programs.get(application.programId);
      const state = application.caseState as CaseState;
      const stage = program ? findStage(templateOf(program), application.stage) : undefined;
      // A case that left its review stage may keep an assignment in its state; only review stages count.
      const assignment = stage?.kind === 'review' ? openAssignmentOf(state, reviewerId) : undefined;
      return program && stage?.kind === 'review' && assignment
        ? [{ application, program, stage, assignment }]
        : [];
    });
    const organizationIds = [
      ...new Set(
        open
          .filter(({ stage }) => !stage.settings.blind)
          .map(({ application }) => application.organizationId),
      ),
    ];
    const organizations = new Map(
      (organizationIds.length === 0 ? [] : await this.organizations.findBy({ id: In(organizationIds) })).map(
        (organization) => [organization.id, organization],
      ),
    );
    const drafts = new Map(
      (await this.drafts.findBy({ reviewerId })).map((draft) => [
        `${draft.applicationId}:${draft.stageKey}`,
        draft.updatedAt.toISOString(),
      ]),
    );

    const items = open.map(({ application, program, stage, assignment }): QueueItemView => {
      const blind = stage.settings.blind;
      const form = blind
        ? Object.fromEntries(
            Object.entries(application.form).filter(([key]) => !IDENTIFYING_FORM_FIELDS.includes(key)),
          )
        : application.form;
      const proposal: ProposalView = {
        title: application.title,
        category: application.category,
        requestedAmountFen: application.requestedAmountFen,
        revision: application.revision,
        form,
        withheld: blind
          ? [
              ...IDENTIFYING_PROPERTIES,
              ...Object.keys(application.form)
                .filter((key) => IDENTIFYING_FORM_FIELDS.includes(key))
                .map((key) => `form.${key}`),
            ]
          : [],
      };
      if (!blind) {
        const organization = organizations.get(application.organizationId);
        Object.assign(proposal, {
          organizationId: application.organizationId,
          organizationName: organization?.name,
          street: application.street,
          community: organization?.community ?? null,
        });
      }
      return {
        applicationId: application.id,
        programId: program.id,
        programName: program.name,
        stageKey: stage.key,
        stageName: stage.name,
        blind,
        assignedAt: assignment.assignedAt,
        dueAt: assignment.dueAt,
        overdue: assignment.dueAt !== null && Date.parse(assignment.dueAt) < now,
        draftSavedAt: drafts.get(`${application.id}:${stage.key}`) ?? null,
        proposal,
        rubric: RubricView.of(rubricOf(stage)),
      };
    });
    items.sort(
      (a, b) =>
        (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
        a.applicationId.localeCompare(b.applicationId),
    );
    return { reviewerId, items };
  }

  // Cases whose projected state holds an open assignment of the reviewer (or, for cases from before review
  // due dates, lists the reviewer without a review). jsonb containment, so Postgres does the filtering.
  private openCasesOf(reviewerId: string): Promise<ApplicationEntity[]> {
    return this.applications
      .createQueryBuilder('application')
      .where('application.terminal IS NULL AND application.stage_closed = false')
      .andWhere('application.case_state IS NOT NULL')
      .andWhere(
        new Brackets((where) =>
          where
            .where(
              `application.case_state -> 'reviewAssignments' @> jsonb_build_array(
                 jsonb_build_object('reviewerId', CAST(:reviewerId AS text), 'status', 'assigned'))`,
            )
            .orWhere(
              `(application.case_state -> 'reviewAssignments' IS NULL
                AND application.case_state -> 'reviewers' @> jsonb_build_array(CAST(:reviewerId AS text))
                AND NOT (application.case_state -> 'reviews' @> jsonb_build_array(
                  jsonb_build_object('reviewerId', CAST(:reviewerId AS text)))))`,
            ),
        ),
      )
      .setParameter('reviewerId', reviewerId)
      .getMany();
  }
}
