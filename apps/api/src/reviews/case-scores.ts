import {
  aggregateCaseScores,
  type CalibrationModel,
  type CaseScoreSummary,
  type DisagreementRule,
  type ReviewScores,
  type Rubric,
} from '@grantflow/domain';
import type { ReviewEntity } from '@grantflow/db';

/** The reviewer id under which the projection keeps a chair's consensus score beside the raw reviews. */
export const CONSENSUS_REVIEWER_ID = 'consensus';

/** A case's rows of the reviews table, split into the reviewers' sheets and the chair's consensus. */
export function splitConsensus(rows: readonly ReviewEntity[]): {
  sheets: ReviewEntity[];
  consensus: ReviewEntity | undefined;
} {
  return {
    sheets: rows.filter((row) => row.reviewerId !== CONSENSUS_REVIEWER_ID),
    consensus: rows.find((row) => row.reviewerId === CONSENSUS_REVIEWER_ID),
  };
}

/** A stored sheet as the scoring rules read it; one sheet per reviewer, so the reviewer id is the review id. */
export function reviewScoresOf(row: ReviewEntity): ReviewScores {
  return { reviewId: row.reviewerId, reviewerId: row.reviewerId, scores: row.scores };
}

/**
 * A case's score summary over its raw sheets (never changed), carrying the chair's consensus where one was
 * recorded, so that ranking uses the consensus in place of the mean.
 */
export function summarizeCase(
  rubric: Rubric,
  caseId: string,
  rows: readonly ReviewEntity[],
  options: { calibration?: CalibrationModel; disagreement?: DisagreementRule } = {},
): CaseScoreSummary {
  const { sheets, consensus } = splitConsensus(rows);
  const summary = aggregateCaseScores({
    rubric,
    caseId,
    reviews: sheets.map(reviewScoresOf),
    calibration: options.calibration,
    disagreement: options.disagreement,
  });
  if (!consensus) return summary;
  return {
    ...summary,
    disagreement: summary.disagreement.flagged
      ? { ...summary.disagreement, status: 'resolved_by_consensus' }
      : summary.disagreement,
    consensus: {
      chairId: CONSENSUS_REVIEWER_ID,
      scores: { ...consensus.scores },
      comments: { ...consensus.comments },
      justification: consensus.comments.justification ?? '',
      score: { total: consensus.total, criteria: { ...consensus.scores } },
    },
  };
}
