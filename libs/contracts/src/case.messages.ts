import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';

/** Where a case stands; stages come from the program's process template. */
export type CaseStage = 'draft' | 'submitted' | string;

/** Input of a case workflow: ids only, so the history stays small and documents stay in Postgres. */
export interface CaseWorkflowInput {
  applicationId: string;
  programId: string;
  organizationId: string;
  templateKey: string;
  category: string;
  street: string;
}

/** One recorded change of stage: who, when, from, to and why. */
export interface CaseTransition {
  sequence: number;
  action: string;
  fromStage: CaseStage;
  toStage: CaseStage;
  actorId: string;
  reason?: string;
  /** ISO instant (workflow time), stored as timestamptz. */
  occurredAt: string;
  /** Revision of the application document this transition concerns. */
  revision: number;
}

/** What a case workflow reports about itself. */
export interface CaseSnapshot {
  applicationId: string;
  stage: CaseStage;
  revision: number;
  transitionCount: number;
}

/** Input of the submit update. */
export interface SubmitApplicationInput {
  actor: Actor;
  /** Revision of the application document being submitted (the draft's version in Postgres). */
  revision: number;
}

/** An applicant submits the application; refused unless the case is a draft and the actor is its organization. */
export const submitApplicationUpdate = defineUpdate<CaseSnapshot, [SubmitApplicationInput]>(
  'submitApplication',
);

/** Current state of a case, for operators and tests; the API reads Postgres instead. */
export const caseSnapshotQuery = defineQuery<CaseSnapshot>('caseSnapshot');

/** Registered name of the case workflow; the API starts it by this name, never by importing workflow code. */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';
/** Signature of the case workflow, so callers start it with typed input. */
export type CaseWorkflow = (input: CaseWorkflowInput) => Promise<CaseSnapshot>;

/** Input of the withdraw update. */
export interface WithdrawApplicationInput {
  actor: Actor;
  reason?: string;
}

/** The applicant withdraws the application; the case ends in stage `withdrawn`. */
export const withdrawApplicationUpdate = defineUpdate<CaseSnapshot, [WithdrawApplicationInput]>(
  'withdrawApplication',
);
