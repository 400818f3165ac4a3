import { SERVICE_CATEGORY_KEYS, STANDARD_PAYMENT_MILESTONES } from '@grantflow/domain';
import { demoBudgetWorkbook, demoPdf } from './demo-documents';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STREETS } from './demo-users';

// The district of the source document and its six streets (街道), each with two communities.
const STREETS = [
  { name: '湖滨街道', communities: ['东坡路社区', '青年路社区'] },
  { name: '清波街道', communities: ['劳动路社区', '柳翠井巷社区'] },
  { name: '小营街道', communities: ['小营巷社区', '茅廊巷社区'] },
  { name: '紫阳街道', communities: ['春江社区', '上羊市街社区'] },
  { name: '望江街道', communities: ['近江社区', '婺江社区'] },
  { name: '南星街道', communities: ['馒头山社区', '复兴社区'] },
];

const PROJECT_TITLES: Record<string, string> = {
  elderly: '独居老人助餐服务',
  disability_hardship: '残障青年就业陪伴计划',
  youth: '四点半课堂',
  new_residents: '新杭州人子女暑期营',
  culture: '社区历史口述计划',
  environment: '垃圾分类督导员培育',
  food_safety: '菜市场食品安全监督员',
  other: '邻里互助时间银行',
};

const STREET_EXPERTS = ['expert1', 'expert2', 'expert3'].map((name) => `${name}@demo.grantflow.cn`);
const DISTRICT_EXPERTS = ['expert4', 'expert5', 'expert6', 'expert7'].map(
  (name) => `${name}@demo.grantflow.cn`,
);
const ORGANIZATION_ADMINS = DEMO_ACCOUNTS.filter((account) => account.roles.length === 0).map(
  (account) => account.email,
);

interface DemoCase {
  id: string;
  organizationId: string;
  street: string;
}

function client(baseUrl: string) {
  const send = async <T>(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    post: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
      send<T>('POST', path, body, headers),
    patch: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
      send<T>('PATCH', path, body, headers),
    get: <T>(path: string, headers?: Record<string, string>) => send<T>('GET', path, undefined, headers),
    /** Uploads a file for an organization's forms; returns it as a form holds it. */
    upload: async (
      organizationId: string,
      fileName: string,
      content: Buffer,
      headers: Record<string, string>,
    ): Promise<{ id: string; fileName: string }> => {
      const body = new FormData();
      body.append('file', new Blob([content]), fileName);
      const response = await fetch(`${baseUrl}/api/organizations/${organizationId}/documents`, {
        method: 'POST',
        headers: { 'Accept-Language': 'en', ...headers },
        body,
      });
      if (!response.ok)
        throw new Error(`uploading ${fileName} answered ${response.status}: ${await response.text()}`);
      const { id } = (await response.json()) as { id: string };
      return { id, fileName };
    },
  };
}

function form(
  category: string,
  requestedAmount: number,
  community: string,
  attachments: Record<string, { id: string; fileName: string }[]>,
): Record<string, unknown> {
  return {
    projectName: PROJECT_TITLES[category],
    category,
    serviceArea: community,
    beneficiaries: 80,
    startDate: '2027-03-01',
    endDate: '2027-12-31',
    necessity: '社区调研显示该需求迫切。',
    objectives: '一年内服务 80 名居民。',
    activities: '每月开展四次活动。',
    expectedOutcomes: '居民满意度达到 90%。',
    teamCapacity: '团队有三年社区服务经验。',
    requestedAmount,
    ...attachments,
  };
}

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`demo data: ${what} did not happen within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Loads a demo through the public API, the same code paths users take: organizations in every street; a
 * competition that coordinators, reviewers and applicants have carried through screening, two review rounds,
 * the award and the public notice, so its cases stand in every stage from draft to implementation; and a
 * second call still taking applications.
 */
export async function loadDemoData(
  baseUrl: string,
): Promise<{ organizations: number; applications: number }> {
  const api = client(baseUrl);
  // Everyone acts through their own demo account, signed in like a user would.
  const as = async (email: string) => {
    const session = await api.post<{ accessToken: string; user: { id: string } }>('/api/auth/login', {
      email,
      password: DEMO_PASSWORD,
    });
    return { id: session.user.id, headers: { Authorization: `Bearer ${session.accessToken}` } };
  };
  const DISTRICT = (await as('district@demo.grantflow.cn')).headers;
  const ADMIN = (await as('admin@demo.grantflow.cn')).headers;
  const coordinators = new Map<string, Record<string, string>>();
  for (const [index, street] of DEMO_STREETS.entries()) {
    const email = index === 0 ? 'street@demo.grantflow.cn' : `street${index + 1}@demo.grantflow.cn`;
    coordinators.set(street, (await as(email)).headers);
  }
  const streetCoordinator = (street: string) => coordinators.get(street)!;
  const reviewerHeaders = new Map<string, Record<string, string>>();
  const STREET_REVIEWERS: string[] = [];
  const DISTRICT_REVIEWERS: string[] = [];
  for (const email of [...STREET_EXPERTS, ...DISTRICT_EXPERTS]) {
    const { id, headers } = await as(email);
    reviewerHeaders.set(id, headers);
    (STREET_EXPERTS.includes(email) ? STREET_REVIEWERS : DISTRICT_REVIEWERS).push(id);
  }

  // The expert registry the review panels are drawn from; an expert's id is their account's.
  for (const [index, id] of STREET_REVIEWERS.entries()) {
    await api.post(
      '/api/experts',
      {
        id,
        name: ['周敏', '陈立', '徐静'][index],
        expertise: [SERVICE_CATEGORY_KEYS[index], SERVICE_CATEGORY_KEYS[index + 3]],
        level: 'street',
        street: STREETS[index].name,
        maxLoadPerProgram: 15,
      },
      DISTRICT,
    );
  }
  for (const [index, id] of DISTRICT_REVIEWERS.entries()) {
    await api.post(
      '/api/experts',
      {
        id,
        name: ['王建国', '李秀英', '张伟', '刘洋'][index],
        expertise: [SERVICE_CATEGORY_KEYS[(index * 2) % 8], SERVICE_CATEGORY_KEYS[(index * 2 + 1) % 8]],
        level: 'district',
        maxLoadPerProgram: 15,
      },
      DISTRICT,
    );
  }
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const competition = await api.post<{ id: string }>(
    '/api/programs',
    {
      name: '2026年上城区社区公益创投大赛',
      templateKey: 'grant-competition',
      budgetFen: 30_000_000,
      submissionClosesAt: inDays(30),
    },
    DISTRICT,
  );
  await api.patch(
    `/api/programs/${competition.id}`,
    {
      reviewerPools: { 'street-review': STREET_REVIEWERS, 'district-review': DISTRICT_REVIEWERS },
    },
    DISTRICT,
  );
  await api.post(`/api/programs/${competition.id}/publish`, {}, DISTRICT);
  const openCall = await api.post<{ id: string }>(
    '/api/programs',
    {
      name: '2027年社区微公益项目征集',
      templateKey: 'grant-competition',
      budgetFen: 20_000_000,
      submissionClosesAt: inDays(45),
    },
    DISTRICT,
  );
  await api.post(`/api/programs/${openCall.id}/publish`, {}, DISTRICT);

  const cases: DemoCase[] = [];
  const applicantHeaders = new Map<string, Record<string, string>>();
  let applications = 0;
  let organizations = 0;
  for (const [streetIndex, street] of STREETS.entries()) {
    for (const [communityIndex, community] of street.communities.entries()) {
      const organization = await api.post<{ id: string }>(
        '/api/organizations',
        {
          name: `${community}${['志愿者协会', '邻里服务社'][communityIndex]}`,
          kind: 'community_filed',
          street: street.name,
          community,
        },
        DISTRICT,
      );
      organizations += 1;
      const index = streetIndex * 2 + communityIndex;
      // Its admin's account joins it; signing in afterwards, the account acts for the organization.
      await api.post(
        `/api/organizations/${organization.id}/members`,
        { name: `社会组织负责人 ${index + 1}`, email: ORGANIZATION_ADMINS[index], role: 'admin' },
        ADMIN,
      );
      const applicant = (await as(ORGANIZATION_ADMINS[index])).headers;
      applicantHeaders.set(organization.id, applicant);
      const category = SERVICE_CATEGORY_KEYS[index % SERVICE_CATEGORY_KEYS.length];
      const requestedAmountFen = (25 + (index % 4) * 5) * 100_000;
      const programId = index % 4 === 3 ? openCall.id : competition.id;
      const application = await api.post<{ id: string }>(
        '/api/applications',
        {
          programId,
          organizationId: organization.id,
          title: PROJECT_TITLES[category],
          category,
          street: street.name,
          requestedAmountFen,
          form: form(category, requestedAmountFen, community, {
            budgetDetail: [
              await api.upload(
                organization.id,
                '预算明细.xlsx',
                await demoBudgetWorkbook(PROJECT_TITLES[category], requestedAmountFen),
                applicant,
              ),
            ],
            registrationCertificate: [
              await api.upload(
                organization.id,
                '备案证明.pdf',
                demoPdf('Registration certificate'),
                applicant,
              ),
            ],
          }),
        },
        applicant,
      );
      applications += 1;
      // One application stays a draft so every state appears.
      if (index === 11) continue;
      await api.post(`/api/applications/${application.id}/submit`, {}, applicant);
      if (programId === competition.id)
        cases.push({ id: application.id, organizationId: organization.id, street: street.name });
    }
  }

  const act = (c: DemoCase, action: string, headers: Record<string, string>, body: object = {}) =>
    api.post(`/api/applications/${c.id}/actions/${action}`, body, headers);
  const applicantOf = (c: DemoCase) => applicantHeaders.get(c.organizationId)!;
  const stageOf = async (c: DemoCase) =>
    (await api.get<{ stage: string }>(`/api/applications/${c.id}`, DISTRICT)).stage;
  const programStage = async () =>
    (await api.get<{ currentStage: string | null }>(`/api/programs/${competition.id}`, DISTRICT))
      .currentStage;
  const closeStage = async (stageKey: string, next: string | null) => {
    await api.post(
      `/api/programs/${competition.id}/stages/${stageKey}/close`,
      { reason: '演示数据' },
      DISTRICT,
    );
    await waitUntil(async () => (await programStage()) === next, `closing ${stageKey}`);
  };
  const reviewersOf = async (c: DemoCase, stage: string) =>
    (
      await api.get<{ action: string; toStage: string; data: { reviewerIds?: string[] } | null }[]>(
        `/api/applications/${c.id}/timeline`,
        DISTRICT,
      )
    )
      .filter((entry) => entry.action === 'reviewers_assigned' && entry.toStage === stage)
      .flatMap((entry) => entry.data?.reviewerIds ?? []);

  // One applicant withdraws; the competition's window is then closed early by the district.
  await act(cases[0], 'withdraw', applicantOf(cases[0]), { reason: '项目负责人调离' });
  await closeStage('solicitation', 'eligibility-screening');
  const screened = cases.slice(1);
  await act(screened[0], 'screen', streetCoordinator(screened[0].street), {
    decision: 'ineligible',
    reason: '服务对象不在本区',
  });
  await act(screened[1], 'request_revision', streetCoordinator(screened[1].street), {
    reason: '请补充预算明细',
  });
  for (const c of screened.slice(2))
    await act(c, 'screen', streetCoordinator(c.street), { decision: 'eligible' });
  await closeStage('eligibility-screening', 'street-review');

  const inReview = screened.slice(2);
  for (const [index, c] of inReview.entries()) {
    await waitUntil(
      async () => (await reviewersOf(c, 'street-review')).length === 2,
      'street reviewer assignment',
    );
    const score = index === inReview.length - 1 ? 2 : 4;
    for (const reviewer of await reviewersOf(c, 'street-review')) {
      await act(c, 'submit_review', reviewerHeaders.get(reviewer)!, {
        scores: { excellence: score, impact: score, implementation: score },
        comments:
          score < 3
            ? { excellence: '需求论证不足', impact: '受益面较小', implementation: '计划不够具体' }
            : {},
      });
    }
  }
  await closeStage('street-review', 'district-review');
  const advanced = [];
  for (const c of inReview) if ((await stageOf(c)) === 'district-review') advanced.push(c);
  for (const [index, c] of advanced.entries()) {
    await waitUntil(
      async () => (await reviewersOf(c, 'district-review')).length === 3,
      'district reviewer assignment',
    );
    const share = 0.9 - index * 0.05;
    for (const reviewer of await reviewersOf(c, 'district-review')) {
      await act(c, 'submit_review', reviewerHeaders.get(reviewer)!, {
        scores: {
          necessity: Math.round(20 * share),
          feasibility: Math.round(30 * share),
          teamCapacity: Math.round(20 * share),
          budgetReasonableness: Math.round(15 * share),
          socialBenefit: Math.round(15 * share),
        },
      });
    }
  }
  await closeStage('district-review', 'decision');
  await api.post(`/api/programs/${competition.id}/stages/decision/close`, { reason: '演示数据' }, DISTRICT);
  await waitUntil(
    async () =>
      (await api.get<unknown[]>(`/api/programs/${competition.id}/stages/decision/award-proposal`, DISTRICT))
        .length > 0,
    'the award proposal',
  );
  await api.post(
    `/api/programs/${competition.id}/stages/decision/confirm-awards`,
    { reason: '演示数据' },
    DISTRICT,
  );
  await waitUntil(async () => (await programStage()) === 'public-notice', 'confirming the awards');
  await closeStage('public-notice', null);

  // Some awarded organizations have signed and started delivery; the others are still signing.
  const awarded = [];
  for (const c of advanced) if ((await stageOf(c)) === 'agreement') awarded.push(c);
  for (const c of awarded.slice(0, 2)) {
    await act(c, 'sign_agreement', applicantOf(c));
    await act(c, 'sign_agreement', DISTRICT);
  }
  if (awarded[0])
    await act(awarded[0], 'submit_report', applicantOf(awarded[0]), { reportKey: 'progress-report' });

  applications += await loadDemoCompanyFunded(api, {
    district: DISTRICT,
    admin: ADMIN,
    implementer: [...applicantHeaders.entries()][3],
  });
  applications += await loadDemoProcurement(api, {
    purchaser: (await as('purchaser@demo.grantflow.cn')).headers,
    committee: DISTRICT_REVIEWERS.slice(0, 3),
    reviewerHeaders,
    bidders: [...applicantHeaders.entries()].slice(0, 3),
  });
  return { organizations, applications };
}

/**
 * A company-funded project (企业出资): the demo funder's company pays for smoke alarms, the district has placed
 * the project with a demo organization, and the three-party agreement waits for the funder's signature only,
 * so the funder's home (资助方) has something to sign. The call is closed early: a demo cannot wait ten days.
 * Returns the number of applications (one).
 */
async function loadDemoCompanyFunded(
  api: ReturnType<typeof client>,
  demo: {
    district: Record<string, string>;
    admin: Record<string, string>;
    implementer: [string, Record<string, string>];
  },
): Promise<number> {
  const { district } = demo;
  const [implementerId, implementer] = demo.implementer;
  // The registry has no kind for companies; the funder's company is filed as a social group for the demo.
  const company = await api.post<{ id: string }>(
    '/api/organizations',
    { name: '杭派服饰城（出资企业）', kind: 'social_group', street: STREETS[3].name },
    district,
  );
  await api.post(
    `/api/organizations/${company.id}/members`,
    { name: '出资企业联系人', email: 'funder@demo.grantflow.cn', role: 'admin' },
    demo.admin,
  );
  const program = await api.post<{ id: string }>(
    '/api/programs',
    {
      name: '特殊家庭烟感报警器安装（企业出资）',
      templateKey: 'company-funded',
      budgetFen: 5_000_000,
      submissionClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      companyFunding: {
        funderOrganizationId: company.id,
        beneficiaries: { description: '辖区独居老人、残疾人等特殊家庭', count: 1000 },
      },
    },
    district,
  );
  await api.post(`/api/programs/${program.id}/publish`, {}, district);
  const { street } = await api.get<{ street: string }>(`/api/organizations/${implementerId}`, implementer);
  const proposal = await api.post<{ id: string }>(
    '/api/applications',
    {
      programId: program.id,
      organizationId: implementerId,
      title: '为 1000 户特殊家庭安装烟感报警器',
      category: 'disability_hardship',
      street,
      requestedAmountFen: 4_500_000,
      form: {
        requestedAmount: 4_500_000,
        deliveryPlan: '分两批入户安装烟感报警器，并培训家庭成员使用。',
        capacity: '有入户服务团队 20 人，三年居家安全服务经验。',
      },
    },
    implementer,
  );
  await api.post(`/api/applications/${proposal.id}/submit`, {}, implementer);
  await api.post(`/api/programs/${program.id}/stages/proposals/close`, { reason: '演示数据' }, district);
  const stage = async () =>
    (await api.get<{ stage: string }>(`/api/applications/${proposal.id}`, district)).stage;
  await waitUntil(async () => (await stage()) === 'placement', 'closing the call for implementers');
  const act = (action: string, headers: Record<string, string>, body: object = {}) =>
    api.post(`/api/applications/${proposal.id}/actions/${action}`, body, headers);
  await act('award', district, { tier: 'placed', amountFen: 4_500_000 });
  await act('sign_agreement', implementer);
  await act('sign_agreement', district);
  return 1;
}

// A technical sheet of the procurement rubric adding up to `total` of 100: full marks but for the service plan.
const technicalSheet = (total: number) => ({
  scores: {
    servicePlan: 30 - (100 - total),
    teamQualifications: 25,
    trackRecord: 20,
    qualityAssurance: 15,
    communityKnowledge: 10,
  },
});

/**
 * A purchase of services (政府购买服务) by the demo purchaser, carried through the opening, qualification and the
 * committee's scoring to the department's confirmed award, so the purchaser's pages have a ranking, an award and
 * a result notice to show. The tender is closed early by the department: a demo cannot wait ten working days.
 * Returns the number of bids.
 */
async function loadDemoProcurement(
  api: ReturnType<typeof client>,
  demo: {
    purchaser: Record<string, string>;
    committee: string[];
    reviewerHeaders: Map<string, Record<string, string>>;
    bidders: [string, Record<string, string>][];
  },
): Promise<number> {
  const { purchaser } = demo;
  const YUAN = 100;
  const procurement = await api.post<{ id: string }>(
    '/api/programs',
    {
      name: '2026年上城区社区居家养老服务采购',
      templateKey: 'government-procurement',
      budgetFen: 600_000 * YUAN,
      submissionClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      procurement: {
        method: 'competitive_consultation',
        budgetCeilingFen: 600_000 * YUAN,
        priceWeightPercent: 20,
        minValidBids: 3,
        tenderPeriodWorkingDays: 10,
        confirmationWorkingDays: 5,
        committee: { size: 3, experts: 2 },
        paymentMilestones: [...STANDARD_PAYMENT_MILESTONES],
      },
    },
    purchaser,
  );
  const id = procurement.id;
  await api.patch(
    `/api/programs/${id}`,
    { reviewerPools: { 'committee-evaluation': demo.committee } },
    purchaser,
  );
  await api.post(`/api/programs/${id}/publish`, {}, purchaser);

  const offers = [
    { priceFen: 520_000 * YUAN, technical: 92 },
    { priceFen: 480_000 * YUAN, technical: 88 },
    { priceFen: 560_000 * YUAN, technical: 80 },
  ];
  const bids: { id: string; technical: number }[] = [];
  for (const [index, [organizationId, headers]] of demo.bidders.entries()) {
    const { priceFen, technical } = offers[index];
    const bid = await api.post<{ id: string; street: string }>(
      '/api/applications',
      {
        programId: id,
        organizationId,
        title: '社区居家养老服务投标',
        category: 'elderly',
        street: STREETS[Math.floor(index / 2)].name,
        requestedAmountFen: priceFen,
        form: {
          bidAmount: priceFen,
          servicePlan: '为辖区 300 位居家老人提供助餐、助洁、助浴服务。',
          team: '持证社工 6 名，护理员 12 名。',
          bidDocument: [await api.upload(organizationId, '响应文件.pdf', demoPdf('Bid response'), headers)],
          qualificationDocuments: [
            await api.upload(organizationId, '登记证书.pdf', demoPdf('Registration certificate'), headers),
          ],
        },
      },
      headers,
    );
    await api.post(`/api/applications/${bid.id}/submit`, {}, headers);
    bids.push({ id: bid.id, technical });
  }

  const programStage = async () =>
    (await api.get<{ currentStage: string | null }>(`/api/programs/${id}`, purchaser)).currentStage;
  const closeStage = async (stageKey: string, next: string | null) => {
    await api.post(`/api/programs/${id}/stages/${stageKey}/close`, { reason: '演示数据' }, purchaser);
    await waitUntil(async () => (await programStage()) === next, `closing ${stageKey}`);
  };
  const stageOf = async (bidId: string) =>
    (await api.get<{ stage: string }>(`/api/applications/${bidId}`, purchaser)).stage;
  const act = (bidId: string, action: string, headers: Record<string, string>, body: object = {}) =>
    api.post(`/api/applications/${bidId}/actions/${action}`, body, headers);

  await closeStage('tender', 'opening-qualification');
  for (const bid of bids) {
    await waitUntil(async () => (await stageOf(bid.id)) === 'opening-qualification', 'the opening');
    await act(bid.id, 'screen', purchaser, { decision: 'eligible' });
  }
  await closeStage('opening-qualification', 'committee-evaluation');
  for (const bid of bids) {
    const assigned = async () =>
      (
        await api.get<{ action: string; data: { reviewerIds?: string[] } | null }[]>(
          `/api/applications/${bid.id}/timeline`,
          purchaser,
        )
      )
        .filter((entry) => entry.action === 'reviewers_assigned')
        .flatMap((entry) => entry.data?.reviewerIds ?? []);
    await waitUntil(async () => (await assigned()).length === demo.committee.length, 'the committee');
    for (const reviewer of await assigned())
      await act(bid.id, 'submit_review', demo.reviewerHeaders.get(reviewer)!, technicalSheet(bid.technical));
  }
  await closeStage('committee-evaluation', 'award');
  await api.post(`/api/programs/${id}/stages/award/close`, { reason: '演示数据' }, purchaser);
  await waitUntil(
    async () =>
      (await api.get<unknown[]>(`/api/programs/${id}/stages/award/award-proposal`, purchaser)).length > 0,
    'the procurement award proposal',
  );
  await api.post(
    `/api/programs/${id}/stages/award/confirm-awards`,
    { reason: '采购人确认评审结果' },
    purchaser,
  );
  await waitUntil(async () => (await programStage()) === 'result-notice', 'confirming the procurement award');
  return bids.length;
}
