import { createWorkingDayCalendar } from '../calendar';
import { GRANT_COMPETITION_TEMPLATE, testSizedTemplate } from '../templates';
import type { CaseContext } from './case-context';
import { decideCaseCommand, initialCaseState, nextCaseWakeUp, type CaseDecision } from './case-engine';
import type { CaseActionInput, CaseActor, CaseCommand, CaseState, ProgramNotice } from './case-state';

const template = testSizedTemplate(GRANT_COMPETITION_TEMPLATE, { secondsPerStep: 10 });
const context: CaseContext = {
  applicationId: 'app-1',
  programId: 'program-1',
  organizationId: 'org-1',
  street: '紫阳街道',
  requestedAmountFen: 4_000_000,
  template,
  calendar: createWorkingDayCalendar({
    firstYear: 2026,
    lastYear: 2026,
    holidays: [],
    adjustedWorkingDays: [],
  }),
};

const applicant: CaseActor = { userId: 'u-applicant', roles: ['applicant'], organizationId: 'org-1' };
const streetCoordinator: CaseActor = { userId: 'u-street', roles: ['coordinator:street'], scope: '紫阳街道' };
const otherStreet: CaseActor = { userId: 'u-other', roles: ['coordinator:street'], scope: '湖滨街道' };
const district: CaseActor = { userId: 'u-district', roles: ['coordinator:district'] };
const evaluator: CaseActor = { userId: 'u-evaluator', roles: ['evaluator'] };
const reviewer = (id: string): CaseActor => ({ userId: id, roles: ['reviewer'] });

let clock = Date.parse('2026-03-02T01:00:00.000Z');
const tick = (seconds = 1) => new Date((clock += seconds * 1000)).toISOString();

function run(state: CaseState, command: CaseCommand, at = tick()): CaseState {
  const decision = decideCaseCommand(context, state, command, at);
  if (decision.refusal) throw new Error(`refused: ${decision.refusal.code} ${decision.refusal.message.en}`);
  return decision.state;
}
const act = (state: CaseState, input: Omit<CaseActionInput, 'actor'>, actor: CaseActor) =>
  run(state, { type: 'action', input: { ...input, actor } });
const program = (state: CaseState, notice: ProgramNotice) => run(state, { type: 'program', notice });
const refusalOf = (state: CaseState, input: Omit<CaseActionInput, 'actor'>, actor: CaseActor, at = tick()) =>
  (
    decideCaseCommand(context, state, { type: 'action', input: { ...input, actor } }, at) as Extract<
      CaseDecision,
      { refusal: object }
    >
  ).refusal;

function submitted(): CaseState {
  const draft = initialCaseState(context, tick(), new Date(clock + 3600_000).toISOString());
  return act(draft, { action: 'submit', revision: 1 }, applicant);
}

describe('case engine on the grant-competition template', () => {
  it('carries a case from submission to closure, releasing every tranche', () => {
    let state = submitted();
    expect(state).toMatchObject({ stage: 'solicitation', phase: 'submitted', revision: 1, sequence: 1 });

    state = program(state, { type: 'stage_closed', stageKey: 'solicitation' });
    expect(state.stage).toBe('eligibility-screening');
    state = act(
      state,
      { action: 'screen', decision: 'eligible', checks: { 'materials-complete': true } },
      streetCoordinator,
    );
    expect(state).toMatchObject({ stage: 'eligibility-screening', phase: 'decided_eligible' });
    state = program(state, { type: 'stage_closed', stageKey: 'eligibility-screening' });
    expect(state.stage).toBe('street-review');

    state = program(state, {
      type: 'reviewers_assigned',
      stageKey: 'street-review',
      reviewerIds: ['r1', 'r2'],
    });
    const euSheet = { scores: { excellence: 4, impact: 3.5, implementation: 4 } };
    state = act(state, { action: 'submit_review', ...euSheet }, reviewer('r1'));
    state = act(state, { action: 'submit_review', ...euSheet }, reviewer('r2'));
    expect(state.reviews.map((review) => [review.reviewerId, review.total, review.revision])).toEqual([
      ['r1', 11.5, 1],
      ['r2', 11.5, 1],
    ]);
    state = program(state, { type: 'stage_outcome', stageKey: 'street-review', outcome: 'advanced' });
    expect(state).toMatchObject({ stage: 'district-review', reviews: [] });

    state = program(state, { type: 'stage_outcome', stageKey: 'district-review', outcome: 'advanced' });
    state = program(state, {
      type: 'stage_outcome',
      stageKey: 'decision',
      outcome: 'awarded',
      award: { tier: 'key_funding', amountFen: 3_000_001 },
    });
    expect(state.stage).toBe('public-notice');
    expect(state.tranches.map((tranche) => tranche.amountFen)).toEqual([1_500_000, 900_000, 600_001]);

    state = program(state, { type: 'stage_closed', stageKey: 'public-notice' });
    expect(state).toMatchObject({ stage: 'agreement', phase: 'awaiting_signatures' });
    state = act(state, { action: 'sign_agreement' }, applicant);
    expect(state.phase).toBe('partially_signed');
    state = act(state, { action: 'sign_agreement' }, district);
    expect(state.stage).toBe('implementation');
    expect(state.tranches[0].status).toBe('released');

    state = act(state, { action: 'submit_report', reportKey: 'progress-report' }, applicant);
    state = act(state, { action: 'accept_report', reportKey: 'progress-report' }, district);
    state = act(state, { action: 'record_outcome', outcome: 'completed', reason: '按期完成' }, district);
    expect(state.stage).toBe('midterm-evaluation');
    state = act(state, { action: 'record_evaluation', score: 85 }, evaluator);
    expect(state.evaluations[0]).toMatchObject({ grade: 'good', passed: true });
    expect(state.tranches[1].status).toBe('released');

    state = act(state, { action: 'record_outcome', outcome: 'completed', reason: '交付完成' }, district);
    state = act(state, { action: 'record_evaluation', score: 92 }, evaluator);
    expect(state.stage).toBe('closure');
    expect(refusalOf(state, { action: 'close' }, district)?.code).toBe('final_accounts_missing');
    state = act(state, { action: 'submit_report' }, applicant);
    state = act(state, { action: 'accept_report' }, district);
    state = act(state, { action: 'close' }, district);
    expect(state).toMatchObject({ stage: 'closed', terminal: 'closed' });
    expect(state.tranches.every((tranche) => tranche.status === 'released')).toBe(true);
  });

  it('withdraws a case whose revision deadline passes, when time alone moves it', () => {
    let state = act(submitted(), { action: 'request_revision', reason: '缺少预算明细' }, streetCoordinator);
    expect(state.phase).toBe('revision_requested');
    const wakeUp = nextCaseWakeUp(context, state)!;
    expect(wakeUp > state.revisionRequest!.deadline).toBe(true);
    const quiet = decideCaseCommand(context, state, { type: 'clock' }, state.revisionRequest!.deadline);
    expect(quiet).toMatchObject({ transitions: [] });
    state = run(state, { type: 'clock' }, wakeUp);
    expect(state).toMatchObject({ stage: 'withdrawn', terminal: 'withdrawn' });
  });

  it('keeps a resubmitted case as a new revision and scores refer to it', () => {
    let state = act(submitted(), { action: 'request_revision', reason: '补充材料' }, streetCoordinator);
    state = act(state, { action: 'resubmit', revision: 2 }, applicant);
    expect(state).toMatchObject({ phase: 'submitted', revision: 2, revisionRequest: null });
    expect(refusalOf(state, { action: 'resubmit', revision: 3 }, applicant)?.code).toBe(
      'no_revision_requested',
    );
  });

  it('refuses illegal actions with reasons and changes nothing', () => {
    const state = submitted();
    expect(refusalOf(state, { action: 'submit', revision: 1 }, applicant)?.code).toBe('already_submitted');
    expect(refusalOf(state, { action: 'screen', decision: 'eligible' }, streetCoordinator)).toMatchObject({
      kind: 'conflict',
      code: 'wrong_stage',
    });
    expect(refusalOf(state, { action: 'request_revision', reason: 'x' }, otherStreet)).toMatchObject({
      kind: 'forbidden',
    });
    expect(refusalOf(state, { action: 'withdraw' }, { ...applicant, organizationId: 'org-2' })).toMatchObject(
      { kind: 'forbidden', code: 'not_applicant' },
    );
    expect(refusalOf(state, { action: 'request_revision' }, streetCoordinator)).toMatchObject({
      kind: 'invalid',
      code: 'reason_required',
    });
  });

  it('refuses a review from someone not assigned and a sheet off the scale, naming the field', () => {
    let state = program(submitted(), { type: 'stage_closed', stageKey: 'solicitation' });
    state = act(state, { action: 'screen', decision: 'eligible' }, streetCoordinator);
    state = program(state, { type: 'stage_closed', stageKey: 'eligibility-screening' });
    state = program(state, { type: 'reviewers_assigned', stageKey: 'street-review', reviewerIds: ['r1'] });
    expect(refusalOf(state, { action: 'submit_review', scores: {} }, reviewer('r9'))?.code).toBe(
      'not_assigned',
    );
    const refused = refusalOf(
      state,
      { action: 'submit_review', scores: { excellence: 7, impact: 3, implementation: 3.3 } },
      reviewer('r1'),
    );
    expect(refused?.kind).toBe('invalid');
    expect(refused?.fields?.map((field) => field.field).sort()).toEqual([
      'scores.excellence',
      'scores.implementation',
    ]);
  });

  it('lapses an unsigned agreement at its deadline, as the template says', () => {
    let state = program(submitted(), { type: 'stage_closed', stageKey: 'solicitation' });
    state = act(state, { action: 'screen', decision: 'eligible' }, streetCoordinator);
    state = program(state, { type: 'stage_closed', stageKey: 'eligibility-screening' });
    state = program(state, { type: 'stage_outcome', stageKey: 'street-review', outcome: 'advanced' });
    state = program(state, { type: 'stage_outcome', stageKey: 'district-review', outcome: 'advanced' });
    state = program(state, {
      type: 'stage_outcome',
      stageKey: 'decision',
      outcome: 'awarded',
      award: { tier: 'shortlist', amountFen: 1_000_000 },
    });
    state = act(
      state,
      { action: 'object', reason: '该组织存在虚报' },
      { userId: 'citizen', roles: ['public'] },
    );
    state = program(state, { type: 'stage_closed', stageKey: 'public-notice' });
    expect(state).toMatchObject({ stage: 'public-notice', phase: 'objection_pending' });
    state = act(
      state,
      { action: 'resolve_objection', objectionId: 'objection-1', upheld: false, reason: '经核实不成立' },
      district,
    );
    expect(state.stage).toBe('agreement');
    const late = new Date(Date.parse(state.stageDeadline!) + 1).toISOString();
    expect(refusalOf(state, { action: 'sign_agreement' }, applicant, late)?.code).toBe('deadline_passed');
    state = run(state, { type: 'clock' }, late);
    expect(state).toMatchObject({ stage: 'withdrawn', terminal: 'withdrawn' });
  });

  it('stops the remaining tranches after a failing mid-term evaluation', () => {
    let state = program(submitted(), { type: 'stage_closed', stageKey: 'solicitation' });
    state = act(state, { action: 'screen', decision: 'eligible' }, streetCoordinator);
    for (const notice of [
      { type: 'stage_closed', stageKey: 'eligibility-screening' },
      { type: 'stage_outcome', stageKey: 'street-review', outcome: 'advanced' },
      { type: 'stage_outcome', stageKey: 'district-review', outcome: 'advanced' },
      {
        type: 'stage_outcome',
        stageKey: 'decision',
        outcome: 'awarded',
        award: { tier: 'shortlist', amountFen: 2_000_000 },
      },
      { type: 'stage_closed', stageKey: 'public-notice' },
    ] as ProgramNotice[])
      state = program(state, notice);
    state = act(state, { action: 'sign_agreement' }, applicant);
    state = act(state, { action: 'sign_agreement' }, district);
    state = act(state, { action: 'record_outcome', outcome: 'completed', reason: '期满' }, district);
    const decision = decideCaseCommand(
      context,
      state,
      { type: 'action', input: { action: 'record_evaluation', score: 55, actor: evaluator } },
      tick(),
    );
    if (decision.refusal) throw new Error('refused');
    expect(decision.transitions.map((transition) => transition.action)).toEqual([
      'record_evaluation',
      'tranches_stopped',
    ]);
    expect(decision.state.tranches.map((tranche) => tranche.status)).toEqual([
      'released',
      'stopped',
      'stopped',
    ]);
    expect(decision.state.stage).toBe('implementation-continued');
  });
});
