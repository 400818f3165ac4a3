/** A bilingual message; the product speaks zh-CN first, English second. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** One wrong field of an action's input. */
export interface FieldRefusal {
  field: string;
  code: string;
  message: LocalizedText;
}

/**
 * Why a rule refuses an action: `conflict` for the case's state, `forbidden` for the actor, `deadline` for a
 * time limit that has passed, `invalid` for the action's input (with the fields concerned).
 */
export interface ActionRefusal {
  kind: 'conflict' | 'forbidden' | 'deadline' | 'invalid';
  code: string;
  message: LocalizedText;
  fields?: FieldRefusal[];
}

/** The part of a case that submission rules look at. */
export interface SubmissionState {
  stage: string;
  organizationId: string;
}

/** The part of an actor that submission rules look at. */
export interface ActingParty {
  roles: readonly string[];
  organizationId?: string;
}

const TERMINAL_STAGES = new Set([
  'withdrawn',
  'ineligible',
  'not_advanced',
  'declined',
  'terminated',
  'closed',
]);

/** True when a case has reached a stage it never leaves. */
export function isTerminalStage(stage: string): boolean {
  return TERMINAL_STAGES.has(stage);
}

function actsForApplicant(state: SubmissionState, actor: ActingParty): boolean {
  return actor.roles.includes('applicant') && actor.organizationId === state.organizationId;
}

/** Refuses a submission unless the case is a draft and the actor speaks for the applying organization. */
export function refuseSubmission(state: SubmissionState, actor: ActingParty): ActionRefusal | undefined {
  if (!actsForApplicant(state, actor)) {
    return {
      kind: 'forbidden',
      code: 'not_applicant',
      message: {
        zh: '只有申报单位本身可以提交此申请',
        en: 'Only the applying organization can submit this application',
      },
    };
  }
  if (state.stage !== 'draft') {
    return {
      kind: 'conflict',
      code: 'already_submitted',
      message: {
        zh: `申请已提交，当前阶段为「${state.stage}」，不能再次提交`,
        en: `The application was already submitted and is now in stage "${state.stage}"; it cannot be submitted again`,
      },
    };
  }
  return undefined;
}

/** Refuses a withdrawal by anyone but the applicant, or of a case that has already ended. */
export function refuseWithdrawal(state: SubmissionState, actor: ActingParty): ActionRefusal | undefined {
  if (!actsForApplicant(state, actor)) {
    return {
      kind: 'forbidden',
      code: 'not_applicant',
      message: {
        zh: '只有申报单位本身可以撤回此申请',
        en: 'Only the applying organization can withdraw this application',
      },
    };
  }
  if (isTerminalStage(state.stage)) {
    return {
      kind: 'conflict',
      code: 'case_ended',
      message: {
        zh: `申请已结束（${state.stage}），不能撤回`,
        en: `The application has already ended (${state.stage}) and cannot be withdrawn`,
      },
    };
  }
  return undefined;
}
