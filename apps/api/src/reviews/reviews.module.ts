import { Module } from '@nestjs/common';
import {
  ApplicationReviewsController,
  ProgramReviewsController,
  ReviewerQueueController,
} from './reviews.controller';
import { PastReviewsService } from './past-reviews.service';
import { ReviewDraftsService } from './review-drafts.service';
import { ReviewProgressService } from './review-progress.service';
import { ReviewRankingService } from './review-ranking.service';
import { ReviewStagesService } from './review-stages.service';
import { ReviewerQueueService } from './reviewer-queue.service';
import { ScoreSheetsService } from './score-sheets.service';

/** What people see of reviews: stage progress, score sheets, rankings, reviewer queues, past reviews and draft sheets. */
@Module({
  controllers: [ProgramReviewsController, ApplicationReviewsController, ReviewerQueueController],
  providers: [
    ReviewStagesService,
    ReviewProgressService,
    ScoreSheetsService,
    ReviewRankingService,
    ReviewerQueueService,
    ReviewDraftsService,
    PastReviewsService,
  ],
})
export class ReviewsModule {}
