import type { LocalizedText } from '../cases';
import type { Fen } from '../money';
import type { FormDefinition } from './form';
import type { ProcessTemplate } from './process-template';
import {
  agreementStage,
  callForSubmissions,
  capacityField,
  freezeDeep,
  milestoneReport,
  performanceEvaluation,
} from './template-parts';

/** Key of the public claiming (公开认领) template. */
export const PUBLIC_CLAIMING_TEMPLATE_KEY = 'public-claiming';

/** The claim form's field naming the listed project claimed; claims on the same one exclude each other. */
export const CLAIMED_PROJECT_FIELD = 'listedProject';

/**
 * How claims on one listed project are settled. 'first_come': the first submitted claim holds the project and
 * later ones are refused at once (a street publishing 民生实事 for organizations to take up); 'coordinator_choice':
 * several organizations may claim the same project and a coordinator confirms one of them. The source document
 * says only that projects are claimed publicly, so the program chooses.
 */
export const CLAIM_MODES = ['first_come', 'coordinator_choice'] as const;

/** How claims on one listed project are settled. */
export type ClaimMode = (typeof CLAIM_MODES)[number];

/** One small livelihood project on a program's published list, with its budget. */
export interface ListedProject {
  /** Stable within the program; the claim form names it. */
  key: string;
  name: LocalizedText;
  budgetFen: Fen;
  /** The street or community it serves, for the list; optional. */
  area?: string;
}

/** A public claiming program's own settings: the published list and how claims on one project are settled. */
export interface ClaimingSettings {
  mode: ClaimMode;
  projects: ListedProject[];
}

const CLAIM_FORM: FormDefinition = {
  sections: [
    {
      key: 'claim',
      title: { zh: '认领信息', en: 'Claim' },
      fields: [
        {
          key: CLAIMED_PROJECT_FIELD,
          type: 'text',
          label: { zh: '认领的项目（清单编号）', en: 'Project claimed (its key on the list)' },
          required: true,
          maxLength: 64,
        },
        {
          key: 'claimedAmount',
          type: 'money',
          label: { zh: '项目经费', en: 'Project budget' },
          required: true,
          minFen: 1,
        },
        {
          key: 'deliveryPlan',
          type: 'textarea',
          label: { zh: '实施方案', en: 'Delivery plan' },
          required: true,
          maxLength: 3000,
        },
        capacityField(),
      ],
    },
  ],
};

/**
 * Public claiming (公开认领) as DOMAIN.md and the source describe it (a street lists 50 small livelihood projects
 * worth ¥1.38M and social organizations take them up): 认领 → 认领确认 → 协议 → 实施 → 评估 → 结项. The claim
 * window is the program's; the confirmation is decided claim by claim (a small project has nothing to rank or
 * allocate), and from then on the case runs as a grant does. Which claims exclude each other is the program's
 * list and mode (`ClaimingSettings`), checked by the API when a claim is submitted or confirmed.
 */
export const PUBLIC_CLAIMING_TEMPLATE: ProcessTemplate = freezeDeep({
  key: PUBLIC_CLAIMING_TEMPLATE_KEY,
  version: 1,
  name: { zh: '民生实事项目公开认领', en: 'Public claiming of livelihood projects' },
  caseSubject: 'project_claim',
  form: CLAIM_FORM,
  requestedAmountField: 'claimedAmount',
  stages: [
    callForSubmissions({
      key: 'claiming',
      name: { zh: '项目认领', en: 'Claiming' },
      workingDays: 10,
      permissions: {
        applicant: ['submit', 'resubmit', 'withdraw'],
        'coordinator:street': ['request_revision'],
        'coordinator:district': ['extend_deadline'],
      },
      next: 'claim-confirmation',
      revisionRounds: 1,
    }),
    {
      key: 'claim-confirmation',
      kind: 'decision',
      name: { zh: '认领确认', en: 'Claim confirmation' },
      duration: { workingDays: 5 },
      permissions: {
        // The street that published the list confirms; the district may act for it.
        'coordinator:street': ['award', 'decline'],
        'coordinator:district': ['award', 'decline', 'extend_deadline'],
        applicant: ['withdraw'],
      },
      onDeadline: { notify: ['coordinator:street', 'coordinator:district'] },
      outcomes: {
        awarded: { stage: 'agreement' },
        declined: { terminal: 'declined' },
        withdrawn: { terminal: 'withdrawn' },
      },
      settings: {
        tiers: [{ key: 'claimed', name: { zh: '确认认领', en: 'Claim confirmed' } }],
        budget: { source: 'program' },
        // A listed project is delivered whole for its published budget, or not at all.
        partialFunding: { allowed: false },
        allocation: 'by_hand',
      },
    },
    // An unsigned claim is given up and the project may be claimed again.
    agreementStage({
      key: 'agreement',
      name: { zh: '签订项目协议', en: 'Project agreement' },
      workingDays: 15,
      signatories: ['applicant', 'coordinator:street'],
      administeredBy: 'coordinator:district',
      next: 'implementation',
    }),
    {
      key: 'implementation',
      kind: 'implementation',
      name: { zh: '项目实施', en: 'Delivery' },
      duration: { workingDays: 90 },
      permissions: {
        applicant: ['submit_report'],
        'coordinator:street': ['accept_report', 'request_revision', 'release_tranche', 'record_outcome'],
        'coordinator:district': ['accept_report', 'release_tranche', 'record_outcome', 'extend_deadline'],
      },
      onDeadline: { recordOutcome: 'completed' },
      outcomes: { completed: { stage: 'final-evaluation' }, terminated: { terminal: 'terminated' } },
      settings: {
        reports: [
          milestoneReport('progress-report', '进展报告', 'Progress report', 40),
          milestoneReport('completion-report', '完成报告', 'Completion report', 80),
        ],
        tranches: [
          {
            key: 'first-tranche',
            name: { zh: '首期拨付（签约后）', en: 'First tranche, on signing' },
            percent: 50,
            releasedOn: 'agreement_signed',
          },
          {
            key: 'final-tranche',
            name: { zh: '尾款（评估合格后）', en: 'Final tranche, after a passed evaluation' },
            percent: 50,
            releasedOn: 'final_passed',
          },
        ],
      },
    },
    // A failed project still closes; the final tranche is withheld.
    performanceEvaluation({
      key: 'final-evaluation',
      name: { zh: '项目评估', en: 'Evaluation' },
      phase: 'final',
      next: 'closure',
      administeredBy: 'coordinator:district',
      administratorMayReleaseTranches: true,
      onFail: 'stop_tranches',
    }),
    {
      key: 'closure',
      kind: 'closure',
      name: { zh: '结项', en: 'Closure' },
      duration: { workingDays: 10 },
      permissions: {
        applicant: ['submit_report'],
        'coordinator:street': ['accept_report', 'close'],
        'coordinator:district': ['accept_report', 'release_tranche', 'close'],
      },
      onDeadline: { notify: ['coordinator:street', 'coordinator:district'] },
      outcomes: { closed: { terminal: 'closed' } },
      settings: { requireFinalAccounts: true },
    },
  ],
});
