import {
  eligibleCommitteeMembers,
  validateCommittee,
  type CommitteeContext,
  type CommitteeMember,
} from './committee';

const expert = (userId: string, extra: Partial<CommitteeMember> = {}): CommitteeMember => ({
  userId,
  kind: 'expert',
  ...extra,
});
const representative = (userId: string): CommitteeMember => ({
  userId,
  kind: 'purchaser_representative',
  organizationId: 'civil-affairs-bureau',
});
const context: CommitteeContext = {
  method: 'open_tender',
  budgetCeilingFen: 120_000_000,
  bidderOrganizationIds: ['org-a', 'org-b', 'org-c'],
};
const codes = (members: CommitteeMember[], ctx = context) =>
  validateCommittee(members, ctx).map((error) => `${error.path}:${error.code}`);

describe('validateCommittee', () => {
  it('accepts five members of whom four are experts in an open tender', () => {
    expect(codes([expert('e1'), expert('e2'), expert('e3'), expert('e4'), representative('r1')])).toEqual([]);
  });

  it('needs two thirds experts and an odd size', () => {
    expect(
      codes([expert('e1'), expert('e2'), expert('e3'), representative('r1'), representative('r2')]),
    ).toEqual(['members.experts:too_few_experts']);
    expect(
      codes([expert('e1'), expert('e2'), expert('e3'), expert('e4'), expert('e5'), expert('e6')]),
    ).toEqual(['members:committee_size_even']);
  });

  it('needs 7 members for an open tender from ¥10,000,000 but 3 for a consultation', () => {
    const five = [expert('e1'), expert('e2'), expert('e3'), expert('e4'), representative('r1')];
    expect(codes(five, { ...context, budgetCeilingFen: 1_000_000_000 })).toEqual([
      'members:committee_too_small',
    ]);
    expect(
      codes([expert('e1'), expert('e2'), representative('r1')], {
        ...context,
        method: 'competitive_consultation',
        budgetCeilingFen: 1_000_000_000,
      }),
    ).toEqual([]);
  });

  it('names each member working for a bidder or with a declared conflict, and repeated members', () => {
    const errors = validateCommittee(
      [
        expert('e1', { organizationId: 'org-b' }),
        expert('e2', { declaredConflicts: ['org-x', 'org-c'] }),
        expert('e3'),
        expert('e3'),
        representative('r1'),
      ],
      context,
    );
    expect(errors.map((error) => `${error.path}:${error.code}`)).toEqual([
      'members[0]:member_conflict',
      'members[1]:member_conflict',
      'members[3].userId:duplicate_member',
    ]);
    expect(errors[1].message.zh).toBe('评审委员「e2」与投标人 org-c 存在利害关系，须回避');
  });

  it('leaves conflicted candidates out of the pool', () => {
    const pool = [
      expert('e1', { organizationId: 'org-a' }),
      expert('e2'),
      expert('e3', { declaredConflicts: ['org-b'] }),
    ];
    expect(eligibleCommitteeMembers(pool, context.bidderOrganizationIds).map((m) => m.userId)).toEqual([
      'e2',
    ]);
  });
});
