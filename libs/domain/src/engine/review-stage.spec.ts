import { createWorkingDayCalendar } from '../calendar';
import { GRANT_COMPETITION_TEMPLATE, testSizedTemplate } from '../templates';
import type { CaseContext } from './case-context';
import { decideCaseCommand, initialCaseState, nextCaseWakeUp } from './case-engine';
import type { CaseActionInput, CaseActor, CaseCommand, CaseState } from './case-state';

const context: CaseContext = {
  applicationId: 'app-7',
  programId: 'program-1',
  organizationId: 'org-7',
  street: '清波街道',
  requestedAmountFen: 3_000_000,
  template: testSizedTemplate(GRANT_COMPETITION_TEMPLATE, { secondsPerStep: 10 }),
  calendar: createWorkingDayCalendar({
    firstYear: 2026,
    lastYear: 2026,
    holidays: [],
    adjustedWorkingDays: [],
  }),
  features: { reviewDeadlines: true },
};
const reviewer = (id: string): CaseActor => ({ userId: id, roles: ['reviewer'] });
const chair: CaseActor = { userId: 'chair', roles: ['coordinator:district'] };

let clock = Date.parse('2026-05-11T02:00:00.000Z');
const at = (seconds = 1) => new Date((clock += seconds * 1000)).toISOString();

function run(state: CaseState, command: CaseCommand, now = at()): { state: CaseState; actions: string[] } {
  const decision = decideCaseCommand(context, state, command, now);
  if (decision.refusal) throw new Error(`refused: ${decision.refusal.code}`);
  return { state: decision.state, actions: decision.transitions.map((transition) => transition.action) };
}
const act = (state: CaseState, input: Omit<CaseActionInput, 'actor'>, actor: CaseActor) =>
  run(state, { type: 'action', input: { ...input, actor } }).state;

// A case in district review (100-point sheet, three reviewers, consensus on disagreement).
function inDistrictReview(): CaseState {
  let state = initialCaseState(context, at(), new Date(clock + 3600_000).toISOString());
  state = act(
    state,
    { action: 'submit', revision: 1 },
    { userId: 'u', roles: ['applicant'], organizationId: 'org-7' },
  );
  state = run(state, { type: 'program', notice: { type: 'stage_closed', stageKey: 'solicitation' } }).state;
  state = act(
    state,
    { action: 'screen', decision: 'eligible' },
    { userId: 's', roles: ['coordinator:street'], scope: '清波街道' },
  );
  state = run(state, {
    type: 'program',
    notice: { type: 'stage_closed', stageKey: 'eligibility-screening' },
  }).state;
  state = run(state, {
    type: 'program',
    notice: {
      type: 'stage_outcome',
      stageKey: 'street-review',
      outcome: 'advanced',
      nextStageDeadline: new Date(clock + 60_000).toISOString(),
    },
  }).state;
  return run(state, {
    type: 'program',
    notice: { type: 'reviewers_assigned', stageKey: 'district-review', reviewerIds: ['d1', 'd2', 'd3'] },
  }).state;
}

const sheet = (necessity: number, feasibility: number) => ({
  scores: { necessity, feasibility, teamCapacity: 15, budgetReasonableness: 10, socialBenefit: 10 },
});

describe('review stage with due dates, replacements and disagreement', () => {
  it('reminds a reviewer before the due date and hands an expired review to an alternate', () => {
    let state = inDistrictReview();
    const assignment = state.reviewAssignments!.find((candidate) => candidate.reviewerId === 'd2')!;
    expect(assignment.dueAt).toBe(state.stageDeadline);
    expect(
      nextCaseWakeUp(context, state)! <= new Date(Date.parse(assignment.remindAt) + 1).toISOString(),
    ).toBe(true);

    state = act(state, { action: 'submit_review', ...sheet(15, 20) }, reviewer('d1'));
    state = act(state, { action: 'submit_review', ...sheet(16, 21) }, reviewer('d3'));
    const reminded = run(
      state,
      { type: 'clock' },
      new Date(Date.parse(assignment.remindAt) + 1).toISOString(),
    );
    expect(
      reminded.state.reviewAssignments!.find((candidate) => candidate.reviewerId === 'd2')!.reminded,
    ).toBe(true);

    const expired = run(
      reminded.state,
      { type: 'clock' },
      new Date(Date.parse(assignment.dueAt) + 1).toISOString(),
    );
    expect(expired.actions).toEqual(['deadline', 'review_expired']);
    expect(expired.state).toMatchObject({
      replacementsNeeded: 1,
      phase: 'awaiting_reviewers',
      reviewers: ['d1', 'd3'],
    });
    const late = decideCaseCommand(
      context,
      expired.state,
      { type: 'action', input: { action: 'submit_review', ...sheet(15, 20), actor: reviewer('d2') } },
      at(),
    );
    expect(late.refusal?.code).toBe('not_assigned');

    state = run(expired.state, {
      type: 'program',
      notice: {
        type: 'reviewers_assigned',
        stageKey: 'district-review',
        reviewerIds: ['d4'],
        replacement: true,
      },
    }).state;
    expect(state.replacementsNeeded).toBe(0);
    expect(Date.parse(state.reviewAssignments!.at(-1)!.dueAt)).toBeGreaterThan(Date.parse(assignment.dueAt));
    state = act(state, { action: 'submit_review', ...sheet(15, 22) }, reviewer('d4'));
    expect(state.phase).toBe('reviews_complete');
  });

  it('moves the open reviews with the stage when a coordinator extends it', () => {
    let state = act(inDistrictReview(), { action: 'submit_review', ...sheet(15, 20) }, reviewer('d1'));
    const until = new Date(Date.parse(state.stageDeadline!) + 3_600_000).toISOString();
    state = run(state, {
      type: 'program',
      notice: { type: 'deadline_moved', stageKey: 'district-review', deadline: until },
    }).state;
    expect(
      state.reviewAssignments!.map((assignment) => [assignment.reviewerId, assignment.dueAt === until]),
    ).toEqual([
      ['d1', false],
      ['d2', true],
      ['d3', true],
    ]);
  });

  it('replaces a reviewer who recuses, and never reassigns the one who left', () => {
    const state = act(
      inDistrictReview(),
      { action: 'declare_conflict', reason: '曾为该组织顾问' },
      reviewer('d1'),
    );
    expect(state).toMatchObject({ replacementsNeeded: 1, reviewers: ['d2', 'd3'] });
    const again = decideCaseCommand(
      context,
      state,
      {
        type: 'program',
        notice: {
          type: 'reviewers_assigned',
          stageKey: 'district-review',
          reviewerIds: ['d1'],
          replacement: true,
        },
      },
      at(),
    );
    expect(again.refusal).toBeUndefined();
    expect(again.refusal === undefined && again.state.reviewers).toEqual(['d2', 'd3']);
  });

  it('sends a case whose reviewers disagree to consensus, which the chair records with a justification', () => {
    let state = inDistrictReview();
    state = act(state, { action: 'submit_review', ...sheet(18, 28) }, reviewer('d1'));
    state = act(state, { action: 'submit_review', ...sheet(17, 27) }, reviewer('d2'));
    const flagged = run(state, {
      type: 'action',
      input: { action: 'submit_review', ...sheet(6, 10), actor: reviewer('d3') },
    });
    expect(flagged.actions).toEqual(['submit_review', 'disagreement_flagged']);
    expect(flagged.state.disagreement?.status).toBe('needs_consensus');
    expect(flagged.state.disagreement?.flags.map((flag) => flag.criterionId ?? flag.target)).toEqual(
      expect.arrayContaining(['necessity', 'feasibility', 'total']),
    );

    const short = decideCaseCommand(
      context,
      flagged.state,
      {
        type: 'action',
        input: { action: 'resolve_disagreement', ...sheet(14, 22), reason: '太短', actor: chair },
      },
      at(),
    );
    expect(short.refusal?.fields?.map((field) => field.field)).toContain('justification');
    state = act(
      flagged.state,
      {
        action: 'resolve_disagreement',
        ...sheet(14, 22),
        reason: '经合议，第三位专家的顾虑部分成立，取中间值',
      },
      chair,
    );
    expect(state.consensus).toMatchObject({ chairId: 'chair', total: 71 });
    expect(state.disagreement?.status).toBe('resolved');
    expect(state.reviews.map((review) => review.total)).toEqual([81, 79, 51]);
  });

  it('asks for one more reviewer when the street stage says so', () => {
    let state = initialCaseState(context, at(), new Date(clock + 3600_000).toISOString());
    state = act(
      state,
      { action: 'submit', revision: 1 },
      { userId: 'u', roles: ['applicant'], organizationId: 'org-7' },
    );
    state = run(state, { type: 'program', notice: { type: 'stage_closed', stageKey: 'solicitation' } }).state;
    state = act(
      state,
      { action: 'screen', decision: 'eligible' },
      { userId: 's', roles: ['coordinator:street'], scope: '清波街道' },
    );
    state = run(state, {
      type: 'program',
      notice: {
        type: 'stage_closed',
        stageKey: 'eligibility-screening',
        nextStageDeadline: new Date(clock + 60_000).toISOString(),
      },
    }).state;
    state = run(state, {
      type: 'program',
      notice: { type: 'reviewers_assigned', stageKey: 'street-review', reviewerIds: ['s1', 's2'] },
    }).state;
    state = act(
      state,
      { action: 'submit_review', scores: { excellence: 5, impact: 5, implementation: 5 } },
      reviewer('s1'),
    );
    state = act(
      state,
      { action: 'submit_review', scores: { excellence: 3, impact: 3, implementation: 3 } },
      reviewer('s2'),
    );
    expect(state).toMatchObject({ replacementsNeeded: 1, disagreement: { status: 'needs_extra_reviewer' } });
    state = run(state, {
      type: 'program',
      notice: {
        type: 'reviewers_assigned',
        stageKey: 'street-review',
        reviewerIds: ['s3'],
        replacement: true,
      },
    }).state;
    state = act(
      state,
      { action: 'submit_review', scores: { excellence: 4, impact: 4, implementation: 4 } },
      reviewer('s3'),
    );
    expect(state).toMatchObject({ phase: 'reviews_complete', disagreement: { status: 'resolved' } });
  });
});
