import { LOWER_PRICE_TIE_BREAKS } from '../review/scoring';
import type { FormDefinition } from './form';
import type { ProcessTemplate } from './process-template';
import { PROCUREMENT_TECHNICAL_RUBRIC_ID } from './rubric-references';
import type { EvaluationStage, StagePermissions } from './stages';
import {
  agreementStage,
  callForSubmissions,
  freezeDeep,
  milestoneReport,
  performanceEvaluation,
} from './template-parts';

/** Key of the government purchase of services (政府购买服务) template. */
export const GOVERNMENT_PROCUREMENT_TEMPLATE_KEY = 'government-procurement';

const BID_FORM: FormDefinition = {
  sections: [
    {
      key: 'bid',
      title: { zh: '投标报价', en: 'Bid' },
      fields: [
        {
          key: 'bidAmount',
          type: 'money',
          label: { zh: '投标报价', en: 'Bid price' },
          required: true,
          minFen: 1,
        },
        {
          key: 'servicePlan',
          type: 'textarea',
          label: { zh: '服务方案', en: 'Service plan' },
          required: true,
          maxLength: 5000,
        },
        {
          key: 'team',
          type: 'textarea',
          label: { zh: '项目团队与资质', en: 'Team and qualifications' },
          required: true,
          maxLength: 2000,
        },
        {
          key: 'trackRecord',
          type: 'textarea',
          label: { zh: '类似项目业绩', en: 'Record on similar projects' },
          required: false,
          maxLength: 2000,
        },
      ],
    },
    {
      key: 'documents',
      title: { zh: '投标文件', en: 'Bid documents' },
      fields: [
        {
          key: 'bidDocument',
          type: 'attachment',
          label: { zh: '投标（响应）文件', en: 'Bid document' },
          required: true,
          maxFiles: 1,
          accept: ['pdf'],
        },
        {
          key: 'qualificationDocuments',
          type: 'attachment',
          label: { zh: '资格证明文件', en: 'Qualification documents' },
          required: true,
          maxFiles: 10,
          accept: ['pdf', 'jpg', 'jpeg', 'png'],
        },
      ],
    },
  ],
};

const DELIVERY_PERMISSIONS: StagePermissions = {
  applicant: ['submit_report'],
  purchaser: ['accept_report', 'request_revision', 'release_tranche', 'record_outcome', 'extend_deadline'],
};

// 不合格 ends the contract and bars the provider from next year's purchases (DOMAIN.md).
const evaluation = (
  key: string,
  name: { zh: string; en: string },
  phase: 'midterm' | 'final',
  next: string,
): EvaluationStage =>
  performanceEvaluation({
    key,
    name,
    phase,
    next,
    administeredBy: 'purchaser',
    administratorMayReleaseTranches: true,
    onFail: 'terminate',
  });

/**
 * Government purchase of services (政府购买服务) as DOMAIN.md describes it, on the same stage kinds as the grant
 * competition: 投标 (sealed bids) → 开标与资格审查 → 评标委员会综合评分 → 中标推荐与采购人确认 → 结果公告 (1 working
 * day) → 质疑期 (7 working days; an open challenge holds the award) → 签订合同 → 履约交付 → 中期评估 → 履约交付 →
 * 末期评估 → 验收结项. The numbers are DOMAIN.md's defaults for an open tender; a project's own settings replace
 * them in its snapshot (see `procurementTemplate` in libs/domain/src/procurement).
 */
export const GOVERNMENT_PROCUREMENT_TEMPLATE: ProcessTemplate = freezeDeep({
  key: GOVERNMENT_PROCUREMENT_TEMPLATE_KEY,
  version: 1,
  name: { zh: '政府购买服务项目', en: 'Government purchase of services' },
  caseSubject: 'bid',
  form: BID_FORM,
  // The bid price is what the decision awards and what the price score and the tie-break compare.
  requestedAmountField: 'bidAmount',
  stages: [
    // A bid is fixed once submitted, unread by anyone until the opening; a new version may replace it.
    callForSubmissions({
      key: 'tender',
      name: { zh: '招标与投标', en: 'Tender period' },
      // An open tender's bidders get at least 20 days to prepare; counted in working days, never fewer.
      workingDays: 20,
      permissions: { applicant: ['submit', 'withdraw'], purchaser: ['extend_deadline'] },
      next: 'opening-qualification',
      sealed: true,
    }),
    {
      key: 'opening-qualification',
      kind: 'screening',
      name: { zh: '开标与资格审查', en: 'Opening and qualification' },
      duration: { workingDays: 5 },
      permissions: { purchaser: ['screen', 'extend_deadline'], applicant: ['withdraw'] },
      onDeadline: { notify: ['purchaser'] },
      outcomes: {
        eligible: { stage: 'committee-evaluation' },
        ineligible: { terminal: 'ineligible' },
        withdrawn: { terminal: 'withdrawn' },
        too_few_eligible: { terminal: 'unsuccessful' },
      },
      settings: {
        checklist: [
          {
            key: 'qualified-supplier',
            label: {
              zh: '投标人为依法登记、具备承接能力且信用良好的社会组织',
              en: 'The bidder is a registered social organization able to deliver, in good standing',
            },
            correctable: false,
          },
          {
            key: 'not-barred',
            label: {
              zh: '投标人未因上年度绩效评估不合格被限制参加',
              en: 'The bidder is not barred by a failed evaluation last year',
            },
            correctable: false,
          },
          {
            key: 'within-ceiling',
            label: { zh: '投标报价未超过最高限价', en: 'The bid price is within the budget ceiling' },
            correctable: false,
          },
          {
            key: 'documents-complete',
            label: { zh: '投标文件完整、签章齐全', en: 'The bid documents are complete and signed' },
            correctable: false,
          },
        ],
        // Bids are not corrected after the opening: a failed item fails the bid.
        revision: { allowed: false },
        // DOMAIN.md: fewer valid bids than the minimum makes the tender unsuccessful.
        minEligible: 3,
      },
    },
    {
      key: 'committee-evaluation',
      kind: 'review',
      name: { zh: '评标委员会综合评分', en: 'Committee evaluation (comprehensive scoring)' },
      duration: { workingDays: 5 },
      permissions: {
        reviewer: ['declare_conflict', 'submit_review'],
        purchaser: ['assign_reviewers', 'resolve_disagreement', 'record_outcome', 'extend_deadline'],
        applicant: ['withdraw'],
      },
      onDeadline: { notify: ['purchaser'] },
      outcomes: {
        advanced: { stage: 'award' },
        not_advanced: { terminal: 'not_advanced' },
        withdrawn: { terminal: 'withdrawn' },
      },
      settings: {
        level: 'district',
        rubricId: PROCUREMENT_TECHNICAL_RUBRIC_ID,
        // An open tender's committee has at least 5 members.
        reviewersPerCase: 5,
        blind: false,
        disagreement: 'consensus',
        // Every qualified bid is ranked; the award goes down the ranking.
        advancement: { rule: 'min_score', minScore: 0 },
        priceScoring: { priceWeightPercent: 10 },
        tieBreaks: [...LOWER_PRICE_TIE_BREAKS],
      },
    },
    {
      key: 'award',
      kind: 'decision',
      name: { zh: '中标推荐与采购人确认', en: 'Award recommendation and confirmation' },
      // The department confirms within 5 working days of the committee's report.
      duration: { workingDays: 5 },
      permissions: { purchaser: ['award', 'decline', 'extend_deadline'], applicant: ['withdraw'] },
      onDeadline: { notify: ['purchaser'] },
      outcomes: {
        awarded: { stage: 'result-notice' },
        declined: { terminal: 'declined' },
        withdrawn: { terminal: 'withdrawn' },
      },
      settings: {
        tiers: [{ key: 'winning-bid', name: { zh: '中标（成交）', en: 'Winning bid' }, maxAwards: 1 }],
        budget: { source: 'program' },
        partialFunding: { allowed: false },
      },
    },
    {
      key: 'result-notice',
      kind: 'public_notice',
      name: { zh: '中标结果公告', en: 'Award notice' },
      // The award is published for 1 working day.
      duration: { workingDays: 1 },
      permissions: { purchaser: ['extend_deadline'] },
      onDeadline: { recordOutcome: 'confirmed' },
      outcomes: { confirmed: { stage: 'challenge-window' } },
      settings: { objectionsAllowed: false },
    },
    {
      key: 'challenge-window',
      kind: 'public_notice',
      name: { zh: '质疑期', en: 'Challenge period' },
      // Challenges (质疑) are taken for 7 working days after the notice; an open one holds the award.
      duration: { workingDays: 7 },
      permissions: { public: ['object'], purchaser: ['resolve_objection', 'extend_deadline'] },
      onDeadline: { recordOutcome: 'confirmed' },
      outcomes: { confirmed: { stage: 'contract' }, objection_upheld: { terminal: 'declined' } },
      settings: { objectionsAllowed: true },
    },
    // The contract is signed within 30 days of the award; 30 calendar days hold at least 15 working days even
    // across the Spring Festival week, so this never runs past the legal limit.
    agreementStage({
      key: 'contract',
      name: { zh: '签订合同', en: 'Contract' },
      workingDays: 15,
      signatories: ['applicant', 'purchaser'],
      administeredBy: 'purchaser',
      next: 'delivery',
    }),
    {
      key: 'delivery',
      kind: 'implementation',
      name: { zh: '履约交付（中期前）', en: 'Delivery to mid-term' },
      duration: { workingDays: 120 },
      permissions: DELIVERY_PERMISSIONS,
      onDeadline: { recordOutcome: 'completed' },
      outcomes: { completed: { stage: 'midterm-evaluation' }, terminated: { terminal: 'terminated' } },
      settings: {
        reports: [
          milestoneReport('first-delivery', '首期交付报告', 'First delivery report', 60),
          milestoneReport('midterm-report', '中期履约报告', 'Mid-term delivery report', 110),
        ],
        tranches: [
          {
            key: 'first-delivery',
            name: { zh: '首期款（首期交付验收后）', en: 'First payment, on the first delivery accepted' },
            percent: 30,
            releasedOn: 'report_accepted',
            reportKey: 'first-delivery',
          },
        ],
      },
    },
    evaluation(
      'midterm-evaluation',
      { zh: '中期绩效评估', en: 'Mid-term performance evaluation' },
      'midterm',
      'delivery-continued',
    ),
    {
      key: 'delivery-continued',
      kind: 'implementation',
      name: { zh: '履约交付（中期后）', en: 'Delivery after mid-term' },
      duration: { workingDays: 120 },
      permissions: DELIVERY_PERMISSIONS,
      onDeadline: { recordOutcome: 'completed' },
      outcomes: { completed: { stage: 'final-evaluation' }, terminated: { terminal: 'terminated' } },
      settings: {
        reports: [milestoneReport('final-report', '履约总结报告', 'Final delivery report', 110)],
        tranches: [
          {
            key: 'midterm',
            name: { zh: '中期款（中期评估合格后）', en: 'Mid-term payment, after a passed evaluation' },
            percent: 30,
            releasedOn: 'midterm_passed',
          },
          {
            key: 'final',
            name: { zh: '尾款（末期评估合格后）', en: 'Final payment, after a passed final evaluation' },
            percent: 40,
            releasedOn: 'final_passed',
          },
        ],
      },
    },
    evaluation(
      'final-evaluation',
      { zh: '末期绩效评估', en: 'Final performance evaluation' },
      'final',
      'closure',
    ),
    {
      key: 'closure',
      kind: 'closure',
      name: { zh: '验收结项', en: 'Acceptance and closure' },
      duration: { workingDays: 10 },
      permissions: {
        applicant: ['submit_report'],
        purchaser: ['accept_report', 'release_tranche', 'close'],
      },
      onDeadline: { notify: ['purchaser'] },
      outcomes: { closed: { terminal: 'closed' } },
      settings: { requireFinalAccounts: false },
    },
  ],
});
