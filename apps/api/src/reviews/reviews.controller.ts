import { Body, Controller, Get, Param, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@grantflow/contracts';
import { CurrentActor } from '../actors/current-actor.decorator';
import { noticeFile, type NoticeFormat } from '../common/notice-file';
import { uuidParam } from '../common/problem';
import { PastReviewView } from './dto/past-review.view';
import { PastReviewsQueryDto } from './dto/past-reviews-query.dto';
import { RankingView } from './dto/ranking.view';
import { ReviewDraftView } from './dto/review-draft.view';
import { ReviewProgressQueryDto } from './dto/review-progress-query.dto';
import { ReviewProgressView } from './dto/review-progress.view';
import { ReviewerQueueView } from './dto/reviewer-queue.view';
import { SaveReviewDraftDto } from './dto/save-review-draft.dto';
import { ScoreSheetsView } from './dto/score-sheets.view';
import { StageQueryDto } from './dto/stage-query.dto';
import { PastReviewsService } from './past-reviews.service';
import { ReviewDraftsService } from './review-drafts.service';
import { ReviewProgressService } from './review-progress.service';
import { rankingListTable } from './ranking-export';
import { ReviewRankingService } from './review-ranking.service';
import { ReviewerQueueService } from './reviewer-queue.service';
import { ScoreSheetsService } from './score-sheets.service';

/** A review stage's progress and a review or decision stage's ranking, for program staff. */
@ApiTags('reviews')
@Controller('programs')
export class ProgramReviewsController {
  constructor(
    private readonly progress: ReviewProgressService,
    private readonly ranking: ReviewRankingService,
  ) {}

  @Get(':id/stages/:stageKey/review-progress')
  @ApiParam({ name: 'stageKey', example: 'street-review' })
  @ApiOperation({
    summary: 'Who reviews which case, what is submitted, due and overdue (staff only; cases paginated)',
  })
  @ApiOkResponse({ type: ReviewProgressView })
  reviewProgress(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @Query() query: ReviewProgressQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewProgressView> {
    return this.progress.progress(id, stageKey, actor, query);
  }

  @Get(':id/stages/:stageKey/ranking')
  @ApiParam({ name: 'stageKey', example: 'district-review' })
  @ApiOperation({
    summary:
      'The ranking with its reasons: basis, thresholds, tie-breaks, and the outcomes or awards once closed (staff only)',
  })
  @ApiOkResponse({ type: RankingView })
  stageRanking(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<RankingView> {
    return this.ranking.ranking(id, stageKey, actor);
  }

  @Get(':id/stages/:stageKey/ranking.csv')
  @ApiParam({ name: 'stageKey', example: 'district-review' })
  @ApiOperation({
    summary: 'The ranking list as CSV for the notice boards (UTF-8 with BOM, amounts in yuan; staff only)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file' })
  rankingCsv(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    return this.rankingFile(id, stageKey, actor, 'csv');
  }

  @Get(':id/stages/:stageKey/ranking.xlsx')
  @ApiParam({ name: 'stageKey', example: 'district-review' })
  @ApiOperation({ summary: 'The ranking list as XLSX for the notice boards (amounts in yuan; staff only)' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'XLSX workbook' })
  rankingXlsx(
    @Param('id', uuidParam) id: string,
    @Param('stageKey') stageKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    return this.rankingFile(id, stageKey, actor, 'xlsx');
  }

  // The same ranking as the JSON view (and the same staff check), written as a list.
  private async rankingFile(id: string, stageKey: string, actor: Actor, format: NoticeFormat) {
    const ranking = await this.ranking.ranking(id, stageKey, actor);
    return noticeFile(rankingListTable(ranking), format, `ranking-${stageKey}-${id}`);
  }
}

/** A case's score sheets, and a reviewer's draft sheet for it. */
@ApiTags('reviews')
@Controller('applications')
export class ApplicationReviewsController {
  constructor(
    private readonly scoreSheets: ScoreSheetsService,
    private readonly drafts: ReviewDraftsService,
  ) {}

  @Get(':id/score-sheets')
  @ApiOperation({
    summary:
      'Submitted score sheets with the consensus and mean, median and calibrated scores side by side; a reviewer sees them only after submitting, anonymised',
  })
  @ApiOkResponse({ type: ScoreSheetsView })
  sheets(
    @Param('id', uuidParam) id: string,
    @Query() query: StageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ScoreSheetsView> {
    return this.scoreSheets.sheets(id, query.stageKey, actor);
  }

  @Put(':id/review-draft')
  @ApiOperation({
    summary: 'Save the caller’s partial score sheet (assigned reviewers with an open assignment only)',
  })
  @ApiOkResponse({ type: ReviewDraftView })
  saveDraft(
    @Param('id', uuidParam) id: string,
    @Body() body: SaveReviewDraftDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewDraftView> {
    return this.drafts.save(id, actor, body);
  }

  @Get(':id/review-draft')
  @ApiOperation({
    summary: 'The caller’s own draft sheet; 404 once the caller’s review of the stage is submitted',
  })
  @ApiOkResponse({ type: ReviewDraftView })
  draft(
    @Param('id', uuidParam) id: string,
    @Query() query: StageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewDraftView> {
    return this.drafts.get(id, query.stageKey, actor);
  }
}

/** A reviewer's own queue of open assignments, and the reviews they submitted. */
@ApiTags('reviews')
@Controller('reviewers')
export class ReviewerQueueController {
  constructor(
    private readonly queue: ReviewerQueueService,
    private readonly pastReviews: PastReviewsService,
  ) {}

  @Get(':reviewerId/queue')
  @ApiOperation({
    summary:
      'The caller’s open assignments across programs with the proposal (blind stages hide the applicant) and the rubric',
  })
  @ApiOkResponse({ type: ReviewerQueueView })
  reviewerQueue(
    @Param('reviewerId') reviewerId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewerQueueView> {
    return this.queue.queue(reviewerId, actor);
  }

  @Get(':reviewerId/reviews')
  @ApiOperation({
    summary:
      'The reviewer’s submitted reviews across programs, newest first, with scores per criterion and where each case stands now (blind stages hide the applicant; paginated)',
  })
  @ApiOkResponse({
    type: [PastReviewView],
    headers: { 'X-Total-Count': { description: 'The reviewer’s reviews, on every page' } },
  })
  async reviewerReviews(
    @Param('reviewerId') reviewerId: string,
    @Query() query: PastReviewsQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PastReviewView[]> {
    const { items, total } = await this.pastReviews.page(reviewerId, actor, query);
    // A header, not an envelope, as the other paginated lists do.
    response.setHeader('X-Total-Count', String(total));
    return items;
  }
}
