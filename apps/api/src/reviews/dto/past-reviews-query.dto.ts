import { ReviewProgressQueryDto } from './review-progress-query.dto';

/** Paging of a reviewer's past reviews: the same page and page-size limits as the progress list. */
export class PastReviewsQueryDto extends ReviewProgressQueryDto {}
