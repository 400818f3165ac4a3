import type { LocalizedText } from '../cases';
import type { Fen } from '../money';
import { PRICE_WEIGHT_LIMITS, type ProcurementMethod } from '../review/scoring';
import type { EvaluationGradeBand } from '../templates';

/** The procurement methods a purchase of services may use. */
export const PROCUREMENT_METHODS: readonly ProcurementMethod[] = Object.freeze([
  'open_tender',
  'competitive_consultation',
] as const);

/** What makes a payment milestone due: a delivery report accepted, or a passed performance evaluation. */
export type MilestoneEvent =
  { event: 'delivery'; reportKey: string } | { event: 'evaluation'; phase: 'midterm' | 'final' };

/** One instalment of the contract price, as a whole percentage of it, tied to a delivery or evaluation event. */
export interface PaymentMilestone {
  key: string;
  name: LocalizedText;
  percent: number;
  on: MilestoneEvent;
}

/**
 * The payment schedule the government-procurement template carries when a department keeps it: 30% once the first
 * delivery is accepted, 30% after a passed mid-term evaluation, 40% after a passed final one.
 */
export const STANDARD_PAYMENT_MILESTONES: readonly PaymentMilestone[] = Object.freeze([
  {
    key: 'first-delivery',
    name: { zh: '首期款（首期交付验收后）', en: 'First payment, on the first delivery accepted' },
    percent: 30,
    on: { event: 'delivery', reportKey: 'first-delivery' },
  },
  {
    key: 'midterm',
    name: { zh: '中期款（中期评估合格后）', en: 'Mid-term payment, after a passed evaluation' },
    percent: 30,
    on: { event: 'evaluation', phase: 'midterm' },
  },
  {
    key: 'final',
    name: { zh: '尾款（末期评估合格后）', en: 'Final payment, after a passed final evaluation' },
    percent: 40,
    on: { event: 'evaluation', phase: 'final' },
  },
] as const);

/** The planned evaluation committee (评标委员会 / 磋商小组): how many members, how many of them experts. */
export interface CommitteePlan {
  size: number;
  experts: number;
}

/** What a purchasing department sets for one project (政府购买服务). */
export interface ProcurementSettings {
  method: ProcurementMethod;
  /** Budget ceiling (最高限价) in fen; no bid above it is valid. */
  budgetCeilingFen: Fen;
  /** Weight of the price part of the comprehensive score, in percent with at most 2 decimals. */
  priceWeightPercent: number;
  /** Fewest valid bids after qualification; fewer makes the tender unsuccessful (流标). */
  minValidBids: number;
  /** Working days from publication to the bid deadline. */
  tenderPeriodWorkingDays: number;
  /** Working days the department has to confirm the award after the committee's recommendation. */
  confirmationWorkingDays: number;
  committee: CommitteePlan;
  paymentMilestones: PaymentMilestone[];
  /** Performance grade bands; the usual 优秀/良好/合格/不合格 when absent. */
  grades?: EvaluationGradeBand[];
}

/** The limits a project's settings are checked against; DOMAIN.md's numbers are the defaults. */
export interface ProcurementRules {
  /** Allowed price weight per method, in percent. */
  priceWeight: Readonly<Record<ProcurementMethod, { readonly min: number; readonly max: number }>>;
  /** Smallest committee per method. */
  minCommitteeSize: Readonly<Record<ProcurementMethod, number>>;
  /** From this budget ceiling up (fen), an open tender's committee has at least `largeCommitteeSize` members. */
  largeProjectFen: Fen;
  largeCommitteeSize: number;
  /** Experts make up at least numerator ÷ denominator of the committee. */
  expertShare: { readonly numerator: number; readonly denominator: number };
  /** Smallest minimum number of valid bids a project may set, per method. */
  minValidBids: Readonly<Record<ProcurementMethod, number>>;
  /** Shortest tender period per method, in working days. */
  minTenderWorkingDays: Readonly<Record<ProcurementMethod, number>>;
  /** Longest time the department may take to confirm an award, in working days. */
  maxConfirmationWorkingDays: number;
}

/**
 * Defaults from DOMAIN.md: price weight ≥ 10 % in open tender and 10–30 % in competitive consultation; committees
 * odd, at least 5 (open tender; 7 from ¥10,000,000) or 3 (consultation), experts at least two thirds; at least 3
 * valid bids. Where DOMAIN.md gives no number, the national rules do: a tender period of 20 days (open tender)
 * or 10 days (consultation), counted here in working days, which is never shorter than the calendar days the
 * law counts; confirmation of the award within 5 working days of the committee's report.
 */
export const DEFAULT_PROCUREMENT_RULES: ProcurementRules = Object.freeze({
  priceWeight: PRICE_WEIGHT_LIMITS,
  minCommitteeSize: Object.freeze({ open_tender: 5, competitive_consultation: 3 }),
  // ¥10,000,000 in fen.
  largeProjectFen: 1_000_000_000,
  largeCommitteeSize: 7,
  expertShare: Object.freeze({ numerator: 2, denominator: 3 }),
  minValidBids: Object.freeze({ open_tender: 3, competitive_consultation: 3 }),
  minTenderWorkingDays: Object.freeze({ open_tender: 20, competitive_consultation: 10 }),
  maxConfirmationWorkingDays: 5,
});

/** The project's rules: the defaults with whatever the project overrides. */
export function procurementRules(overrides: Partial<ProcurementRules> = {}): ProcurementRules {
  return { ...DEFAULT_PROCUREMENT_RULES, ...overrides };
}

/** Smallest committee the method and budget need: 3 or 5, and 7 for an open tender from ¥10,000,000. */
export function requiredCommitteeSize(
  method: ProcurementMethod,
  budgetCeilingFen: Fen,
  rules: ProcurementRules = DEFAULT_PROCUREMENT_RULES,
): number {
  const base = rules.minCommitteeSize[method];
  if (method === 'open_tender' && budgetCeilingFen >= rules.largeProjectFen) {
    return Math.max(base, rules.largeCommitteeSize);
  }
  return base;
}

/** Fewest experts a committee of this size needs (two thirds, rounded up). */
export function requiredExperts(size: number, rules: ProcurementRules = DEFAULT_PROCUREMENT_RULES): number {
  const { numerator, denominator } = rules.expertShare;
  return Math.ceil((size * numerator) / denominator);
}
