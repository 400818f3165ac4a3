import type { ActionRefusal } from '../cases';
import type { Stage } from '../templates';
import type { CaseActionInput, CaseState, ProgramNotice } from './case-state';
import type { CaseStep } from './case-step';

/**
 * What one kind of stage does with a case. Each kind lives in its own file under stages/; the engine handles what
 * all kinds share (roles, scope, withdrawal, extensions, the program closing a stage, per-case deadlines).
 */
export interface StageBehaviour {
  /** Sets up the stage's own state when a case enters it. */
  enter?(step: CaseStep, stage: Stage): void;
  /** Applies an action this kind handles, or says why not; nothing changes when it refuses. */
  act(step: CaseStep, stage: Stage, input: CaseActionInput): ActionRefusal | undefined;
  /** Reacts to the program: reviewers assigned, an outcome decided for this case, the stage closed. */
  onProgram?(step: CaseStep, stage: Stage, notice: ProgramNotice): void;
  /** The outcome a case takes when the program closes the stage and it has none decided; none keeps it waiting. */
  outcomeOnClose?(state: CaseState, stage: Stage): string | undefined;
  /** Reacts to time passing: the stage's own reminders and due dates. */
  onClock?(step: CaseStep, stage: Stage): void;
  /** Instants at which the stage wants to be woken. */
  wakeUps?(state: CaseState, stage: Stage): string[];
}
