import type { LocalizedText } from '../cases';
import type { FormField } from './form';
import { DEFAULT_EVALUATION_GRADES } from './evaluation-grades';
import { PERFORMANCE_EVALUATION_RUBRIC_ID } from './rubric-references';
import type { Role } from './roles';
import type {
  AgreementStage,
  EvaluationStage,
  MilestoneReport,
  StagePermissions,
  SubmissionStage,
} from './stages';

/** Freezes a template shared as a constant by every program: nobody changes it in place; a change is a new version. */
export function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freezeDeep(child);
  }
  return value;
}

/** A milestone report due some working days into its stage, reminded and given grace of five working days. */
export function milestoneReport(
  key: string,
  zh: string,
  en: string,
  dueAfterWorkingDays: number,
): MilestoneReport {
  return {
    key,
    name: { zh, en },
    dueAfter: { workingDays: dueAfterWorkingDays },
    remindBefore: { workingDays: 5 },
    overdueGrace: { workingDays: 5 },
  };
}

/**
 * A call for submissions (征集/投标): the program's call sets one window for everyone; a case not submitted by its
 * close lapses. Where corrections (补正) are allowed, a missed correction deadline lapses the case too.
 */
export function callForSubmissions(stage: {
  key: string;
  name: LocalizedText;
  workingDays: number;
  permissions: StagePermissions;
  next: string;
  /** Correction rounds a returned case gets, five working days each; none when absent. */
  revisionRounds?: number;
  sealed?: boolean;
}): SubmissionStage {
  const revisable = stage.revisionRounds !== undefined;
  return {
    key: stage.key,
    kind: 'submission',
    name: stage.name,
    duration: { workingDays: stage.workingDays },
    permissions: stage.permissions,
    onDeadline: { recordOutcome: 'not_submitted' },
    outcomes: {
      submitted: { stage: stage.next },
      not_submitted: { terminal: 'withdrawn' },
      withdrawn: { terminal: 'withdrawn' },
      ...(revisable ? { revision_missed: { terminal: 'withdrawn' } } : {}),
    },
    settings: {
      window: 'program_call',
      revision: revisable
        ? { allowed: true, deadline: { workingDays: 5 }, maxRounds: stage.revisionRounds! }
        : { allowed: false },
      ...(stage.sealed ? { sealed: true } : {}),
    },
  };
}

/**
 * The agreement (协议/合同): every signatory signs; the applicant may still withdraw and the administering role
 * may extend the time to sign. Not signed in time, the award is deemed given up (视为自动放弃).
 */
export function agreementStage(stage: {
  key: string;
  name: LocalizedText;
  workingDays: number;
  signatories: Role[];
  administeredBy: Role;
  next: string;
}): AgreementStage {
  const permissions: StagePermissions = {};
  for (const role of stage.signatories)
    permissions[role] = role === 'applicant' ? ['sign_agreement', 'withdraw'] : ['sign_agreement'];
  permissions[stage.administeredBy] = [...(permissions[stage.administeredBy] ?? []), 'extend_deadline'];
  return {
    key: stage.key,
    kind: 'agreement',
    name: stage.name,
    duration: { workingDays: stage.workingDays },
    permissions,
    onDeadline: { recordOutcome: 'not_signed' },
    outcomes: {
      signed: { stage: stage.next },
      not_signed: { terminal: 'withdrawn' },
      withdrawn: { terminal: 'withdrawn' },
    },
    settings: { signatories: stage.signatories },
  };
}

/**
 * A performance evaluation (绩效评估) over fifteen working days on the standard sheet and grades: the evaluator
 * records it, the applicant may still file reports, the administering role follows and is told when it is late.
 * A failing grade either stops further tranches (the case goes on to `next`) or terminates the agreement and bars
 * the provider (政府购买服务).
 */
export function performanceEvaluation(stage: {
  key: string;
  name: LocalizedText;
  phase: 'midterm' | 'final';
  next: string;
  administeredBy: Role;
  /** What the administering role may do here besides extending the deadline. */
  administratorMayReleaseTranches: boolean;
  onFail: 'stop_tranches' | 'terminate';
}): EvaluationStage {
  const terminates = stage.onFail === 'terminate';
  return {
    key: stage.key,
    kind: 'evaluation',
    name: stage.name,
    duration: { workingDays: 15 },
    permissions: {
      evaluator: ['record_evaluation'],
      applicant: ['submit_report'],
      [stage.administeredBy]: stage.administratorMayReleaseTranches
        ? ['release_tranche', 'extend_deadline']
        : ['extend_deadline'],
    },
    onDeadline: { notify: ['evaluator', stage.administeredBy] },
    outcomes: {
      passed: { stage: stage.next },
      failed: terminates ? { terminal: 'terminated' } : { stage: stage.next },
    },
    settings: {
      phase: stage.phase,
      rubricId: PERFORMANCE_EVALUATION_RUBRIC_ID,
      grades: DEFAULT_EVALUATION_GRADES.map((band) => ({ ...band })),
      failingGrade: stage.onFail,
      ...(terminates ? { barProviderOnFail: true } : {}),
    },
  };
}

/** The implementer's capacity and track record, asked by every call for implementers (claims, company projects). */
export function capacityField(): FormField {
  return {
    key: 'capacity',
    type: 'textarea',
    label: { zh: '承接能力与类似服务经验', en: 'Capacity and experience of similar services' },
    required: true,
    maxLength: 1500,
  };
}
