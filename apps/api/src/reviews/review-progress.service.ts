import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '@grantflow/contracts';
import type { CaseState } from '@grantflow/domain';
import { ApplicationEntity } from '@grantflow/db';
import { requireStaff } from './review-access';
import { assignmentsOf, isOverdue } from './review-assignments';
import { ReviewStagesService } from './review-stages.service';
import type {
  CaseProgressView,
  ProgressTotalsView,
  ReviewerProgressView,
  ReviewProgressView,
} from './dto/review-progress.view';

const DEFAULT_PAGE_SIZE = 50;

/** Reads who reviews what in a review stage, and what is done, due and overdue, from the projected case states. */
@Injectable()
export class ReviewProgressService {
  constructor(
    private readonly stages: ReviewStagesService,
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
  ) {}

  /**
   * The stage's cases (those in it now; a case that left the stage is in the ranking and its score sheets)
   * with their reviewers, and every reviewer's counts over all of them; the case list is paginated.
   */
  async progress(
    programId: string,
    stageKey: string,
    actor: Actor,
    paging: { page?: number; pageSize?: number },
  ): Promise<ReviewProgressView> {
    requireStaff(actor);
    const program = await this.stages.program(programId);
    const stage = this.stages.stage(program, stageKey, ['review']);
    const rows = await this.applications.find({
      where: { programId, stage: stageKey },
      select: { id: true, title: true, street: true, category: true, phase: true, caseState: true },
      order: { submittedAt: 'ASC', id: 'ASC' },
    });
    const now = Date.now();
    const cases = rows
      .filter((row): row is ApplicationEntity & { caseState: CaseState } => row.caseState !== null)
      .map((row) => caseProgress(row, row.caseState, now));

    const totals: ProgressTotalsView = {
      cases: cases.length,
      assignments: 0,
      submitted: 0,
      due: 0,
      overdue: 0,
      recused: 0,
      expired: 0,
      overdueCases: cases.filter((entry) => entry.overdue).length,
    };
    const byReviewer = new Map<string, ReviewerProgressView>();
    for (const entry of cases) {
      for (const reviewer of entry.reviewers) {
        const counts = byReviewer.get(reviewer.reviewerId) ?? {
          reviewerId: reviewer.reviewerId,
          assigned: 0,
          done: 0,
          due: 0,
          overdue: 0,
          recused: 0,
        };
        byReviewer.set(reviewer.reviewerId, counts);
        counts.assigned += 1;
        totals.assignments += 1;
        if (reviewer.status === 'submitted') {
          counts.done += 1;
          totals.submitted += 1;
        } else if (reviewer.status === 'recused') {
          counts.recused += 1;
          totals.recused += 1;
        } else if (reviewer.overdue) {
          counts.overdue += 1;
          totals.overdue += 1;
        } else if (reviewer.status === 'assigned') {
          counts.due += 1;
          totals.due += 1;
        }
        if (reviewer.status === 'expired') totals.expired += 1;
      }
    }

    const page = paging.page ?? 1;
    const pageSize = paging.pageSize ?? DEFAULT_PAGE_SIZE;
    return {
      programId,
      stageKey,
      stageName: stage.name,
      level: stage.settings.level,
      blind: stage.settings.blind,
      stageStatus: await this.stages.status(program, stageKey),
      asOf: new Date(now).toISOString(),
      totals,
      reviewers: [...byReviewer.values()].sort((a, b) => (a.reviewerId < b.reviewerId ? -1 : 1)),
      page,
      pageSize,
      total: cases.length,
      cases: cases.slice((page - 1) * pageSize, page * pageSize),
    };
  }
}

function caseProgress(row: ApplicationEntity, state: CaseState, now: number): CaseProgressView {
  const reviewers = assignmentsOf(state).map((line) => ({ ...line, overdue: isOverdue(line, now) }));
  const open = reviewers.filter((line) => line.status === 'assigned' && line.dueAt !== null);
  return {
    applicationId: row.id,
    title: row.title,
    street: row.street,
    category: row.category,
    phase: row.phase,
    reviewers,
    reviewsExpected: reviewers.filter((line) => line.status === 'assigned' || line.status === 'submitted')
      .length,
    reviewsSubmitted: reviewers.filter((line) => line.status === 'submitted').length,
    dueAt: open.length > 0 ? open.map((line) => line.dueAt as string).sort()[0] : null,
    overdue: reviewers.some((line) => line.overdue),
    disagreement: {
      status: state.disagreement?.status ?? 'none',
      flags: (state.disagreement?.flags ?? []).map(({ target, criterionId, spread, threshold }) => ({
        target,
        criterionId,
        spread,
        threshold,
      })),
    },
  };
}
