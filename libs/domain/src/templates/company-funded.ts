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

/** Key of the company-funded project (企业出资, 项目招标) template. */
export const COMPANY_FUNDED_TEMPLATE_KEY = 'company-funded';

/**
 * Who a company-funded project serves, as a group: a description and a head count, never a list of people, so
 * the program and its open data carry no personal data of the beneficiaries.
 */
export interface BeneficiaryGroup {
  description: string;
  count: number;
}

/** A company-funded program's own settings: who pays and who is served. */
export interface CompanyFundingSettings {
  /** The company paying (an organization of the registry); its members act in the `funder` role. */
  funderOrganizationId: string;
  beneficiaries: BeneficiaryGroup;
}

const PROPOSAL_FORM: FormDefinition = {
  sections: [
    {
      key: 'proposal',
      title: { zh: '承接方案', en: 'Proposal' },
      fields: [
        {
          key: 'requestedAmount',
          type: 'money',
          label: { zh: '项目报价', en: 'Price of the project' },
          required: true,
          minFen: 1,
        },
        {
          key: 'deliveryPlan',
          type: 'textarea',
          label: {
            zh: '实施方案（服务内容、进度、覆盖的受益对象）',
            en: 'Delivery plan (services, schedule, reach)',
          },
          required: true,
          maxLength: 3000,
        },
        capacityField(),
      ],
    },
  ],
};

/**
 * A company-funded project (企业出资, the source's 项目招标: a company pays, a social organization delivers, for
 * named beneficiaries, e.g. smoke alarms for 1,000 households): 方案征集 → 选定承接方 → 三方协议 → 实施 → 评估 → 结项.
 * The district coordinates (it opens the call and places the project); the funder signs the agreement with the
 * implementer and the district, and confirms each milestone report, which is what pays the tranche tied to it.
 * The funder and the beneficiary group are the program's settings (`CompanyFundingSettings`).
 */
export const COMPANY_FUNDED_TEMPLATE: ProcessTemplate = freezeDeep({
  key: COMPANY_FUNDED_TEMPLATE_KEY,
  version: 1,
  name: { zh: '企业出资公益项目', en: 'Company-funded project' },
  caseSubject: 'application',
  form: PROPOSAL_FORM,
  requestedAmountField: 'requestedAmount',
  stages: [
    callForSubmissions({
      key: 'proposals',
      name: { zh: '承接方案征集', en: 'Call for implementers' },
      workingDays: 10,
      permissions: {
        applicant: ['submit', 'resubmit', 'withdraw'],
        'coordinator:district': ['request_revision', 'extend_deadline'],
      },
      next: 'placement',
      revisionRounds: 1,
    }),
    {
      key: 'placement',
      kind: 'decision',
      name: { zh: '选定承接方', en: 'Choice of implementer' },
      duration: { workingDays: 5 },
      permissions: {
        'coordinator:district': ['award', 'decline', 'extend_deadline'],
        applicant: ['withdraw'],
      },
      onDeadline: { notify: ['coordinator:district'] },
      outcomes: {
        awarded: { stage: 'agreement' },
        declined: { terminal: 'declined' },
        withdrawn: { terminal: 'withdrawn' },
      },
      settings: {
        tiers: [{ key: 'placed', name: { zh: '承接', en: 'Placed' } }],
        // The company's contribution is the program's budget.
        budget: { source: 'program' },
        partialFunding: { allowed: false },
        // One funder's project: the district places it with the implementer it chose, case by case.
        allocation: 'by_hand',
      },
    },
    agreementStage({
      key: 'agreement',
      name: { zh: '签订三方协议', en: 'Three-party agreement' },
      workingDays: 15,
      signatories: ['funder', 'applicant', 'coordinator:district'],
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
        // The funder confirms the reports its money pays for (and pays a tranche by hand if it chooses); the
        // district follows and may step in on the rest.
        funder: ['accept_report', 'request_revision', 'release_tranche'],
        'coordinator:district': ['record_outcome', 'extend_deadline'],
      },
      onDeadline: { recordOutcome: 'completed' },
      outcomes: { completed: { stage: 'final-evaluation' }, terminated: { terminal: 'terminated' } },
      settings: {
        reports: [
          milestoneReport('first-milestone', '首个里程碑报告', 'First milestone report', 40),
          milestoneReport('completion-report', '完成报告', 'Completion report', 80),
        ],
        tranches: [
          {
            key: 'first-tranche',
            name: {
              zh: '首期（首个里程碑经出资方确认后）',
              en: 'First tranche, on the funder confirming the first milestone',
            },
            percent: 50,
            releasedOn: 'report_accepted',
            reportKey: 'first-milestone',
          },
          {
            key: 'second-tranche',
            name: {
              zh: '二期（完成报告经出资方确认后）',
              en: 'Second tranche, on the funder confirming completion',
            },
            percent: 50,
            releasedOn: 'report_accepted',
            reportKey: 'completion-report',
          },
        ],
      },
    },
    // The funder pays by confirming reports, so the district here only follows and may extend.
    performanceEvaluation({
      key: 'final-evaluation',
      name: { zh: '项目评估', en: 'Evaluation' },
      phase: 'final',
      next: 'closure',
      administeredBy: 'coordinator:district',
      administratorMayReleaseTranches: false,
      onFail: 'stop_tranches',
    }),
    {
      key: 'closure',
      kind: 'closure',
      name: { zh: '结项', en: 'Closure' },
      duration: { workingDays: 10 },
      permissions: {
        applicant: ['submit_report'],
        funder: ['accept_report'],
        'coordinator:district': ['accept_report', 'close'],
      },
      onDeadline: { notify: ['coordinator:district'] },
      outcomes: { closed: { terminal: 'closed' } },
      settings: { requireFinalAccounts: true },
    },
  ],
});
