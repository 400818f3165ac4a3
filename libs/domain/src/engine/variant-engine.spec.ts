import { createWorkingDayCalendar } from '../calendar';
import { COMPANY_FUNDED_TEMPLATE, PUBLIC_CLAIMING_TEMPLATE, testSizedTemplate } from '../templates';
import type { CaseContext } from './case-context';
import { decideCaseCommand, initialCaseState, nextCaseWakeUp, type CaseDecision } from './case-engine';
import type { CaseActionInput, CaseActor, CaseCommand, CaseState } from './case-state';

const calendar = createWorkingDayCalendar({
  firstYear: 2026,
  lastYear: 2026,
  holidays: [],
  adjustedWorkingDays: [],
});
const base = {
  applicationId: 'app-1',
  programId: 'program-1',
  organizationId: 'org-1',
  street: '望江街道',
  requestedAmountFen: 2_760_000,
  calendar,
};
const claimContext: CaseContext = {
  ...base,
  template: testSizedTemplate(PUBLIC_CLAIMING_TEMPLATE, { secondsPerStep: 10 }),
};
const fundedContext: CaseContext = {
  ...base,
  template: testSizedTemplate(COMPANY_FUNDED_TEMPLATE, { secondsPerStep: 10 }),
  funderOrganizationId: 'company-1',
};

const applicant: CaseActor = { userId: 'u-applicant', roles: ['applicant'], organizationId: 'org-1' };
const street: CaseActor = { userId: 'u-street', roles: ['coordinator:street'], scope: '望江街道' };
const district: CaseActor = { userId: 'u-district', roles: ['coordinator:district'] };
// Acting for its company, a funder's member also carries `applicant`, as the API's guard gives it.
const funder: CaseActor = { userId: 'u-funder', roles: ['funder', 'applicant'], organizationId: 'company-1' };
const otherFunder: CaseActor = {
  userId: 'u-other',
  roles: ['funder', 'applicant'],
  organizationId: 'company-2',
};

let clock = Date.parse('2026-03-02T01:00:00.000Z');
const tick = (seconds = 1) => new Date((clock += seconds * 1000)).toISOString();

function run(context: CaseContext, state: CaseState, command: CaseCommand): CaseState {
  const decision = decideCaseCommand(context, state, command, tick());
  if (decision.refusal) throw new Error(`refused: ${decision.refusal.code} ${decision.refusal.message.en}`);
  return decision.state;
}
const act = (
  context: CaseContext,
  state: CaseState,
  input: Omit<CaseActionInput, 'actor'>,
  actor: CaseActor,
) => run(context, state, { type: 'action', input: { ...input, actor } });
const refusalOf = (
  context: CaseContext,
  state: CaseState,
  input: Omit<CaseActionInput, 'actor'>,
  actor: CaseActor,
) =>
  (
    decideCaseCommand(context, state, { type: 'action', input: { ...input, actor } }, tick()) as Extract<
      CaseDecision,
      { refusal: object }
    >
  ).refusal;

// A submitted case after its program closed the window: in the decision stage, decided case by case.
function inDecision(context: CaseContext, firstStage: string): CaseState {
  let state = initialCaseState(context, tick(), new Date(clock + 3600_000).toISOString());
  state = act(context, state, { action: 'submit', revision: 1 }, applicant);
  return run(context, state, { type: 'program', notice: { type: 'stage_closed', stageKey: firstStage } });
}

describe('a decision taken by hand (allocation: by_hand)', () => {
  it('moves a confirmed claim on at once, with its own deadline, without waiting for the program', () => {
    let state = inDecision(claimContext, 'claiming');
    expect(state).toMatchObject({ stage: 'claim-confirmation', phase: 'awaiting_decision' });
    // A case-paced stage: its deadline runs from the case's entry, and the clock wakes the case for it.
    expect(state.stageDeadline).not.toBeNull();
    expect(nextCaseWakeUp(claimContext, state)).not.toBeNull();

    state = act(claimContext, state, { action: 'award', tier: 'claimed', amountFen: 2_760_000 }, street);
    expect(state).toMatchObject({ stage: 'agreement', award: { tier: 'claimed', amountFen: 2_760_000 } });
    expect(state.tranches.map((t) => [t.key, t.amountFen, t.status])).toEqual([
      ['first-tranche', 1_380_000, 'pending'],
      ['final-tranche', 1_380_000, 'pending'],
    ]);
  });

  it('declines a claim with a reason, ending the case', () => {
    let state = inDecision(claimContext, 'claiming');
    expect(refusalOf(claimContext, state, { action: 'decline' }, street).code).toBe('reason_required');
    state = act(claimContext, state, { action: 'decline', reason: '已由其他组织认领' }, street);
    expect(state).toMatchObject({ stage: 'declined', terminal: 'declined' });
  });

  it('tells the coordinators once when a confirmation is overdue and keeps the claim waiting', () => {
    const state = inDecision(claimContext, 'claiming');
    const late = new Date(Date.parse(state.stageDeadline!) + 1).toISOString();
    const decision = decideCaseCommand(claimContext, state, { type: 'clock' }, late);
    if (decision.refusal) throw new Error('refused');
    expect(decision.state).toMatchObject({ stage: 'claim-confirmation', stageOverdueNotified: true });
    expect(decision.notices.map((notice) => notice.kind)).toEqual(['deadline_missed']);
  });
});

describe('the funder role (企业出资)', () => {
  function signedByFunder(): CaseState {
    let state = inDecision(fundedContext, 'proposals');
    state = act(fundedContext, state, { action: 'award', tier: 'placed', amountFen: 2_760_000 }, district);
    expect(state.stage).toBe('agreement');
    state = act(fundedContext, state, { action: 'sign_agreement' }, funder);
    expect(state).toMatchObject({ phase: 'partially_signed', signatures: ['funder'] });
    return state;
  }

  it('lets only the program’s own funder sign, and the agreement holds once all three parties have', () => {
    const placed = act(
      fundedContext,
      inDecision(fundedContext, 'proposals'),
      { action: 'award', tier: 'placed', amountFen: 2_760_000 },
      district,
    );
    expect(refusalOf(fundedContext, placed, { action: 'sign_agreement' }, otherFunder).kind).toBe(
      'forbidden',
    );
    // A program with no funder has nobody acting as one.
    const noFunder = { ...fundedContext, funderOrganizationId: undefined };
    expect(refusalOf(noFunder, placed, { action: 'sign_agreement' }, funder).kind).toBe('forbidden');

    let state = signedByFunder();
    // Signing again is refused: the funder's member never signs for the implementer.
    expect(refusalOf(fundedContext, state, { action: 'sign_agreement' }, funder).code).toBe('already_signed');
    state = act(fundedContext, state, { action: 'sign_agreement' }, applicant);
    state = act(fundedContext, state, { action: 'sign_agreement' }, district);
    expect(state.stage).toBe('implementation');
    // No tranche is paid on signing: every one waits for a report the funder confirms.
    expect(state.tranches.every((t) => t.status === 'pending')).toBe(true);
  });

  it('pays a tranche when the funder confirms its milestone report, and not before', () => {
    let state = signedByFunder();
    state = act(fundedContext, state, { action: 'sign_agreement' }, applicant);
    state = act(fundedContext, state, { action: 'sign_agreement' }, district);
    state = act(fundedContext, state, { action: 'submit_report', reportKey: 'first-milestone' }, applicant);
    expect(state.tranches.find((t) => t.key === 'first-tranche')!.status).toBe('pending');
    // The district confirms only the closing accounts, not the milestones the funder pays for.
    expect(
      refusalOf(fundedContext, state, { action: 'accept_report', reportKey: 'first-milestone' }, district)
        .code,
    ).toBe('wrong_stage');
    // The implementer cannot confirm its own report either.
    expect(
      refusalOf(fundedContext, state, { action: 'accept_report', reportKey: 'first-milestone' }, applicant)
        .kind,
    ).toBe('forbidden');
    state = act(fundedContext, state, { action: 'accept_report', reportKey: 'first-milestone' }, funder);
    expect(state.tranches.map((t) => [t.key, t.status])).toEqual([
      ['first-tranche', 'released'],
      ['second-tranche', 'pending'],
    ]);
  });
});
