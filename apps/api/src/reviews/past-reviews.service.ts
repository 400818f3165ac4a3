import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Actor } from '@grantflow/contracts';
import { findStage, RUBRIC_PRESETS, rubricTotalRange, type Criterion } from '@grantflow/domain';
import { ApplicationEntity, OrganizationEntity, ProgramEntity, ReviewEntity } from '@grantflow/db';
import { streetRestriction } from '../auth/access-rules';
import { IDENTIFYING_PROPERTIES } from '../auth/blind-review';
import { CONSENSUS_REVIEWER_ID } from './case-scores';
import { forbidden, isStaff } from './review-access';
import { templateOf } from './review-stages.service';
import type { PastReviewsQueryDto } from './dto/past-reviews-query.dto';
import type { CriterionScoreView, PastReviewView, ReviewedProposalView } from './dto/past-review.view';

const DEFAULT_PAGE_SIZE = 50;

/** A reviewer's submitted reviews across programs, newest first, blind where the stage was. */
@Injectable()
export class PastReviewsService {
  constructor(
    @InjectRepository(ReviewEntity) private readonly reviews: Repository<ReviewEntity>,
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ProgramEntity) private readonly programs: Repository<ProgramEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
  ) {}

  /**
   * One page of `reviewerId`'s reviews and how many there are. The reviewer reads their own; staff read anyone's,
   * street and community staff only for cases of their street (as in their case lists).
   */
  async page(
    reviewerId: string,
    actor: Actor,
    query: PastReviewsQueryDto,
  ): Promise<{ items: PastReviewView[]; total: number }> {
    const own = actor.userId !== 'anonymous' && actor.userId === reviewerId;
    if (!own && !isStaff(actor)) {
      throw forbidden(
        'not_own_reviews',
        '只能查看本人的评审记录',
        'Reviewers may only see their own past reviews',
      );
    }
    const street = own ? undefined : streetRestriction(actor);
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const rows = this.reviews
      .createQueryBuilder('review')
      .where('review.reviewerId = :reviewerId', { reviewerId })
      // The chair's consensus is kept under a reserved reviewer id; it is nobody's own review.
      .andWhere('review.reviewerId <> :consensus', { consensus: CONSENSUS_REVIEWER_ID })
      .orderBy('review.submittedAt', 'DESC')
      .addOrderBy('review.applicationId')
      .addOrderBy('review.stageKey')
      .offset(((query.page ?? 1) - 1) * pageSize)
      .limit(pageSize);
    if (street !== undefined) {
      rows.innerJoin(ApplicationEntity, 'application', 'application.id = review.applicationId');
      rows.andWhere('application.street = :street', { street });
    }
    const [reviews, total] = await rows.getManyAndCount();
    return { items: await this.views(reviews), total };
  }

  private async views(reviews: ReviewEntity[]): Promise<PastReviewView[]> {
    if (reviews.length === 0) return [];
    const applications = new Map(
      (await this.applications.findBy({ id: In([...new Set(reviews.map((row) => row.applicationId))]) })).map(
        (application) => [application.id, application],
      ),
    );
    const programs = new Map(
      (await this.programs.findBy({ id: In([...new Set(reviews.map((row) => row.programId))]) })).map(
        (program) => [program.id, program],
      ),
    );
    const stageOf = (row: ReviewEntity) => {
      const program = programs.get(row.programId);
      return program ? findStage(templateOf(program), row.stageKey) : undefined;
    };
    const blindOf = (row: ReviewEntity) => {
      const stage = stageOf(row);
      // A stage the template no longer knows is treated as blind: hiding too much is the safe mistake.
      return stage?.kind !== 'review' || stage.settings.blind;
    };
    const organizationIds = reviews
      .filter((row) => !blindOf(row))
      .flatMap((row) => applications.get(row.applicationId)?.organizationId ?? []);
    const organizations = new Map(
      (organizationIds.length === 0
        ? []
        : await this.organizations.findBy({ id: In([...new Set(organizationIds)]) })
      ).map((organization) => [organization.id, organization]),
    );

    return reviews.flatMap((row): PastReviewView[] => {
      const application = applications.get(row.applicationId);
      const program = programs.get(row.programId);
      if (!application || !program) return [];
      const template = templateOf(program);
      const blind = blindOf(row);
      const proposal: ReviewedProposalView = {
        title: application.title,
        category: application.category,
        // The form is not repeated here, so only the organization's own properties are withheld.
        withheld: blind ? [...IDENTIFYING_PROPERTIES] : [],
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
      // Rubric presets are never removed, so the rubric a sheet was scored on is still there to name its criteria.
      const rubric = RUBRIC_PRESETS[row.rubricId];
      const currentStage = findStage(template, application.stage);
      return [
        {
          applicationId: application.id,
          programId: program.id,
          programName: program.name,
          stageKey: row.stageKey,
          stageName: findStage(template, row.stageKey)?.name ?? { zh: row.stageKey, en: row.stageKey },
          blind,
          proposal,
          revision: row.revision,
          rubricId: row.rubricId,
          total: row.total,
          maxTotal: rubric ? rubricTotalRange(rubric).max : row.total,
          criteria: (rubric?.criteria ?? []).map((criterion) => criterionScore(criterion, row)),
          submittedAt: row.submittedAt.toISOString(),
          current: {
            stageKey: application.terminal ?? application.stage,
            stageName: application.terminal || !currentStage ? null : currentStage.name,
            terminal: application.terminal,
          },
        },
      ];
    });
  }
}

function criterionScore(criterion: Criterion, row: ReviewEntity): CriterionScoreView {
  return {
    id: criterion.id,
    name: { zh: criterion.name.zh, en: criterion.name.en },
    score: row.scores[criterion.id],
    max: criterion.scale.max,
    weight: criterion.weight,
    comment: row.comments[criterion.id] || null,
  };
}
