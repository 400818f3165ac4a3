import fc from 'fast-check';
import { GRANT_COMPETITION_TEMPLATE as grant } from './grant-competition';
import type { ProcessTemplate } from './process-template';
import {
  StageMachineError,
  allowedActions,
  firstStage,
  mayAct,
  nextStage,
  possibleOutcomes,
  requireStage,
} from './stage-machine';
import { TERMINAL_STATES, type Stage } from './stages';

// Follows outcomes from a stage and returns the stage keys visited, ending with the terminal state.
function walk(template: ProcessTemplate, from: string, outcomes: string[]): string[] {
  const visited: string[] = [];
  let stageKey = from;
  for (const outcome of outcomes) {
    const step = nextStage(template, stageKey, outcome);
    if (step.kind === 'terminal') return [...visited, `end:${step.state}`];
    stageKey = step.stage.key;
    visited.push(stageKey);
  }
  return visited;
}

describe('nextStage through the grant competition', () => {
  it('takes a funded project from the call to closure', () => {
    expect(firstStage(grant).key).toBe('solicitation');
    const path = walk(grant, 'solicitation', [
      'submitted',
      'eligible',
      'advanced',
      'advanced',
      'awarded',
      'confirmed',
      'signed',
      'completed',
      'passed',
      'completed',
      'passed',
      'closed',
    ]);
    expect(path).toEqual([
      'eligibility-screening',
      'street-review',
      'district-review',
      'decision',
      'public-notice',
      'agreement',
      'implementation',
      'midterm-evaluation',
      'implementation-continued',
      'final-evaluation',
      'closure',
      'end:closed',
    ]);
  });

  it.each([
    ['solicitation', 'revision_missed', 'withdrawn'],
    ['solicitation', 'not_submitted', 'withdrawn'],
    ['eligibility-screening', 'ineligible', 'ineligible'],
    ['street-review', 'not_advanced', 'not_advanced'],
    ['district-review', 'withdrawn', 'withdrawn'],
    ['decision', 'declined', 'declined'],
    ['public-notice', 'objection_upheld', 'declined'],
    ['agreement', 'not_signed', 'withdrawn'],
    ['implementation', 'terminated', 'terminated'],
  ])('ends the case from %s on %s as %s', (stageKey, outcome, state) => {
    expect(nextStage(grant, stageKey, outcome)).toEqual({ kind: 'terminal', state });
  });

  it('keeps a project that failed its mid-term evaluation delivering, and closes one that failed at the end', () => {
    expect(walk(grant, 'midterm-evaluation', ['failed'])).toEqual(['implementation-continued']);
    expect(walk(grant, 'final-evaluation', ['failed'])).toEqual(['closure']);
  });

  it('throws for an outcome the stage does not map and for an unknown stage', () => {
    expect(() => nextStage(grant, 'closure', 'passed')).toThrow(StageMachineError);
    expect(() => nextStage(grant, 'closure', 'passed')).toThrow('does not map outcome "passed"');
    try {
      nextStage(grant, 'celebration', 'closed');
      throw new Error('expected a StageMachineError');
    } catch (error) {
      expect(error).toBeInstanceOf(StageMachineError);
      expect((error as StageMachineError).code).toBe('unknown_stage');
    }
  });

  it('ends every path of possible outcomes in a terminal state within as many steps as there are stages', () => {
    // The choice at each stage is an index into that stage's possible outcomes.
    const choices = fc.array(fc.nat(), { minLength: grant.stages.length, maxLength: grant.stages.length });
    fc.assert(
      fc.property(choices, (picks) => {
        let stage: Stage = firstStage(grant);
        for (const pick of picks) {
          const outcomes = possibleOutcomes(stage);
          const step = nextStage(grant, stage.key, outcomes[pick % outcomes.length]);
          if (step.kind === 'terminal') return (TERMINAL_STATES as readonly string[]).includes(step.state);
          stage = step.stage;
        }
        return false;
      }),
    );
  });
});

describe('possibleOutcomes', () => {
  it('adds withdrawal only where someone may withdraw, and missed revision only where revision is allowed', () => {
    expect(possibleOutcomes(requireStage(grant, 'solicitation'))).toEqual([
      'submitted',
      'not_submitted',
      'withdrawn',
      'revision_missed',
    ]);
    expect(possibleOutcomes(requireStage(grant, 'implementation'))).toEqual(['completed', 'terminated']);
    expect(possibleOutcomes(requireStage(grant, 'public-notice'))).toEqual([
      'confirmed',
      'objection_upheld',
      'withdrawn',
    ]);
  });
});

describe('allowedActions and mayAct', () => {
  it('lists what each role may do in a stage', () => {
    expect(allowedActions(grant, 'solicitation', 'applicant')).toEqual(['submit', 'resubmit', 'withdraw']);
    expect(allowedActions(grant, 'district-review', 'reviewer')).toEqual([
      'declare_conflict',
      'submit_review',
    ]);
    expect(allowedActions(grant, 'district-review', 'coordinator:street')).toEqual([]);
    expect(allowedActions(grant, 'public-notice', 'public')).toEqual(['object']);
    expect(allowedActions(grant, 'agreement', 'coordinator:district')).toEqual([
      'sign_agreement',
      'extend_deadline',
    ]);
    expect(allowedActions(grant, 'decision', 'leadership')).toEqual([]);
  });

  it('never permits an action outside the stage kind, even in a template that skipped validation', () => {
    const careless = JSON.parse(JSON.stringify(grant)) as ProcessTemplate;
    careless.stages[1].permissions['coordinator:street'] = ['screen', 'award'];
    expect(allowedActions(careless, 'eligibility-screening', 'coordinator:street')).toEqual(['screen']);
  });

  it('answers for an actor with several roles, ignoring role names it does not know', () => {
    expect(mayAct(grant, 'eligibility-screening', ['coordinator:street'], 'screen')).toBe(true);
    expect(mayAct(grant, 'eligibility-screening', ['auditor', 'coordinator:district'], 'screen')).toBe(true);
    expect(mayAct(grant, 'eligibility-screening', ['applicant'], 'screen')).toBe(false);
    expect(mayAct(grant, 'eligibility-screening', ['toString', 'constructor'], 'screen')).toBe(false);
    expect(mayAct(grant, 'closure', ['coordinator:district'], 'close')).toBe(true);
  });

  it('throws for an unknown stage rather than silently allowing nothing', () => {
    expect(() => allowedActions(grant, 'draft', 'applicant')).toThrow(StageMachineError);
    expect(() => mayAct(grant, 'draft', ['applicant'], 'submit')).toThrow(StageMachineError);
  });
});
