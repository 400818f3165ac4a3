import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import {
  createOrganization,
  createPublishedProgram,
  draftApplication,
  eventually,
} from '../support/fixtures';
import { actorHeaders, DISTRICT_COORDINATOR } from '../support/auth';
import { registerAccount } from '../support/accounts';
import { startStack, type TestStack } from '../support/stack';
import { launchChromium, newChinesePage, SCREENSHOTS, signInThroughPage } from './chromium';

// One journey per role through the built web app in Chromium, against the real API, Temporal and Postgres.
// The journeys share one program that the API carries between them (the steps nobody clicks), so each role
// meets the program at the stage where it has work: screening, district review, the award, the notice.

const PASSWORD = 'Grantflow@2026';
// The test run shares one database: accounts and experts of this file carry a suffix of their own.
const RUN = randomUUID().slice(0, 8);
const district = DISTRICT_COORDINATOR;
const reviewer = (id: string) => actorHeaders({ userId: id, roles: ['reviewer'] });
const streetCoordinator = (street: string) =>
  actorHeaders({ userId: `street-${RUN}`, roles: ['coordinator:street'], scope: street });
const STREET_EXPERTS = [1, 2, 3].map((n) => `web-street-${RUN}-${n}`);
// The shared program's name is this run's own, so leadership finds its line among other suites' programs.
const PROGRAM_NAME = `2026年社区公益创投-${RUN}`;

interface Case {
  id: string;
  title: string;
  organizationId: string;
  street: string;
}

describe('the web application in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let programId: string;
  let districtExperts: string[];
  const cases: Case[] = [];

  const http = () => request(stack.server);
  const emails: Record<string, string> = {};
  /** Opens an account as anyone can, then gives it staff roles as an administrator would. */
  async function account(name: string, roles: string[] = [], scope?: string): Promise<string> {
    emails[name] = `${name}-${RUN}@web.test`;
    return registerAccount(stack.server, {
      email: emails[name],
      password: PASSWORD,
      displayName: name,
      roles,
      scope,
    });
  }
  const act = (c: Case, action: string, headers: Record<string, string>, body: object = {}) =>
    http().post(`/api/applications/${c.id}/actions/${action}`).set(headers).send(body).expect(200);
  const programStage = async () =>
    (await http().get(`/api/programs/${programId}`).set(district).expect(200)).body.currentStage;
  const closeStage = async (stageKey: string, next: string | null) => {
    await http()
      .post(`/api/programs/${programId}/stages/${stageKey}/close`)
      .set(district)
      .send({})
      .expect(200);
    await eventually(async () => ((await programStage()) === next ? true : undefined), 30_000);
  };
  const reviewersOf = async (c: Case, stage: string) =>
    (
      (await http().get(`/api/applications/${c.id}/timeline`).set(district).expect(200)).body as {
        action: string;
        toStage: string;
        data: { reviewerIds?: string[] } | null;
      }[]
    )
      .filter((entry) => entry.action === 'reviewers_assigned' && entry.toStage === stage)
      .flatMap((entry) => entry.data?.reviewerIds ?? []);
  const assigned = (c: Case, stage: string, count: number) =>
    eventually(async () => {
      const ids = await reviewersOf(c, stage);
      return ids.length >= count ? ids : undefined;
    }, 30_000);

  let current: Page | undefined;
  async function newPage(): Promise<Page> {
    current = await newChinesePage(browser);
    return current;
  }
  // A wrong password stays on the form with the reason, so only the right one waits for the header.
  const signIn = (page: Page, email: string, password = PASSWORD) =>
    signInThroughPage(page, baseUrl, { email, password }, { waitForHeader: password === PASSWORD });
  // Charts resize a moment after the window does, hence the wait; a page wider than the screen fails.
  async function fitsWidth(page: Page, width: number): Promise<void> {
    // Expressions as strings: this file compiles without the DOM library.
    const fits = await page
      .waitForFunction(`document.documentElement.scrollWidth <= ${width}`, undefined, { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!fits) await page.screenshot({ path: join(SCREENSHOTS, `too-wide-${width}.png`), fullPage: true });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    stack = await startStack();
    await new Promise<void>((resolve) => stack.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;

    await account('district', ['coordinator:district']);
    await account('street', ['coordinator:street'], '湖滨街道');
    await account('leader', ['leadership']);
    await account('applicant');
    // The reviewer signs in; two more experts make the district panel of three, so every case goes to all three
    // (with a larger pool the solver may, among equal choices, leave the signed-in reviewer out). Expert ids are
    // user ids.
    const reviewerId = await account('expert', ['reviewer']);
    districtExperts = [reviewerId, ...[2, 3].map((n) => `web-district-${RUN}-${n}`)];
    for (const [index, id] of districtExperts.entries())
      await http()
        .post('/api/experts')
        .set(district)
        .send({
          id,
          name: `区级专家${index + 1}`,
          expertise: ['elderly'],
          level: 'district',
          maxLoadPerProgram: 50,
        })
        .expect(201);
    for (const [index, id] of STREET_EXPERTS.entries())
      await http()
        .post('/api/experts')
        .set(district)
        .send({
          id,
          name: `街道专家${index + 1}`,
          expertise: ['elderly'],
          level: 'street',
          street: ['湖滨街道', '清波街道', '小营街道'][index],
          maxLoadPerProgram: 50,
        })
        .expect(201);
    programId = await createPublishedProgram(stack.server, {
      name: PROGRAM_NAME,
      testSized: false,
      budgetFen: 30_000_000,
      reviewerPools: { 'street-review': STREET_EXPERTS, 'district-review': districtExperts },
    });
    for (const street of ['湖滨街道', '湖滨街道', '清波街道', '清波街道']) {
      const organizationId = await createOrganization(
        stack.server,
        street,
        `${street}服务社${cases.length + 1}`,
      );
      const id = await draftApplication(stack.server, {
        programId,
        organizationId,
        street,
        title: `${street}助老项目${cases.length + 1}`,
        requestedAmountFen: 3_000_000,
      });
      await http()
        .post(`/api/applications/${id}/submit`)
        .set(actorHeaders({ userId: `member-${organizationId}`, organizationId }))
        .expect(200);
      cases.push({ id, organizationId, street, title: `${street}助老项目${cases.length + 1}` });
    }
    await closeStage('solicitation', 'eligibility-screening');
  });

  // A journey that stopped half-way leaves its page open: keep what it showed for the reader of the failure.
  afterEach(async () => {
    if (current && !current.isClosed()) {
      await current.screenshot({
        path: join(SCREENSHOTS, `failed-${expect.getState().currentTestName}.png`),
      });
      await current.context().close();
    }
    current = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('refuses a wrong password in Chinese and switches to English', async () => {
    const page = await newPage();
    await signIn(page, emails.district, 'Wrong-password-2026');
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('邮箱或密码不正确');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await shot(page, 'login-refused');
    await page.context().close();
  });

  it('street coordinator: sees and screens the own street only', async () => {
    const page = await newPage();
    await signIn(page, emails.street);
    await page.getByRole('menuitem', { name: '项目管理' }).click();
    await page.getByRole('link', { name: '2026年社区公益创投' }).first().click();
    // The pipeline lists the coordinator's street: 湖滨街道's two cases, none of 清波街道's.
    await page.getByRole('link', { name: cases[0].title }).waitFor();
    await expect(page.getByRole('link', { name: cases[1].title }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: cases[2].title }).count()).resolves.toBe(0);
    await shot(page, 'coordinator-pipeline');
    await page.setViewportSize({ width: 1024, height: 768 });
    await fitsWidth(page, 1024);
    await page.setViewportSize({ width: 1366, height: 768 });

    // A case in 清波街道 is not the 湖滨街道 coordinator's: the API answers as if it did not exist, in Chinese.
    await page.goto(`${baseUrl}/coordinator/applications/${cases[2].id}`);
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('资源不存在');
    await expect(page.getByRole('button', { name: '符合资格', exact: true }).count()).resolves.toBe(0);
    await shot(page, 'coordinator-refused');

    await page.goto(`${baseUrl}/coordinator/applications/${cases[0].id}`);
    await page.getByRole('button', { name: '符合资格', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await page.getByText('操作成功').waitFor();
    // The timeline gains the screening, named in Chinese.
    await page.locator('.ant-timeline-item .ant-tag', { hasText: /^资格审查$/ }).waitFor();
    await page.context().close();
  });

  it('reviewer: scores a proposal from the queue with a running total, saves a draft and submits', async () => {
    // The rest of screening and the street round happen through the API.
    for (const c of cases.slice(1))
      await act(c, 'screen', streetCoordinator(c.street), { decision: 'eligible' });
    await closeStage('eligibility-screening', 'street-review');
    for (const c of cases)
      for (const id of await assigned(c, 'street-review', 2))
        await act(c, 'submit_review', reviewer(id), {
          scores: { excellence: 4, impact: 4, implementation: 4 },
        });
    await closeStage('street-review', 'district-review');
    const me = districtExperts[0];
    let target: Case | undefined;
    for (const c of cases) if (!target && (await assigned(c, 'district-review', 3)).includes(me)) target = c;
    if (!target) throw new Error('the signed-in reviewer was assigned no case');

    const page = await newPage();
    await signIn(page, emails.expert);
    await page.getByRole('menuitem', { name: '评审任务' }).click();
    await page.getByRole('button', { name: `评审: ${target.title}` }).click();
    // The proposal's files open from the document store; the blind district round withholds the certificate,
    // which names the organization.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '预算.xlsx' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('预算.xlsx');
    await expect(page.getByRole('button', { name: '备案证明.pdf' }).count()).resolves.toBe(0);
    const scores = { 必要性: 18, 可行性: 27, 团队能力: 18, 预算合理性: 13, 社会效益: 13 };
    for (const [criterion, score] of Object.entries(scores).slice(0, 2))
      await page.getByRole('spinbutton', { name: new RegExp(criterion) }).fill(String(score));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('已保存').waitFor();
    for (const [criterion, score] of Object.entries(scores).slice(2))
      await page.getByRole('spinbutton', { name: new RegExp(criterion) }).fill(String(score));
    await expect(page.getByTestId('running-total').textContent()).resolves.toContain('89');
    await shot(page, 'reviewer-rubric');
    await page.getByRole('button', { name: '提交评审' }).click();
    await page.getByText('评审已提交').waitFor();
    await shot(page, 'reviewer-queue');
    // The submitted sheet moves to the reviewer's past reviews, with its total and, opened, each criterion.
    await page.getByRole('tab', { name: '已评审' }).click();
    const reviewed = page.getByRole('row', { name: new RegExp(target.title) });
    await expect(reviewed.getByTestId('past-review-total').textContent()).resolves.toBe('89 / 100');
    await expect(reviewed.textContent()).resolves.toContain('区级终评');
    await reviewed.getByRole('button', { name: '展开行' }).click();
    await page.getByText('18 / 20').first().waitFor();
    await expect(page.getByText('必要性').count()).resolves.toBeGreaterThan(0);
    await shot(page, 'reviewer-past-reviews');
    await page.context().close();

    const sheets = (
      await http()
        .get(`/api/applications/${target.id}/score-sheets?stageKey=district-review`)
        .set(district)
        .expect(200)
    ).body;
    expect(sheets.sheets.map((sheet: { total: number }) => sheet.total)).toContain(89);
    // The other district reviews through the API, then the round and the decision close.
    for (const c of cases)
      for (const id of await assigned(c, 'district-review', 3))
        if (!(c === target && id === me))
          await act(c, 'submit_review', reviewer(id), {
            scores: {
              necessity: 17,
              feasibility: 26,
              teamCapacity: 17,
              budgetReasonableness: 13,
              socialBenefit: 13,
            },
          });
  });

  it('district coordinator: confirms the award proposal', async () => {
    await closeStage('district-review', 'decision');
    await http().post(`/api/programs/${programId}/stages/decision/close`).set(district).send({}).expect(200);
    await eventually(async () => {
      const lines = (
        await http()
          .get(`/api/programs/${programId}/stages/decision/award-proposal`)
          .set(district)
          .expect(200)
      ).body;
      return lines.length > 0 ? lines : undefined;
    }, 30_000);

    const page = await newPage();
    await signIn(page, emails.district);
    await page.goto(`${baseUrl}/coordinator/programs/${programId}?tab=awards`);
    await page.getByRole('button', { name: '确认资助方案' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '提交' }).click();
    await page.getByText('资助方案已确认').first().waitFor();
    await shot(page, 'coordinator-awards');
    await page.context().close();
    await eventually(async () => ((await programStage()) === 'public-notice' ? true : undefined), 30_000);
  });

  it('public: reads the published results and files an objection', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/public/programs/${programId}`);
    const object = page.getByRole('button', { name: `提出异议: ${cases[0].title}` });
    await expect(page.getByTestId('notice-status').textContent()).resolves.toContain('公示期内');
    await object.click();
    await page.getByLabel('异议事实与理由').fill('该项目服务对象与实际不符。');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByText('异议已提交').waitFor();
    await shot(page, 'public-notice');
    await page.context().close();
  });

  it('leadership: filters the overview by year, reads the totals, exports them and drills down to the program', async () => {
    const page = await newPage();
    await signIn(page, emails.leader);
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    // The overview across programs comes first; the program opened this year on the district's clock.
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
      new Date(),
    );
    await page.getByLabel('年度', { exact: true }).first().click();
    await page.locator('.ant-select-item-option', { hasText: year }).click();
    expect(page.url()).toContain(`year=${year}`);
    // The program's line: four applications of ¥30,000.00 each, all submitted.
    const line = page.getByRole('row').filter({ hasText: PROGRAM_NAME });
    await line.waitFor();
    await expect(line.getByRole('cell').allTextContents()).resolves.toEqual(
      expect.arrayContaining([year, '4', '¥120,000.00']),
    );
    await page.locator('canvas').first().waitFor();
    await expect(page.locator('canvas').count()).resolves.toBe(6);
    await expect(page.getByTestId('overview-requested').textContent()).resolves.toMatch(/¥[1-9]/);
    await shot(page, 'leadership-overview');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF分类,项目,数值')).toBe(true);
    expect(csv).toContain(`总体,年度,${year}`);
    expect(csv).toMatch(new RegExp(`${PROGRAM_NAME},[^\r\n]*,${year},4,4,`));
    expect(csv).toContain(',120000.00,');

    // Drill down to the program: its own funnel, money, categories and streets.
    await page.getByRole('button', { name: `查看项目看板: ${PROGRAM_NAME}` }).click();
    await page.getByTestId('awarded-total').waitFor();
    await expect(page.getByTestId('awarded-total').textContent()).resolves.toMatch(/¥[1-9]/);
    await expect(page.locator('figure[aria-label^="办理漏斗: 申报 4，资格审查通过 "]').count()).resolves.toBe(
      1,
    );
    await expect(page.locator('canvas').count()).resolves.toBe(4);
    await shot(page, 'leadership-dashboard');
    // A 1024-wide tablet: the dashboard reflows into one column without scrolling sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    await fitsWidth(page, 1024);
    await shot(page, 'leadership-dashboard-tablet');
    // Back to the overview as it was filtered.
    await page.goBack();
    await line.waitFor();
    await page.setViewportSize({ width: 768, height: 1024 });
    await fitsWidth(page, 768);
    await shot(page, 'leadership-overview-tablet');
    await page.context().close();
  });

  it('applicant: registers, drafts from the template, is refused an incomplete submission, then submits', async () => {
    const open = await createPublishedProgram(stack.server, { testSized: false });
    const page = await newPage();
    await signIn(page, emails.applicant);
    await page.getByLabel('组织名称').fill('湖滨街道邻里互助社');
    await page.getByLabel('组织类型').click();
    await page.locator('.ant-select-item-option', { hasText: '社区社会组织（备案）' }).click();
    await page.getByLabel('街道').click();
    await page.locator('.ant-select-item-option', { hasText: '湖滨街道' }).click();
    await page.getByRole('button', { name: '登记' }).click();
    await page.getByRole('heading', { name: '正在征集的项目' }).waitFor();
    await expect(page.getByText('当前组织: 湖滨街道邻里互助社').isVisible()).resolves.toBe(true);

    await page.goto(`${baseUrl}/applicant/programs/${open}/apply`);
    await page.getByLabel('项目名称').fill('邻里互助时间银行');
    await page.getByLabel('申请资助金额').fill('30000');
    await page.getByLabel('配套资金').fill('5000');
    await expect(page.getByTestId('budget-total').textContent()).resolves.toBe('¥35,000.00');
    await page.getByRole('button', { name: '提交' }).click();
    // The API checks the form against the template and answers in Chinese, field by field.
    const refusal = page.getByRole('alert').first();
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('请填写「项目类别」');
    await shot(page, 'applicant-refused');

    await page.getByLabel('项目类别').click();
    await page.locator('.ant-select-item-option', { hasText: '为老服务' }).click();
    await page.getByLabel('服务社区').fill('东坡路社区');
    await page.getByLabel('预计服务人数').fill('80');
    await page.getByLabel('计划开始日期').fill('2027-03-01');
    await page.getByLabel('计划结束日期').fill('2027-12-31');
    for (const label of ['需求分析与项目必要性', '项目目标', '实施计划与进度安排', '预期成效', '团队能力'])
      await page.getByLabel(label).fill('社区调研显示该需求迫切。');
    await page.getByLabel('预算明细表').setInputFiles({
      name: '预算.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('budget'),
    });
    await page
      .getByLabel('登记证书或备案证明')
      .setInputFiles({ name: '备案证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('已提交').first().waitFor();
    await page.getByRole('heading', { name: '办理进度' }).waitFor();
    await expect(page.getByTestId('next-deadline').textContent()).resolves.toMatch(/\d{4}/);
    await shot(page, 'applicant-submitted');
    await page.context().close();
  });
});
