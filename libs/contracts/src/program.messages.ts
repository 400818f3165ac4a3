import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';

/** Input of a program workflow: its id, and where to resume after continuing as new. */
export interface ProgramWorkflowInput {
  programId: string;
  resume?: { stageIndex: number; deadline: string | null };
}

/** Where a program stands: the program-wide stage that is open and when it closes. */
export interface ProgramSnapshot {
  programId: string;
  stage: string | null;
  deadline: string | null;
  finalized: boolean;
  /** True while an award proposal waits for a coordinator's confirmation. */
  awaitingConfirmation?: boolean;
}

/**
 * A coordinator moves the program calendar (extend the open stage, close it now), confirms the awards, or amends
 * the call during its submission window (submitted cases return to draft and are told).
 */
export interface ProgramActionRequest {
  actor: Actor;
  action: 'extend_stage' | 'close_stage' | 'confirm_awards' | 'amend_call';
  stageKey: string;
  /** extend_stage: the new deadline (ISO instant); amend_call: the window's new close, if it moves. */
  until?: string;
  /** amend_call: what the amendment changes, told to every case. */
  reason?: string;
}

/** Moves the program calendar; refused unless the stage is the open one and the actor is a district coordinator. */
export const programActionUpdate = defineUpdate<ProgramSnapshot, [ProgramActionRequest]>('programAction');

/** Where the program stands, for operators and tests. */
export const programSnapshotQuery = defineQuery<ProgramSnapshot>('programSnapshot');

/** Registered name of the program workflow. */
export const PROGRAM_WORKFLOW_TYPE = 'programWorkflow';
/** Signature of the program workflow. */
export type ProgramWorkflow = (input: ProgramWorkflowInput) => Promise<ProgramSnapshot>;
