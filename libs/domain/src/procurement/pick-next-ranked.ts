import type { ActionRefusal } from '../cases';
import type { Fen } from '../money';

/** One line of an award proposal, as the decision stage stored it for confirmation. */
export interface ProposalLine {
  applicationId: string;
  outcome: 'awarded' | 'declined';
  tier: string | null;
  amountFen: Fen | null;
  rank: number;
  /** Place on the reserve list (1 first) of a declined line; null when it is not on it. */
  reservePosition: number | null;
  /** What the case asked for (a bid: its price). */
  requestedFen: Fen;
  unfundedReason: string | null;
  reason: string;
}

/** What a department's choice of the next ranked needs: why, which award it passes over, and the limits. */
export interface PickNextRankedInput {
  reason: string;
  /** The award passed over; may be left out when there is exactly one. */
  passOverApplicationId?: string;
  budgetFen: Fen;
  /** Largest award per tier, by tier key (absent: no cap). */
  tierCapsFen: Readonly<Record<string, Fen | undefined>>;
}

const refuse = (kind: ActionRefusal['kind'], code: string, zh: string, en: string): ActionRefusal => ({
  kind,
  code,
  message: { zh, en },
});

/**
 * The department does not confirm the recommended award but the next ranked (采购人依法确定排名第二的中标候选人),
 * with its reason: the award passed over is declined (`passed_over`) and the head of the reserve list takes its
 * tier, receiving what it asked for within the tier cap and the budget; the rest of the reserve list moves up.
 * Returns the new proposal lines, or why the choice is not possible.
 */
export function pickNextRanked(
  lines: readonly ProposalLine[],
  input: PickNextRankedInput,
): { lines: ProposalLine[] } | { refusal: ActionRefusal } {
  const reason = input.reason?.trim();
  if (!reason) {
    return {
      refusal: refuse(
        'invalid',
        'reason_required',
        '改选下一名须说明理由',
        'Picking the next ranked needs a reason',
      ),
    };
  }
  const awarded = lines.filter((line) => line.outcome === 'awarded');
  const passedOver = input.passOverApplicationId
    ? awarded.find((line) => line.applicationId === input.passOverApplicationId)
    : awarded.length === 1
      ? awarded[0]
      : undefined;
  if (!passedOver) {
    return {
      refusal: refuse(
        'invalid',
        'unknown_award',
        '须指明要改选的中标（资助）对象',
        'Name the award to pass over; it must be one of the proposed awards',
      ),
    };
  }
  const next = lines.find((line) => line.outcome === 'declined' && line.reservePosition === 1);
  if (!next) {
    return {
      refusal: refuse('conflict', 'no_reserve', '候补名单为空，无可改选对象', 'The reserve list is empty'),
    };
  }
  const tier = passedOver.tier as string;
  const cap = input.tierCapsFen[tier] ?? Number.MAX_SAFE_INTEGER;
  const otherAwards = awarded
    .filter((line) => line !== passedOver)
    .reduce((sum, line) => sum + (line.amountFen ?? 0), 0);
  const amountFen = Math.min(next.requestedFen, cap);
  if (otherAwards + amountFen > input.budgetFen) {
    return {
      refusal: refuse(
        'conflict',
        'over_budget',
        '下一名的报价（申请额）超出剩余预算',
        'The next ranked asks for more than the budget leaves',
      ),
    };
  }
  return {
    lines: lines.map((line): ProposalLine => {
      if (line === passedOver) {
        return {
          ...line,
          outcome: 'declined',
          tier: null,
          amountFen: null,
          reservePosition: null,
          unfundedReason: 'passed_over',
          reason: `采购人改选下一名：${reason}`,
        };
      }
      if (line === next) {
        return {
          ...line,
          outcome: 'awarded',
          tier,
          amountFen,
          reservePosition: null,
          unfundedReason: null,
          reason: `采购人确定为中标（资助）对象，金额 ${amountFen / 100} 元：${reason}`,
        };
      }
      if (line.outcome === 'declined' && line.reservePosition !== null) {
        return { ...line, reservePosition: line.reservePosition - 1 };
      }
      return line;
    }),
  };
}
