import { createWorkingDayCalendar } from '../calendar';
import {
  GOVERNMENT_PROCUREMENT_TEMPLATE,
  GRANT_COMPETITION_TEMPLATE,
  requireStage,
  testSizedTemplate,
} from '../templates';
import type { ScreeningStage } from '../templates';
import type { CaseContext } from './case-context';
import { decideCaseCommand, initialCaseState, type CaseDecision } from './case-engine';
import type { CaseActionInput, CaseActor, CaseCommand, CaseState, ProgramNotice } from './case-state';
import { sealedReadRefusal, submissionAccess } from './sealed-submissions';
import { callUnsuccessful } from './stages/screening';

// Generic engine capabilities the purchase of services needs, exercised on its template.
const template = testSizedTemplate(GOVERNMENT_PROCUREMENT_TEMPLATE, { secondsPerStep: 10 });
const context: CaseContext = {
  applicationId: 'bid-1',
  programId: 'project-1',
  organizationId: 'org-1',
  street: '紫阳街道',
  requestedAmountFen: 95_000_000,
  template,
  calendar: createWorkingDayCalendar({
    firstYear: 2026,
    lastYear: 2026,
    holidays: [],
    adjustedWorkingDays: [],
  }),
};

const bidder: CaseActor = { userId: 'u-bidder', roles: ['applicant'], organizationId: 'org-1' };
const rival: CaseActor = { userId: 'u-rival', roles: ['applicant'], organizationId: 'org-2' };
const purchaser: CaseActor = { userId: 'u-purchaser', roles: ['purchaser'] };
const admin: CaseActor = { userId: 'u-admin', roles: ['admin', 'coordinator:district'] };
const evaluator: CaseActor = { userId: 'u-evaluator', roles: ['evaluator'] };

let clock = Date.parse('2026-03-02T01:00:00.000Z');
const tick = (seconds = 1) => new Date((clock += seconds * 1000)).toISOString();
const windowCloses = () => new Date(clock + 3600_000).toISOString();

function decide(state: CaseState, command: CaseCommand, at = tick()) {
  const decision = decideCaseCommand(context, state, command, at);
  if (decision.refusal) throw new Error(`refused: ${decision.refusal.code} ${decision.refusal.message.en}`);
  return decision;
}
const run = (state: CaseState, command: CaseCommand, at = tick()) => decide(state, command, at).state;
const act = (state: CaseState, input: Omit<CaseActionInput, 'actor'>, actor: CaseActor, at = tick()) =>
  run(state, { type: 'action', input: { ...input, actor } }, at);
const program = (state: CaseState, notice: ProgramNotice) => run(state, { type: 'program', notice });
const refusalOf = (state: CaseState, input: Omit<CaseActionInput, 'actor'>, actor: CaseActor, at = tick()) =>
  (
    decideCaseCommand(context, state, { type: 'action', input: { ...input, actor } }, at) as Extract<
      CaseDecision,
      { refusal: object }
    >
  ).refusal;

const submitted = (closesAt = windowCloses()) =>
  act(initialCaseState(context, tick(), closesAt), { action: 'submit', revision: 1 }, bidder);

describe('sealed submissions', () => {
  it('refuses every read before the opening but the bidder’s own, purchasers and administrators included', () => {
    const closesAt = windowCloses();
    const state = submitted(closesAt);
    const now = tick();
    expect(submissionAccess(template, state, now)).toEqual({ sealed: true, opensAt: closesAt });
    for (const reader of [purchaser, admin, rival]) {
      expect(sealedReadRefusal(template, 'org-1', state, reader, now)).toMatchObject({
        kind: 'forbidden',
        code: 'sealed_until_opening',
      });
    }
    expect(sealedReadRefusal(template, 'org-1', state, bidder, now)).toBeUndefined();
    // At the opening time, or once the program closes the window, the bid can be read.
    const afterOpening = new Date(Date.parse(closesAt) + 1).toISOString();
    expect(sealedReadRefusal(template, 'org-1', state, purchaser, afterOpening)).toBeUndefined();
    const opened = program(state, { type: 'stage_closed', stageKey: 'tender' });
    expect(opened.stage).toBe('opening-qualification');
    expect(submissionAccess(template, opened, tick())).toEqual({ sealed: false });
  });

  it('seals nothing in a template whose submissions are not sealed', () => {
    const grant = testSizedTemplate(GRANT_COMPETITION_TEMPLATE);
    const state = initialCaseState({ ...context, template: grant }, tick(), windowCloses());
    expect(submissionAccess(grant, state, tick())).toEqual({ sealed: false });
  });

  it('lets a newer version replace a submitted bid until the deadline, never an older one or after it', () => {
    const closesAt = windowCloses();
    let state = submitted(closesAt);
    const decision = decide(state, {
      type: 'action',
      input: { action: 'submit', revision: 2, actor: bidder },
    });
    state = decision.state;
    expect(state).toMatchObject({ phase: 'submitted', revision: 2 });
    expect(decision.transitions[0].data).toEqual({ revision: 2, replaced: 1 });
    expect(refusalOf(state, { action: 'submit', revision: 2 }, bidder)?.code).toBe('stale_revision');
    const late = new Date(Date.parse(closesAt) + 1).toISOString();
    expect(refusalOf(state, { action: 'submit', revision: 3 }, bidder, late)?.code).toBe('deadline_passed');
  });
});

describe('an amended call', () => {
  it('returns a submitted bid to draft, moves the deadline and tells the bidder', () => {
    const state = submitted();
    const deadline = new Date(clock + 7200_000).toISOString();
    const decision = decide(state, {
      type: 'program',
      notice: {
        type: 'call_amended',
        stageKey: 'tender',
        amendmentId: 'amendment-1',
        summary: '服务范围增加两个社区',
        deadline,
      },
    });
    expect(decision.state).toMatchObject({
      stage: 'tender',
      phase: 'draft',
      stageDeadline: deadline,
      revision: 1,
    });
    expect(decision.transitions.map((t) => [t.action, t.data])).toEqual([
      ['call_amended', { amendmentId: 'amendment-1', returnedToDraft: true, deadline }],
    ]);
    expect(decision.notices).toEqual([
      expect.objectContaining({
        kind: 'call_amended',
        recipients: [{ kind: 'organization', id: 'org-1' }],
        body: expect.objectContaining({ zh: expect.stringContaining('已退回草稿') }),
      }),
    ]);
    // The bidder confirms the bid again; without that, the closing window leaves it unsubmitted.
    const again = act(decision.state, { action: 'submit', revision: 2 }, bidder);
    expect(again.phase).toBe('submitted');
    const lapsed = program(decision.state, { type: 'stage_closed', stageKey: 'tender' });
    expect(lapsed).toMatchObject({ terminal: 'withdrawn' });
  });

  it('changes nothing once the window has closed', () => {
    const opened = program(submitted(), { type: 'stage_closed', stageKey: 'tender' });
    const decision = decide(opened, {
      type: 'program',
      notice: { type: 'call_amended', stageKey: 'tender', amendmentId: 'late', summary: 'x' },
    });
    expect(decision.transitions).toEqual([]);
  });
});

describe('too few eligible cases', () => {
  it('makes the call unsuccessful for a case already found eligible', () => {
    const qualification = requireStage(template, 'opening-qualification') as ScreeningStage;
    expect(callUnsuccessful(qualification, 2)).toBe(true);
    expect(callUnsuccessful(qualification, 3)).toBe(false);
    let state = program(submitted(), { type: 'stage_closed', stageKey: 'tender' });
    state = act(
      state,
      { action: 'screen', decision: 'eligible', checks: { 'within-ceiling': true } },
      purchaser,
    );
    expect(state.phase).toBe('decided_eligible');
    const decision = decide(state, {
      type: 'program',
      notice: {
        type: 'stage_outcome',
        stageKey: 'opening-qualification',
        outcome: 'too_few_eligible',
        reason: '有效投标仅 2 家，少于 3 家 / 2 valid bids, 3 needed',
        data: { eligible: 2, minEligible: 3 },
      },
    });
    expect(decision.state).toMatchObject({ terminal: 'unsuccessful', stage: 'unsuccessful' });
    expect(decision.transitions[0]).toMatchObject({
      action: 'stage_outcome',
      data: { eligible: 2, minEligible: 3, outcome: 'too_few_eligible' },
    });
    expect(decision.notices[0].body.zh).toContain('流标');
  });

  it('is ignored by a screening stage without a minimum', () => {
    const grant = testSizedTemplate(GRANT_COMPETITION_TEMPLATE);
    expect(callUnsuccessful(requireStage(grant, 'eligibility-screening') as ScreeningStage, 0)).toBe(false);
  });
});

describe('a challenge in the challenge window', () => {
  it('holds the award and tells the purchasing department, who answers it', () => {
    let state = program(submitted(), { type: 'stage_closed', stageKey: 'tender' });
    state = act(state, { action: 'screen', decision: 'eligible' }, purchaser);
    state = program(state, { type: 'stage_closed', stageKey: 'opening-qualification' });
    state = program(state, { type: 'stage_outcome', stageKey: 'committee-evaluation', outcome: 'advanced' });
    state = program(state, {
      type: 'stage_outcome',
      stageKey: 'award',
      outcome: 'awarded',
      award: { tier: 'winning-bid', amountFen: 95_000_000 },
    });
    state = program(state, { type: 'stage_closed', stageKey: 'result-notice' });
    expect(state.stage).toBe('challenge-window');
    const challenger: CaseActor = { userId: 'public:1', roles: ['public'] };
    const challenged = decide(state, {
      type: 'action',
      input: { action: 'object', reason: '中标人报价低于成本', actor: challenger },
    });
    expect(challenged.notices.find((n) => n.kind === 'objection_raised')?.recipients).toEqual([
      { kind: 'role', id: 'purchaser' },
    ]);
    // The window closes with the challenge open: the award waits for the answer.
    state = program(challenged.state, { type: 'stage_closed', stageKey: 'challenge-window' });
    expect(state).toMatchObject({ stage: 'challenge-window', phase: 'objection_pending' });
    state = act(
      state,
      { action: 'resolve_objection', objectionId: 'objection-1', upheld: false, reason: '报价构成合理' },
      purchaser,
    );
    expect(state.stage).toBe('contract');
  });
});

// From the award to the contract, as the program would carry a winning bid.
function contracted(): CaseState {
  let state = program(submitted(), { type: 'stage_closed', stageKey: 'tender' });
  state = act(state, { action: 'screen', decision: 'eligible' }, purchaser);
  state = program(state, { type: 'stage_closed', stageKey: 'opening-qualification' });
  state = program(state, { type: 'stage_outcome', stageKey: 'committee-evaluation', outcome: 'advanced' });
  state = program(state, {
    type: 'stage_outcome',
    stageKey: 'award',
    outcome: 'awarded',
    award: { tier: 'winning-bid', amountFen: 95_000_000 },
  });
  state = program(state, { type: 'stage_closed', stageKey: 'result-notice' });
  state = program(state, { type: 'stage_closed', stageKey: 'challenge-window' });
  state = act(state, { action: 'sign_agreement' }, bidder);
  return act(state, { action: 'sign_agreement' }, purchaser);
}

describe('payment on delivery and performance', () => {
  it('pays a delivery milestone when its report is accepted, and only that one', () => {
    let state = contracted();
    expect(state.stage).toBe('delivery');
    expect(state.tranches.map((t) => [t.key, t.amountFen, t.status])).toEqual([
      ['first-delivery', 28_500_000, 'pending'],
      ['midterm', 28_500_000, 'pending'],
      ['final', 38_000_000, 'pending'],
    ]);
    state = act(state, { action: 'submit_report', reportKey: 'midterm-report' }, bidder);
    state = act(state, { action: 'accept_report', reportKey: 'midterm-report' }, purchaser);
    expect(state.tranches[0].status).toBe('pending');
    state = act(state, { action: 'submit_report', reportKey: 'first-delivery' }, bidder);
    const accepted = decide(state, {
      type: 'action',
      input: { action: 'accept_report', reportKey: 'first-delivery', actor: purchaser },
    });
    expect(accepted.state.tranches.map((t) => t.status)).toEqual(['released', 'pending', 'pending']);
    expect(accepted.transitions.map((t) => t.action)).toEqual(['accept_report', 'tranche_released']);
  });

  it('terminates on 不合格, stops the tranches left and bars the provider', () => {
    let state = contracted();
    // The delivery period ends on its own clock.
    state = run(
      state,
      { type: 'clock' },
      new Date(Date.parse(state.stageDeadline as string) + 1).toISOString(),
    );
    expect(state.stage).toBe('midterm-evaluation');
    const decision = decide(state, {
      type: 'action',
      input: { action: 'record_evaluation', score: 55, actor: evaluator },
    });
    expect(decision.state).toMatchObject({ terminal: 'terminated' });
    expect(decision.state.tranches.map((t) => t.status)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(decision.transitions.map((t) => t.action)).toEqual([
      'record_evaluation',
      'tranches_stopped',
      'provider_barred',
    ]);
    expect(decision.transitions[2].data).toEqual({ organizationId: 'org-1', grade: '不合格' });
    expect(decision.notices.map((n) => n.kind)).toContain('provider_barred');
  });

  it('releases the mid-term payment on a passing grade', () => {
    let state = contracted();
    state = run(
      state,
      { type: 'clock' },
      new Date(Date.parse(state.stageDeadline as string) + 1).toISOString(),
    );
    state = act(state, { action: 'record_evaluation', score: 80 }, evaluator);
    expect(state.stage).toBe('delivery-continued');
    expect(state.tranches.find((t) => t.key === 'midterm')?.status).toBe('released');
  });
});
