import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CaseActionInput,
  CaseState,
  CaseTransitionRecord,
  ProcessTemplate,
  ProgramNotice,
  WorkingDayCalendarData,
} from '@grantflow/domain';

/** Input of a case workflow: the ids of the case and the program's frozen template and holiday calendar. */
export interface CaseWorkflowInput {
  applicationId: string;
  programId: string;
  organizationId: string;
  category: string;
  street: string;
  requestedAmountFen: number;
  /** The template snapshot the program froze when it was published. */
  template: ProcessTemplate;
  /** The holiday data the program froze, so deadlines replay the same. */
  calendar: WorkingDayCalendarData;
  /** When the submission window closes, as the program says at the time the case starts. */
  windowClosesAt: string | null;
  /** The company paying for the program's projects (企业出资), if any; its members act as `funder`. */
  funderOrganizationId?: string;
}

/** One recorded change of a case: who, when, from, to and why. */
export type CaseTransition = CaseTransitionRecord;

/** What a case workflow reports about itself after an action. */
export interface CaseSnapshot {
  applicationId: string;
  stage: string;
  phase: string;
  terminal: string | null;
  revision: number;
  transitionCount: number;
}

/** Input of a human action on a case; the actor travels with it so the workflow checks it again. */
export type CaseActionRequest = CaseActionInput;

/** A person acts on a case (submit, screen, review, sign …); refused with a reason unless the template allows it. */
export const caseActionUpdate = defineUpdate<CaseSnapshot, [CaseActionRequest]>('caseAction');

/** The program tells a case that a stage closed, an outcome was decided, reviewers were assigned. */
export const programNoticeSignal = defineSignal<[ProgramNotice]>('programNotice');

/** The full state of a case, for operators and tests; the API reads Postgres instead. */
export const caseStateQuery = defineQuery<CaseState>('caseState');

/** Registered name of the case workflow; the API starts it by this name, never by importing workflow code. */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';
/** Signature of the case workflow, so callers start it with typed input. */
export type CaseWorkflow = (input: CaseWorkflowInput) => Promise<CaseSnapshot>;
