import { SERVICE_CATEGORIES } from '../categories';
import type { FormDefinition } from './form';
import type { ProcessTemplate } from './process-template';
import { EU_STYLE_RUBRIC_ID, HUNDRED_POINT_RUBRIC_ID } from './rubric-references';
import type { ImplementationStage, StagePermissions } from './stages';
import {
  agreementStage,
  callForSubmissions,
  freezeDeep,
  milestoneReport,
  performanceEvaluation,
} from './template-parts';

/** Key of the community venture-philanthropy competition (公益创投) template. */
export const GRANT_COMPETITION_TEMPLATE_KEY = 'grant-competition';

// The project categories of the district's competition, as the source counts them.
const CATEGORIES = SERVICE_CATEGORIES.map(({ key, zh, en }) => ({ value: key, label: { zh, en } }));

const APPLICATION_FORM: FormDefinition = {
  sections: [
    {
      key: 'project',
      title: { zh: '项目基本信息', en: 'Project' },
      fields: [
        {
          key: 'projectName',
          type: 'text',
          label: { zh: '项目名称', en: 'Project name' },
          required: true,
          maxLength: 50,
        },
        {
          key: 'category',
          type: 'select',
          label: { zh: '项目类别', en: 'Category' },
          required: true,
          options: CATEGORIES,
          multiple: false,
        },
        {
          key: 'serviceArea',
          type: 'text',
          label: { zh: '服务社区', en: 'Communities served' },
          required: true,
          maxLength: 200,
        },
        {
          key: 'beneficiaries',
          type: 'number',
          label: { zh: '预计服务人数', en: 'Expected beneficiaries' },
          required: true,
          integer: true,
          min: 1,
        },
        {
          key: 'startDate',
          type: 'date',
          label: { zh: '计划开始日期', en: 'Planned start' },
          required: true,
        },
        { key: 'endDate', type: 'date', label: { zh: '计划结束日期', en: 'Planned end' }, required: true },
      ],
    },
    {
      key: 'plan',
      title: { zh: '项目方案', en: 'Plan' },
      fields: [
        {
          key: 'necessity',
          type: 'textarea',
          label: { zh: '需求分析与项目必要性', en: 'Needs and necessity' },
          required: true,
          maxLength: 2000,
        },
        {
          key: 'objectives',
          type: 'textarea',
          label: { zh: '项目目标', en: 'Objectives' },
          required: true,
          maxLength: 1000,
        },
        {
          key: 'activities',
          type: 'textarea',
          label: { zh: '实施计划与进度安排', en: 'Activities and schedule' },
          required: true,
          maxLength: 3000,
        },
        {
          key: 'expectedOutcomes',
          type: 'textarea',
          label: { zh: '预期成效', en: 'Expected outcomes' },
          required: true,
          maxLength: 1500,
        },
        {
          key: 'teamCapacity',
          type: 'textarea',
          label: { zh: '团队能力', en: 'Team capacity' },
          required: true,
          maxLength: 1500,
        },
      ],
    },
    {
      key: 'budget',
      title: { zh: '项目预算', en: 'Budget' },
      fields: [
        {
          key: 'requestedAmount',
          type: 'money',
          label: { zh: '申请资助金额', en: 'Amount requested' },
          required: true,
          minFen: 100,
          // The key-funding cap (¥50,000); a program may set a lower cap in its screening checklist.
          maxFen: 5_000_000,
        },
        {
          key: 'matchingFunds',
          type: 'money',
          label: { zh: '配套资金', en: 'Matching funds' },
          required: false,
        },
        {
          key: 'budgetDetail',
          type: 'attachment',
          label: { zh: '预算明细表', en: 'Budget breakdown' },
          required: true,
          maxFiles: 1,
          accept: ['xlsx', 'xls', 'pdf'],
        },
      ],
    },
    {
      key: 'documents',
      title: { zh: '证明材料', en: 'Documents' },
      fields: [
        {
          key: 'registrationCertificate',
          type: 'attachment',
          label: { zh: '登记证书或备案证明', en: 'Registration or filing certificate' },
          required: true,
          maxFiles: 2,
          accept: ['pdf', 'jpg', 'jpeg', 'png'],
        },
        {
          key: 'otherMaterials',
          type: 'attachment',
          label: { zh: '其他材料', en: 'Other materials' },
          required: false,
          maxFiles: 10,
        },
      ],
    },
  ],
};

const REVIEW_PERMISSIONS = (
  coordinator: 'coordinator:street' | 'coordinator:district',
): StagePermissions => ({
  reviewer: ['declare_conflict', 'submit_review'],
  [coordinator]: ['assign_reviewers', 'resolve_disagreement', 'record_outcome', 'extend_deadline'],
  applicant: ['withdraw'],
});

const IMPLEMENTATION_PERMISSIONS: StagePermissions = {
  applicant: ['submit_report'],
  'coordinator:street': ['accept_report', 'request_revision'],
  'coordinator:district': [
    'accept_report',
    'request_revision',
    'release_tranche',
    'record_outcome',
    'extend_deadline',
  ],
};

// Delivery runs about six months on each side of the mid-term evaluation.
const HALF_PROJECT = { workingDays: 120 };

const implementationStage = (
  key: string,
  name: { zh: string; en: string },
  next: string,
  settings: ImplementationStage['settings'],
): ImplementationStage => ({
  key,
  kind: 'implementation',
  name,
  duration: HALF_PROJECT,
  permissions: IMPLEMENTATION_PERMISSIONS,
  // The delivery period ends on its date; missing reports are chased by their own reminders and grace.
  onDeadline: { recordOutcome: 'completed' },
  outcomes: { completed: { stage: next }, terminated: { terminal: 'terminated' } },
  settings,
});

/**
 * The community venture-philanthropy competition (公益创投) as DOMAIN.md describes it: 征集 → 资格审查 → 初评 →
 * 终评 → 入围/重点资助 → 公示 → 协议 → 实施 → 中期评估 → 实施 → 末期评估 → 结项. Implementation appears twice
 * because delivery goes on after the mid-term evaluation and a case is in one stage at a time.
 */
export const GRANT_COMPETITION_TEMPLATE: ProcessTemplate = freezeDeep({
  key: GRANT_COMPETITION_TEMPLATE_KEY,
  version: 1,
  name: { zh: '社区公益创投大赛', en: 'Community venture philanthropy competition' },
  caseSubject: 'application',
  form: APPLICATION_FORM,
  requestedAmountField: 'requestedAmount',
  stages: [
    callForSubmissions({
      key: 'solicitation',
      name: { zh: '项目征集', en: 'Call for proposals' },
      workingDays: 20,
      permissions: {
        applicant: ['submit', 'resubmit', 'withdraw'],
        // Community and street staff pre-check submissions and may return them for correction.
        'coordinator:community': ['request_revision'],
        'coordinator:street': ['request_revision'],
        'coordinator:district': ['extend_deadline'],
      },
      next: 'eligibility-screening',
      revisionRounds: 2,
    }),
    {
      key: 'eligibility-screening',
      kind: 'screening',
      name: { zh: '资格审查', en: 'Eligibility screening' },
      duration: { workingDays: 10 },
      permissions: {
        'coordinator:street': ['screen', 'request_revision'],
        'coordinator:district': ['screen', 'extend_deadline'],
        applicant: ['resubmit', 'withdraw'],
      },
      onDeadline: { notify: ['coordinator:street', 'coordinator:district'] },
      outcomes: {
        eligible: { stage: 'street-review' },
        ineligible: { terminal: 'ineligible' },
        withdrawn: { terminal: 'withdrawn' },
        revision_missed: { terminal: 'withdrawn' },
      },
      settings: {
        checklist: [
          {
            key: 'registered-or-filed',
            label: {
              zh: '申报单位为依法登记或在街道、社区备案的社会组织',
              en: 'The applicant is a registered social organization or one filed with the street or community',
            },
            correctable: false,
          },
          {
            key: 'serves-district',
            label: { zh: '项目服务对象为本区居民', en: 'The project serves residents of the district' },
            correctable: false,
          },
          {
            key: 'no-duplicate-funding',
            label: {
              zh: '同一项目未获其他财政资金重复资助',
              en: 'The same project is not funded twice from public money',
            },
            correctable: false,
          },
          {
            key: 'within-funding-cap',
            label: { zh: '申请金额未超过资助上限', en: 'The amount requested is within the funding cap' },
            correctable: true,
          },
          {
            key: 'materials-complete',
            label: { zh: '申报材料齐全、真实', en: 'The application documents are complete and genuine' },
            correctable: true,
          },
        ],
        revision: { allowed: true, deadline: { workingDays: 5 }, maxRounds: 1 },
      },
    },
    {
      key: 'street-review',
      kind: 'review',
      name: { zh: '街道初评', en: 'Street preliminary review' },
      duration: { workingDays: 10 },
      permissions: REVIEW_PERMISSIONS('coordinator:street'),
      onDeadline: { notify: ['coordinator:street'] },
      outcomes: {
        advanced: { stage: 'district-review' },
        not_advanced: { terminal: 'not_advanced' },
        withdrawn: { terminal: 'withdrawn' },
      },
      settings: {
        level: 'street',
        rubricId: EU_STYLE_RUBRIC_ID,
        reviewersPerCase: 2,
        blind: false,
        disagreement: 'extra_reviewer',
        advancement: { rule: 'rubric_thresholds' },
      },
    },
    {
      key: 'district-review',
      kind: 'review',
      name: { zh: '区级终评（专家评审委员会）', en: 'District final review (expert committee)' },
      duration: { workingDays: 15 },
      permissions: REVIEW_PERMISSIONS('coordinator:district'),
      onDeadline: { notify: ['coordinator:district'] },
      outcomes: {
        advanced: { stage: 'decision' },
        not_advanced: { terminal: 'not_advanced' },
        withdrawn: { terminal: 'withdrawn' },
      },
      settings: {
        level: 'district',
        rubricId: HUNDRED_POINT_RUBRIC_ID,
        // DOMAIN: at least 3 independent reviewers per proposal at the final stage.
        reviewersPerCase: 3,
        blind: true,
        disagreement: 'consensus',
        advancement: { rule: 'min_score', minScore: 60 },
      },
    },
    {
      key: 'decision',
      kind: 'decision',
      name: { zh: '入围与重点资助决定', en: 'Shortlist and key funding decision' },
      duration: { workingDays: 10 },
      permissions: {
        'coordinator:district': ['award', 'decline', 'extend_deadline'],
        applicant: ['withdraw'],
      },
      onDeadline: { notify: ['coordinator:district'] },
      outcomes: {
        awarded: { stage: 'public-notice' },
        declined: { terminal: 'declined' },
        withdrawn: { terminal: 'withdrawn' },
      },
      settings: {
        tiers: [
          { key: 'key_funding', name: { zh: '重点资助', en: 'Key funding' }, maxAwardFen: 5_000_000 },
          { key: 'shortlist', name: { zh: '入围', en: 'Shortlisted' }, maxAwardFen: 2_000_000 },
        ],
        budget: { source: 'program' },
        // The last project that fits the budget only in part is funded if it gets at least half its request.
        partialFunding: { allowed: true, floorPercent: 50 },
      },
    },
    {
      key: 'public-notice',
      kind: 'public_notice',
      name: { zh: '结果公示', en: 'Public notice of results' },
      // DOMAIN: a 5-working-day notice is common.
      duration: { workingDays: 5 },
      permissions: {
        public: ['object'],
        'coordinator:district': ['resolve_objection', 'extend_deadline'],
        applicant: ['withdraw'],
      },
      // With no objection pending when the notice ends, the result stands.
      onDeadline: { recordOutcome: 'confirmed' },
      outcomes: {
        confirmed: { stage: 'agreement' },
        objection_upheld: { terminal: 'declined' },
        withdrawn: { terminal: 'withdrawn' },
      },
      settings: { objectionsAllowed: true },
    },
    agreementStage({
      key: 'agreement',
      name: { zh: '签订资助协议', en: 'Funding agreement' },
      workingDays: 10,
      signatories: ['applicant', 'coordinator:district'],
      administeredBy: 'coordinator:district',
      next: 'implementation',
    }),
    implementationStage(
      'implementation',
      { zh: '项目实施（中期前）', en: 'Delivery to mid-term' },
      'midterm-evaluation',
      {
        reports: [
          milestoneReport('progress-report', '阶段进展报告', 'Progress report', 60),
          milestoneReport('midterm-report', '中期报告', 'Mid-term report', 110),
        ],
        tranches: [
          {
            key: 'first-tranche',
            name: { zh: '首期拨付（签约后）', en: 'First tranche, on signing' },
            percent: 50,
            releasedOn: 'agreement_signed',
          },
        ],
      },
    ),
    // A failed mid-term leaves the agreed delivery owed, but no further tranche is paid.
    performanceEvaluation({
      key: 'midterm-evaluation',
      name: { zh: '中期评估', en: 'Mid-term evaluation' },
      phase: 'midterm',
      next: 'implementation-continued',
      administeredBy: 'coordinator:district',
      administratorMayReleaseTranches: true,
      onFail: 'stop_tranches',
    }),
    implementationStage(
      'implementation-continued',
      { zh: '项目实施（中期后）', en: 'Delivery after mid-term' },
      'final-evaluation',
      {
        reports: [milestoneReport('final-report', '结项报告', 'Final report', 110)],
        tranches: [
          {
            key: 'second-tranche',
            name: {
              zh: '二期拨付（中期评估合格后）',
              en: 'Second tranche, after a passed mid-term evaluation',
            },
            percent: 30,
            releasedOn: 'midterm_passed',
          },
          {
            key: 'final-tranche',
            name: { zh: '尾款（末期评估合格后）', en: 'Final tranche, after a passed final evaluation' },
            percent: 20,
            releasedOn: 'final_passed',
          },
        ],
      },
    ),
    // A failed project still closes; the final tranche is withheld.
    performanceEvaluation({
      key: 'final-evaluation',
      name: { zh: '末期评估', en: 'Final evaluation' },
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
        'coordinator:district': ['accept_report', 'release_tranche', 'close'],
      },
      onDeadline: { notify: ['coordinator:district'] },
      outcomes: { closed: { terminal: 'closed' } },
      settings: { requireFinalAccounts: true },
    },
  ],
});
