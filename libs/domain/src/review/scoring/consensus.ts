import type { CaseScoreSummary, ConsensusRecord } from './aggregation';
import { SCORE_DECIMALS, roundHalfUp } from './decimal';
import { type FieldError, reportValue } from './field-error';
import type { Rubric } from './rubric';
import { parseScoreSheet } from './score-sheet';

/** What a chair submits to settle a disagreement: a full score sheet and the reason for it. */
export interface ConsensusInput {
  readonly chairId?: unknown;
  readonly scores?: unknown;
  readonly comments?: unknown;
  readonly justification?: unknown;
}

/** Options of applyConsensus. */
export interface ConsensusOptions {
  /** Fewest characters (Unicode code points) a justification may have; default 10. */
  readonly minJustificationLength?: number;
  /** Refuse unless the case waits for a consensus (default true); false lets a panel record one on any case. */
  readonly requireDisagreement?: boolean;
}

/** The updated summary with the decided score, or the refused fields. */
export type ConsensusResult =
  | { readonly ok: true; readonly summary: CaseScoreSummary; readonly consensus: ConsensusRecord }
  | { readonly ok: false; readonly errors: FieldError[] };

// Ten characters is a short Chinese sentence: enough to state a reason, not enough for a placeholder like "ok".
const DEFAULT_MIN_JUSTIFICATION_LENGTH = 10;

/**
 * Records a chair's consensus score on a case flagged for disagreement: validates the consensus sheet like a
 * review (`scores.<id>`, `comments.<id>`), the chair id and the justification, and returns a new summary whose
 * `consensus` holds the decided score. The raw reviews and their statistics are carried over unchanged.
 */
export function applyConsensus(
  rubric: Rubric,
  summary: CaseScoreSummary,
  input: ConsensusInput,
  options: ConsensusOptions = {},
): ConsensusResult {
  const minLength = options.minJustificationLength ?? DEFAULT_MIN_JUSTIFICATION_LENGTH;
  const errors: FieldError[] = [];
  const { status } = summary.disagreement;
  if (options.requireDisagreement ?? true) {
    if (status === 'resolved_by_consensus') {
      errors.push({
        field: 'disagreement',
        code: 'consensus_already_recorded',
        params: { subject: 'disagreement' },
      });
    } else if (status !== 'needs_consensus') {
      errors.push({
        field: 'disagreement',
        code: 'consensus_not_required',
        params: { subject: 'disagreement' },
      });
    }
  }
  const { chairId, justification } = input;
  if (typeof chairId !== 'string' || chairId.trim() === '') {
    errors.push({
      field: 'chairId',
      code: 'required',
      params: { subject: 'chair', value: reportValue(chairId) },
    });
  }
  const sheet = parseScoreSheet(rubric, { scores: input.scores, comments: input.comments });
  if (!sheet.ok) errors.push(...sheet.errors);
  if (
    justification === undefined ||
    justification === null ||
    (typeof justification === 'string' && !justification.trim())
  ) {
    errors.push({ field: 'justification', code: 'required', params: { subject: 'justification' } });
  } else if (typeof justification !== 'string') {
    errors.push({
      field: 'justification',
      code: 'wrong_type',
      params: { subject: 'justification', expected: 'text' },
    });
  } else if ([...justification.trim()].length < minLength) {
    errors.push({
      field: 'justification',
      code: 'too_short',
      params: { subject: 'justification', minLength },
    });
  }
  if (errors.length > 0 || !sheet.ok) return { ok: false, errors };

  const consensus: ConsensusRecord = {
    chairId: chairId as string,
    scores: { ...sheet.sheet.scores },
    comments: { ...sheet.sheet.comments },
    justification: (justification as string).trim(),
    score: {
      total: sheet.total,
      criteria: Object.fromEntries(
        Object.entries(sheet.sheet.scores).map(([id, value]) => [id, roundHalfUp(value, SCORE_DECIMALS)]),
      ),
    },
  };
  const disagreement = summary.disagreement.flagged
    ? { ...summary.disagreement, status: 'resolved_by_consensus' as const }
    : summary.disagreement;
  return { ok: true, consensus, summary: { ...summary, disagreement, consensus } };
}
