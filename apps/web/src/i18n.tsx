import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** Languages of the interface, Chinese first as the API's. */
export type Language = 'zh' | 'en';

const STORAGE_KEY = 'grantflow.language';
let language: Language = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';

/** The language requests ask the API for; kept outside React so the API client can read it. */
export function currentLanguage(): Language {
  return language;
}

const DICTIONARY = {
  appName: ['Grantflow 公益项目管理', 'Grantflow grants'],
  login: ['登录', 'Sign in'],
  logout: ['退出登录', 'Sign out'],
  email: ['邮箱', 'E-mail'],
  password: ['密码', 'Password'],
  loginTitle: ['登录 Grantflow', 'Sign in to Grantflow'],
  loginFailed: ['登录失败', 'Sign-in failed'],
  language: ['English', '中文'],
  publicNotice: ['结果公示', 'Published results'],
  applicant: ['我的申报', 'My applications'],
  reviewer: ['评审任务', 'Review queue'],
  coordinator: ['项目管理', 'Programs'],
  leadership: ['数据看板', 'Dashboard'],
  program: ['项目', 'Program'],
  programs: ['项目', 'Programs'],
  status: ['状态', 'Status'],
  stage: ['阶段', 'Stage'],
  deadline: ['截止时间', 'Deadline'],
  nextDeadline: ['下一截止时间', 'Next deadline'],
  title: ['项目名称', 'Title'],
  category: ['类别', 'Category'],
  street: ['街道', 'Street'],
  requested: ['申请金额', 'Requested'],
  awarded: ['资助金额', 'Awarded'],
  rank: ['排名', 'Rank'],
  score: ['得分', 'Score'],
  tier: ['档次', 'Tier'],
  outcome: ['结果', 'Outcome'],
  object: ['提出异议', 'Object'],
  objectionReason: ['异议事实与理由', 'Facts and reasons of the objection'],
  objectionSent: ['异议已提交，我们将依法处理', 'Your objection is recorded'],
  submitObjection: ['提交异议', 'Send objection'],
  cancel: ['取消', 'Cancel'],
  openPrograms: ['正在征集的项目', 'Open calls'],
  apply: ['申报', 'Apply'],
  myApplications: ['我的申报', 'My applications'],
  saveDraft: ['保存草稿', 'Save draft'],
  submit: ['提交', 'Submit'],
  saved: ['已保存', 'Saved'],
  submitted: ['已提交', 'Submitted'],
  timeline: ['办理进度', 'Timeline'],
  budget: ['预算明细', 'Budget'],
  budgetItem: ['支出项目', 'Item'],
  amountYuan: ['金额（元）', 'Amount (yuan)'],
  addLine: ['添加一行', 'Add a line'],
  remove: ['删除', 'Remove'],
  total: ['合计', 'Total'],
  registerOrganization: ['登记申报组织', 'Register your organization'],
  organizationName: ['组织名称', 'Organization name'],
  organizationKind: ['组织类型', 'Kind'],
  register: ['登记', 'Register'],
  queue: ['待评审', 'To review'],
  due: ['截止', 'Due'],
  overdue: ['已逾期', 'Overdue'],
  draftSaved: ['草稿保存于', 'Draft saved at'],
  review: ['评审', 'Review'],
  runningTotal: ['当前总分', 'Running total'],
  comment: ['评语', 'Comment'],
  submitReview: ['提交评审', 'Submit review'],
  reviewSubmitted: ['评审已提交', 'Review submitted'],
  noItems: ['暂无数据', 'Nothing here'],
  calendar: ['日程', 'Calendar'],
  pipeline: ['办理看板', 'Pipeline'],
  ranking: ['排名', 'Ranking'],
  awardProposal: ['资助方案', 'Award proposal'],
  confirmAwards: ['确认资助方案', 'Confirm the awards'],
  awardsConfirmed: ['资助方案已确认', 'Awards confirmed'],
  closeStage: ['提前结束本阶段', 'Close this stage now'],
  extendStage: ['延长', 'Extend'],
  reason: ['理由', 'Reason'],
  done: ['操作成功', 'Done'],
  all: ['全部', 'All'],
  caseDetail: ['申报详情', 'Application'],
  reviewProgress: ['评审进度', 'Review progress'],
  funnel: ['办理漏斗', 'Funnel'],
  byCategory: ['按类别', 'By category'],
  byStreet: ['按街道', 'By street'],
  money: ['资金（万元）', 'Money (10k yuan)'],
  applications: ['申报数', 'Applications'],
  chooseProgram: ['选择项目', 'Choose a program'],
  reserve: ['候补', 'Reserve'],
  declined: ['未获资助', 'Not funded'],
  refused: ['操作被拒绝', 'Refused'],
  open: ['进行中', 'Open'],
  upcoming: ['未开始', 'Upcoming'],
  closed: ['已结束', 'Closed'],
  perCase: ['按申报计时', 'Per application'],
  back: ['返回', 'Back'],
  view: ['查看', 'View'],
  screen: ['资格审查', 'Screen'],
  eligible: ['符合资格', 'Eligible'],
  ineligible: ['不符合资格', 'Ineligible'],
  // Batch actions on the pipeline and the overdue view.
  selectCase: ['选择', 'Select'],
  selectedCases: ['已选申请', 'Selected cases'],
  clearSelection: ['清除选择', 'Clear selection'],
  batchEligible: ['批量认定符合资格（审查项目全部通过）', 'Screen as eligible (all checklist items passed)'],
  batchIneligible: ['批量认定不符合资格', 'Screen as ineligible'],
  batchRevision: ['批量退回补正', 'Request revision'],
  batchMixedStages: [
    '所选申请处于不同阶段，批量操作须选择同一阶段的申请',
    'The selected cases are in different stages; batch actions need cases of one stage',
  ],
  batchNoAction: ['您的角色在该阶段没有可批量进行的操作', 'Your role has no batch action in this stage'],
  batchChecklist: ['以下审查项目将全部记为通过', 'Every checklist item will be recorded as passed'],
  batchRun: ['开始执行', 'Run'],
  batchCancel: ['取消剩余', 'Cancel the rest'],
  batchRetry: ['重试失败项', 'Retry the failed'],
  batchProgress: ['执行进度', 'Progress'],
  batchSucceeded: ['成功', 'Succeeded'],
  batchFailed: ['失败', 'Failed'],
  batchCancelled: ['未执行（已取消）', 'Not run (cancelled)'],
  batchFailures: ['未成功的申请', 'Cases that failed'],
  reasonRequired: ['请填写理由', 'Give a reason'],
  revisionDeadline: ['补正期限', 'Revision deadline'],
  revisionDeadlineFromTemplate: [
    '自退回之日起，由流程模板规定',
    'from the return, as the process template sets it',
  ],
  workingDays: ['个工作日', 'working days'],
  seconds: ['秒', 'seconds'],
  close: ['关闭', 'Close'],
  overdueKind: ['逾期事项', 'What is late'],
  daysOverdue: ['逾期天数', 'Days overdue'],
  underADay: ['不足 1 天', 'Under a day'],
  lateRevision: ['补正逾期', 'Revision past due'],
  lateReview: ['评审逾期', 'Reviews late'],
  unsignedAgreement: ['协议未签订', 'Agreement unsigned'],
  lateReport: ['报告逾期', 'Report overdue'],
  lateStage: ['阶段已到期', 'Stage past its deadline'],
  withdraw: ['撤回', 'Withdraw'],
  noOrganization: ['您尚未加入任何申报组织', 'You belong to no organization yet'],
  actingFor: ['当前组织', 'Acting for'],
  reviewers: ['评审专家', 'Reviewers'],
  submittedReviews: ['已提交', 'Submitted'],
  budgetTotal: ['预算总额', 'Budget'],
  funded: ['获资助', 'Funded'],
  programDraft: ['未发布', 'Draft'],
  noticeOpen: ['公示期内，可提出异议', 'On public notice: objections are open'],
  noticeClosed: ['公示期已结束', 'The public notice has ended'],
  purchasing: ['采购管理', 'Purchasing'],
  tenders: ['采购项目', 'Tenders'],
  newTender: ['新建采购项目', 'New tender'],
  tenderName: ['采购项目名称', 'Tender name'],
  bidDeadline: ['投标截止时间', 'Bid deadline'],
  procurementMethod: ['采购方式', 'Procurement method'],
  openTender: ['公开招标', 'Open tender'],
  competitiveConsultation: ['竞争性磋商', 'Competitive consultation'],
  budgetCeiling: ['最高限价（元）', 'Budget ceiling (yuan)'],
  priceWeight: ['价格分权重（%）', 'Price weight (%)'],
  minValidBids: ['最少有效投标数', 'Minimum valid bids'],
  tenderPeriod: ['投标期（工作日）', 'Tender period (working days)'],
  confirmationPeriod: ['采购人确认期（工作日）', 'Confirmation period (working days)'],
  committeeSize: ['评标委员会人数', 'Committee members'],
  committeeExperts: ['其中专家人数', 'Experts among them'],
  paymentMilestones: ['付款节点', 'Payment milestones'],
  milestoneName: ['节点名称', 'Milestone'],
  percent: ['比例（%）', 'Percent'],
  paidOn: ['付款条件', 'Paid on'],
  onDelivery: ['交付验收', 'Delivery accepted'],
  onMidterm: ['中期评估合格', 'Midterm evaluation passed'],
  onFinal: ['末期评估合格', 'Final evaluation passed'],
  create: ['创建', 'Create'],
  publish: ['发布', 'Publish'],
  bids: ['投标', 'Bids'],
  bidder: ['投标人', 'Bidder'],
  bidPrice: ['投标报价', 'Bid price'],
  sealed: ['已密封，开标前不可查看', 'Sealed until the opening'],
  bidReceived: ['已收到投标', 'Bid received'],
  qualification: ['资格审查', 'Qualification'],
  qualified: ['资格合格', 'Qualified'],
  notQualified: ['资格不合格', 'Not qualified'],
  committee: ['评标委员会', 'Committee'],
  technicalScore: ['技术分', 'Technical score'],
  priceScore: ['价格分', 'Price score'],
  comprehensiveScore: ['综合得分', 'Comprehensive score'],
  pickNext: ['改选下一顺位中标候选人', 'Award the next ranked'],
  amendTender: ['修改招标文件', 'Amend the tender documents'],
  contracts: ['合同与付款', 'Contracts and payments'],
  contractPrice: ['合同金额', 'Contract price'],
  paid: ['已付款', 'Paid'],
  tranche: ['付款节点', 'Tranche'],
  amount: ['金额', 'Amount'],
  paidAt: ['付款时间', 'Paid at'],
  openTenders: ['正在招标的采购项目', 'Open tenders'],
  bid: ['投标', 'Bid'],
  notifications: ['通知', 'Notifications'],
  declareConflict: ['申报回避（利益冲突）', 'Declare a conflict of interest'],
  conflictHelp: [
    '与申报单位存在利害关系的，应当主动回避；回避后系统将另行分配评审专家。',
    'Recuse yourself if you have an interest in the applicant; another reviewer will be assigned.',
  ],
  conflictDeclared: ['已申报回避', 'Conflict declared'],
  revisionRequested: ['需要补正材料', 'Revision requested'],
  revisionHelp: ['请按以下意见修改后重新提交', 'Revise as asked below and submit again'],
  exportCsv: ['导出 CSV', 'Export CSV'],
  exportSection: ['分类', 'Section'],
  exportItem: ['项目', 'Item'],
  exportValue: ['数值', 'Value'],
  exportHeadline: ['总体', 'Headline'],
  unread: ['未读', 'unread'],
} satisfies Record<string, [string, string]>;

export type MessageKey = keyof typeof DICTIONARY;

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey): string;
  /** Picks the text of a bilingual value from the API. */
  pick(text: { zh: string; en: string } | undefined | null): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<Language>(language);
  const i18n = useMemo<I18n>(
    () => ({
      language: value,
      setLanguage(next) {
        language = next;
        localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
        setValue(next);
      },
      t: (key) => DICTIONARY[key][value === 'en' ? 1 : 0],
      pick: (text) => (text ? (value === 'en' ? text.en : text.zh) : ''),
    }),
    [value],
  );
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
