import type { Fen } from '../money';
import {
  collector,
  METHOD_NAMES,
  type ProcurementReport,
  type ProcurementValidationError,
} from './procurement-errors';
import {
  DEFAULT_PROCUREMENT_RULES,
  requiredCommitteeSize,
  requiredExperts,
  type ProcurementRules,
} from './procurement-rules';
import type { ProcurementMethod } from '../review/scoring';

/** A member of an evaluation committee: an expert from the registry or the purchaser's representative. */
export interface CommitteeMember {
  userId: string;
  kind: 'expert' | 'purchaser_representative';
  /** The organization the member works for; a member from a bidder is conflicted. */
  organizationId?: string;
  /** Organizations the member declared a conflict of interest with (former employer, relatives, …). */
  declaredConflicts?: readonly string[];
}

/** What a committee is checked against: the project's method and budget, and who bid. */
export interface CommitteeContext {
  method: ProcurementMethod;
  budgetCeilingFen: Fen;
  /** Organizations that submitted bids. */
  bidderOrganizationIds: readonly string[];
  rules?: ProcurementRules;
}

/**
 * Checks a committee's size and share of experts: an odd number of members, at least the method's minimum (7 for
 * an open tender from ¥10,000,000), experts at least two thirds. Reports at `path` (size) and `path`.experts.
 */
export function checkCommitteeComposition(
  report: ProcurementReport,
  path: string,
  composition: { size: number; experts: number },
  context: Pick<CommitteeContext, 'method' | 'budgetCeilingFen' | 'rules'>,
): void {
  const rules = context.rules ?? DEFAULT_PROCUREMENT_RULES;
  const { size, experts } = composition;
  const minimum = requiredCommitteeSize(context.method, context.budgetCeilingFen, rules);
  const method = METHOD_NAMES[context.method] ?? { zh: context.method, en: context.method };
  if (!Number.isSafeInteger(size) || size < minimum) {
    report(path, 'committee_too_small', {
      zh: `${method.zh}的评审委员会至少需要 ${minimum} 人（现为 ${size} 人）`,
      en: `A committee for ${method.en} needs at least ${minimum} members (has ${size})`,
    });
  } else if (size % 2 === 0) {
    report(path, 'committee_size_even', {
      zh: `评审委员会须为单数（现为 ${size} 人）`,
      en: `A committee has an odd number of members (has ${size})`,
    });
  }
  const neededExperts = requiredExperts(Number.isSafeInteger(size) ? size : minimum, rules);
  if (!Number.isSafeInteger(experts) || experts < neededExperts || experts > size) {
    report(`${path}.experts`, 'too_few_experts', {
      zh: `${size} 人的评审委员会中专家不得少于 ${neededExperts} 人（三分之二），现为 ${experts} 人`,
      en: `A committee of ${size} needs at least ${neededExperts} experts (two thirds), has ${experts}`,
    });
  }
}

/**
 * Checks a committee as appointed: its composition (see checkCommitteeComposition), each member once, and no
 * member conflicted with a bidder (working for one, or having declared a conflict with one). Errors name the
 * member's place in the list, `members[2]`.
 */
export function validateCommittee(
  members: readonly CommitteeMember[],
  context: CommitteeContext,
): ProcurementValidationError[] {
  const { errors, report } = collector();
  checkCommitteeComposition(
    report,
    'members',
    { size: members.length, experts: members.filter((member) => member.kind === 'expert').length },
    context,
  );
  const bidders = new Set(context.bidderOrganizationIds);
  const seen = new Set<string>();
  members.forEach((member, index) => {
    const path = `members[${index}]`;
    if (seen.has(member.userId)) {
      report(`${path}.userId`, 'duplicate_member', {
        zh: `评审委员「${member.userId}」重复`,
        en: `Member "${member.userId}" is listed more than once`,
      });
    }
    seen.add(member.userId);
    const conflicts = [
      ...(member.organizationId && bidders.has(member.organizationId) ? [member.organizationId] : []),
      ...(member.declaredConflicts ?? []).filter((organizationId) => bidders.has(organizationId)),
    ];
    if (conflicts.length > 0) {
      report(path, 'member_conflict', {
        zh: `评审委员「${member.userId}」与投标人 ${[...new Set(conflicts)].join('、')} 存在利害关系，须回避`,
        en: `Member "${member.userId}" has a conflict of interest with bidder ${[...new Set(conflicts)].join(', ')} and must stand down`,
      });
    }
  });
  return errors;
}

/** The members free of conflicts with the bidders, so the assignment never draws a conflicted expert. */
export function eligibleCommitteeMembers(
  candidates: readonly CommitteeMember[],
  bidderOrganizationIds: readonly string[],
): CommitteeMember[] {
  const bidders = new Set(bidderOrganizationIds);
  return candidates.filter(
    (member) =>
      !(member.organizationId && bidders.has(member.organizationId)) &&
      !(member.declaredConflicts ?? []).some((organizationId) => bidders.has(organizationId)),
  );
}
