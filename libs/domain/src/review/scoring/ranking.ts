import type { LocalizedText } from '../../cases';
import { type Fen, isFen } from '../../money';
import type { CaseScoreSummary, ScoreSet } from './aggregation';
import type { DisagreementStatus } from './disagreement';
import type { FieldError } from './field-error';
import type { Rubric } from './rubric';

/** Which aggregate a ranking compares; a recorded consensus replaces it when `useConsensus` is on. */
export type ScoreBasis = 'mean' | 'median' | 'calibrated';

/** One link of the tie-break chain: higher total, higher criterion score, lower amount, earlier submission, id. */
export type TieBreak =
  'total' | { readonly criterion: string } | 'lowerRequestedAmount' | 'earlierSubmission' | 'caseId';

/** A tie-break as it appears in explanations: `criterion:<id>` for criteria; `eligibility` always comes first. */
export type RankKey =
  'eligibility' | 'total' | `criterion:${string}` | 'lowerRequestedAmount' | 'earlierSubmission' | 'caseId';

/** A case to rank: its score summary and the facts tie-breaks may need. */
export interface RankingEntry {
  readonly summary: CaseScoreSummary;
  readonly requestedAmount?: Fen;
  /** ISO 8601 instant the application was submitted. */
  readonly submittedAt?: string;
}

/** How a program ranks its cases (template settings). */
export interface RankingOptions {
  readonly basis: ScoreBasis;
  /** Rank on the consensus score where a chair recorded one (default true). */
  readonly useConsensus?: boolean;
  /** Tie-break chain; default DEFAULT_TIE_BREAKS. `caseId` is appended when missing, so the order is total. */
  readonly tieBreaks?: readonly TieBreak[];
  /** Fewest submitted reviews an eligible case needs (e.g. 3 at the final stage); default no minimum. */
  readonly minReviews?: number;
  /** Hold back cases whose disagreement awaits consensus or an extra reviewer (default true). */
  readonly holdUnresolvedDisagreement?: boolean;
}

/** Default chain (DOMAIN.md): total, then lower requested amount, then earlier submission, then case id. */
export const DEFAULT_TIE_BREAKS: readonly TieBreak[] = Object.freeze([
  'total',
  'lowerRequestedAmount',
  'earlierSubmission',
  'caseId',
] as const);

/** One threshold compared with the case's basis score. */
export interface ThresholdCheck {
  readonly target: 'criterion' | 'total';
  readonly criterionId?: string;
  readonly value: number | null;
  readonly threshold: number;
  readonly passed: boolean;
}

/** Why a case cannot be awarded. */
export type IneligibleReason =
  | { readonly code: 'no_score' }
  | { readonly code: 'too_few_reviews'; readonly reviewCount: number; readonly required: number }
  | { readonly code: 'unresolved_disagreement'; readonly status: DisagreementStatus }
  | {
      readonly code: 'below_criterion_threshold';
      readonly criterionId: string;
      readonly criterionName: LocalizedText;
      readonly value: number | null;
      readonly threshold: number;
    }
  | { readonly code: 'below_total_threshold'; readonly value: number | null; readonly threshold: number };

/** How a case was separated from the one ranked just above it. */
export interface Separation {
  readonly fromCaseId: string;
  /** The first key on which the two differ. */
  readonly decidedBy: RankKey;
  /** Keys on which they were equal before that; empty when they were not tied at all. */
  readonly tiedOn: readonly RankKey[];
}

/** A case's place in the ranking, with its score, threshold results and tie explanation. */
export interface RankedCase {
  /** 1-based and unique: ties are always broken, ending with the case id. */
  readonly rank: number;
  readonly caseId: string;
  readonly basis: ScoreBasis | 'consensus';
  readonly score: ScoreSet | null;
  readonly eligible: boolean;
  readonly thresholds: readonly ThresholdCheck[];
  readonly ineligibleReasons: readonly IneligibleReason[];
  readonly separation: Separation | null;
}

function keyOf(tieBreak: TieBreak): RankKey {
  return typeof tieBreak === 'string' ? tieBreak : `criterion:${tieBreak.criterion}`;
}

/** The chain a ranking will use: the configured one (or the default) with `caseId` appended when missing. */
export function effectiveTieBreaks(options: Pick<RankingOptions, 'tieBreaks'>): readonly TieBreak[] {
  const chain = options.tieBreaks ?? DEFAULT_TIE_BREAKS;
  return chain.includes('caseId') ? chain : [...chain, 'caseId'];
}

/** Checks ranking settings against the rubric: tie-break criteria must exist, minReviews must be a whole number. */
export function validateRankingOptions(rubric: Rubric, options: RankingOptions): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(rubric.criteria.map(({ id }) => id));
  (options.tieBreaks ?? []).forEach((tieBreak, index) => {
    if (typeof tieBreak !== 'string' && !known.has(tieBreak.criterion)) {
      errors.push({
        field: `tieBreaks[${index}].criterion`,
        code: 'unknown_criterion',
        params: { subject: 'criteria', criterionId: tieBreak.criterion },
      });
    }
  });
  const { minReviews } = options;
  if (minReviews !== undefined && !(Number.isInteger(minReviews) && minReviews >= 1)) {
    errors.push({
      field: 'minReviews',
      code: 'out_of_range',
      params: { subject: 'reviewCount', value: String(minReviews), min: 1 },
    });
  }
  return errors;
}

interface Prepared {
  readonly entry: RankingEntry;
  readonly caseId: string;
  readonly basis: ScoreBasis | 'consensus';
  readonly score: ScoreSet | null;
  readonly submittedAt: number | undefined;
  readonly thresholds: ThresholdCheck[];
  readonly ineligibleReasons: IneligibleReason[];
}

function compareNumbers(a: number | undefined, b: number | undefined, direction: 1 | -1): number {
  // A missing value always sorts after a present one, whichever way the key runs.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return a === b ? 0 : (a < b ? -1 : 1) * direction;
}

function compareOn(tieBreak: TieBreak | 'eligibility', a: Prepared, b: Prepared): number {
  if (tieBreak === 'eligibility') {
    return compareNumbers(
      a.ineligibleReasons.length === 0 ? 0 : 1,
      b.ineligibleReasons.length === 0 ? 0 : 1,
      1,
    );
  }
  if (tieBreak === 'total') return compareNumbers(a.score?.total, b.score?.total, -1);
  if (tieBreak === 'lowerRequestedAmount') {
    return compareNumbers(a.entry.requestedAmount, b.entry.requestedAmount, 1);
  }
  if (tieBreak === 'earlierSubmission') return compareNumbers(a.submittedAt, b.submittedAt, 1);
  if (tieBreak === 'caseId') return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
  return compareNumbers(a.score?.criteria[tieBreak.criterion], b.score?.criteria[tieBreak.criterion], -1);
}

function prepare(rubric: Rubric, entry: RankingEntry, options: RankingOptions): Prepared {
  const { summary } = entry;
  const consensus = (options.useConsensus ?? true) && summary.consensus !== null;
  const basis = consensus ? 'consensus' : options.basis;
  const score = consensus && summary.consensus ? summary.consensus.score : summary[options.basis];
  if (entry.requestedAmount !== undefined && !isFen(entry.requestedAmount)) {
    throw new RangeError(`case ${summary.caseId}: requestedAmount must be whole fen`);
  }
  const submittedAt = entry.submittedAt === undefined ? undefined : Date.parse(entry.submittedAt);
  if (submittedAt !== undefined && Number.isNaN(submittedAt)) {
    throw new RangeError(
      `case ${summary.caseId}: submittedAt ${entry.submittedAt} is not an ISO 8601 instant`,
    );
  }

  const thresholds: ThresholdCheck[] = [];
  const ineligibleReasons: IneligibleReason[] = [];
  if (score === null) ineligibleReasons.push({ code: 'no_score' });
  if (options.minReviews !== undefined && summary.reviewCount < options.minReviews) {
    ineligibleReasons.push({
      code: 'too_few_reviews',
      reviewCount: summary.reviewCount,
      required: options.minReviews,
    });
  }
  const { status } = summary.disagreement;
  if (
    (options.holdUnresolvedDisagreement ?? true) &&
    (status === 'needs_consensus' || status === 'needs_extra_reviewer')
  ) {
    ineligibleReasons.push({ code: 'unresolved_disagreement', status });
  }
  for (const { id, name, threshold } of rubric.criteria) {
    if (threshold === undefined) continue;
    const value = score?.criteria[id] ?? null;
    const passed = value !== null && value >= threshold;
    thresholds.push({ target: 'criterion', criterionId: id, value, threshold, passed });
    if (!passed) {
      ineligibleReasons.push({
        code: 'below_criterion_threshold',
        criterionId: id,
        criterionName: name,
        value,
        threshold,
      });
    }
  }
  if (rubric.totalThreshold !== undefined) {
    const value = score?.total ?? null;
    const passed = value !== null && value >= rubric.totalThreshold;
    thresholds.push({ target: 'total', value, threshold: rubric.totalThreshold, passed });
    if (!passed) {
      ineligibleReasons.push({ code: 'below_total_threshold', value, threshold: rubric.totalThreshold });
    }
  }
  return { entry, caseId: summary.caseId, basis, score, submittedAt, thresholds, ineligibleReasons };
}

/**
 * Ranks a program's cases. Eligible cases (no ineligible reason) come first, then the tie-break chain decides:
 * scores compare at their published 2 decimals, higher first; amounts and submission times lower first; a
 * missing value sorts last; `caseId` (code-unit order) ends every chain, so the order is total and the same
 * for any input order. Each case carries its threshold results and how it was separated from the case above.
 * Throws RangeError on duplicate case ids, unknown tie-break criteria or malformed amounts and instants.
 */
export function rankCases(
  rubric: Rubric,
  entries: readonly RankingEntry[],
  options: RankingOptions,
): RankedCase[] {
  const chain = effectiveTieBreaks(options);
  const errors = validateRankingOptions(rubric, options);
  if (errors.length > 0)
    throw new RangeError(`invalid ranking options: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
  const keys: (TieBreak | 'eligibility')[] = ['eligibility', ...chain];
  const rankKeys: RankKey[] = keys.map((key) => (key === 'eligibility' ? key : keyOf(key)));
  const prepared = entries.map((entry) => prepare(rubric, entry, options));
  const ids = new Set<string>();
  for (const { caseId } of prepared) {
    if (ids.has(caseId)) throw new RangeError(`case ${caseId} is listed twice`);
    ids.add(caseId);
  }
  // Index of the first key on which two cases differ, and the sign of that difference.
  const decide = (a: Prepared, b: Prepared): { index: number; order: number } => {
    for (let index = 0; index < keys.length; index++) {
      const order = compareOn(keys[index], a, b);
      if (order !== 0) return { index, order };
    }
    return { index: keys.length, order: 0 };
  };
  const sorted = [...prepared].sort((a, b) => decide(a, b).order);
  return sorted.map((current, position) => {
    let separation: Separation | null = null;
    if (position > 0) {
      const previous = sorted[position - 1];
      const { index } = decide(previous, current);
      separation = {
        fromCaseId: previous.caseId,
        decidedBy: rankKeys[index],
        tiedOn: rankKeys.slice(1, Math.max(1, index)),
      };
    }
    return {
      rank: position + 1,
      caseId: current.caseId,
      basis: current.basis,
      score: current.score,
      eligible: current.ineligibleReasons.length === 0,
      thresholds: current.thresholds,
      ineligibleReasons: current.ineligibleReasons,
      separation,
    };
  });
}
