import { mkdirSync } from 'node:fs';
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
import { startStack, type TestStack } from '../support/stack';
import { launchChromium, SCREENSHOTS } from './chromium';

// One journey per role through the built web app in Chromium, against the real API, Temporal and Postgres.
// The journeys share one program that the API carries between them (the steps nobody clicks), so each role
// meets the program at the stage where it has work: screening, district review, the award, the notice.

const PASSWORD = 'Grantflow@2026';
const district = { 'X-User-Id': 'demo-district-coordinator', 'X-Roles': 'coordinator:district' };
const reviewer = (id: string) => ({ 'X-User-Id': id, 'X-Roles': 'reviewer' });
const streetCoordinator = (street: string) => ({
  'X-User-Id': `street-${encodeURIComponent(street)}`,
  'X-Roles': 'coordinator:street',
  'X-Scope': encodeURIComponent(street),
});
// The demo's district experts: the sign-in maps expertN@demo.grantflow.cn to expert-district-0N.
const DISTRICT_EXPERTS = [
  'expert-district-01',
  'expert-district-02',
  'expert-district-03',
  'expert-district-04',
];
const STREET_EXPERTS = ['web-street-1', 'web-street-2', 'web-street-3'];

interface Case {
  id: string;
  organizationId: string;
  street: string;
}

describe('the web application in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let programId: string;
  const cases: Case[] = [];

  const http = () => request(stack.server);
  const act = (c: Case, action: string, headers: Record<string, string>, body: object = {}) =>
    http().post(`/api/applications/${c.id}/actions/${action}`).set(headers).send(body).expect(200);
  const programStage = async () =>
    (await http().get(`/api/programs/${programId}`).expect(200)).body.currentStage;
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
      (await http().get(`/api/applications/${c.id}/timeline`).expect(200)).body as {
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

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    return context.newPage();
  }
  async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }
  // Charts resize a moment after the window does, hence the wait; a page wider than the screen fails.
  async function fitsWidth(page: Page, width: number): Promise<void> {
    const fits = await page
      .waitForFunction((limit) => document.documentElement.scrollWidth <= limit, width, { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!fits) await page.screenshot({ path: join(SCREENSHOTS, `too-wide-${width}.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    stack = await startStack();
    await new Promise<void>((resolve) => stack.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;

    // The expert registry is shared by the test run's database: an expert already there is fine.
    for (const [index, id] of DISTRICT_EXPERTS.entries()) {
      const response = await http()
        .post('/api/experts')
        .send({
          id,
          name: `区级专家${index + 1}`,
          expertise: ['elderly'],
          level: 'district',
          maxLoadPerProgram: 50,
        });
      expect([201, 409]).toContain(response.status);
    }
    for (const [index, id] of STREET_EXPERTS.entries()) {
      const response = await http()
        .post('/api/experts')
        .send({
          id,
          name: `街道专家${index + 1}`,
          expertise: ['elderly'],
          level: 'street',
          street: ['湖滨街道', '清波街道', '小营街道'][index],
          maxLoadPerProgram: 50,
        });
      expect([201, 409]).toContain(response.status);
    }
    programId = await createPublishedProgram(stack.server, {
      testSized: false,
      budgetFen: 30_000_000,
      reviewerPools: { 'street-review': STREET_EXPERTS, 'district-review': DISTRICT_EXPERTS },
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
        .set({ 'X-Organization-Id': organizationId, 'X-User-Id': `user-${id}` })
        .expect(200);
      cases.push({ id, organizationId, street });
    }
    await closeStage('solicitation', 'eligibility-screening');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('refuses a wrong password in Chinese and switches to English', async () => {
    const page = await newPage();
    await signIn(page, 'district@demo.grantflow.cn', 'wrong-password');
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('邮箱或密码错误');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await shot(page, 'login-refused');
    await page.context().close();
  });

  it('street coordinator: screens a case of the own street and is refused one of another street', async () => {
    const page = await newPage();
    await signIn(page, 'street@demo.grantflow.cn');
    await page.getByRole('menuitem', { name: '项目管理' }).click();
    await page.getByRole('link', { name: '2026年社区公益创投' }).first().click();
    await page.getByTestId('stage-count-eligibility-screening').waitFor();
    await expect(page.getByTestId('stage-count-eligibility-screening').textContent()).resolves.toContain('4');
    await shot(page, 'coordinator-pipeline');
    await page.setViewportSize({ width: 1024, height: 768 });
    await fitsWidth(page, 1024);
    await page.setViewportSize({ width: 1366, height: 768 });

    // A case in 清波街道 is not the 湖滨街道 coordinator's to screen: the API refuses, in Chinese.
    await page.goto(`${baseUrl}/coordinator/applications/${cases[2].id}`);
    await page.getByRole('button', { name: '符合资格', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    const refusal = page.getByRole('dialog').getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('您的角色不能进行「screen」操作');
    await shot(page, 'coordinator-refused');

    await page.goto(`${baseUrl}/coordinator/applications/${cases[0].id}`);
    await page.getByRole('button', { name: '符合资格', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await page.getByText('操作成功').waitFor();
    await page.getByText('screen', { exact: true }).waitFor();
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
    const panel = await assigned(cases[0], 'district-review', 3);
    const me = panel[0];
    const email = `expert${Number(me.slice(-2))}@demo.grantflow.cn`;

    const page = await newPage();
    await signIn(page, email);
    await page.getByRole('menuitem', { name: '评审任务' }).click();
    await page.getByRole('button', { name: `评审: ${cases[0].street}助老项目1` }).click();
    const scores = { 必要性: 18, 可行性: 27, 团队能力: 18, 预算合理性: 13, 社会效益: 13 };
    for (const [criterion, score] of Object.entries(scores).slice(0, 2))
      await page.getByLabel(new RegExp(`^${criterion}`)).fill(String(score));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('已保存').waitFor();
    for (const [criterion, score] of Object.entries(scores).slice(2))
      await page.getByLabel(new RegExp(`^${criterion}`)).fill(String(score));
    await expect(page.getByTestId('running-total').textContent()).resolves.toContain('89');
    await shot(page, 'reviewer-rubric');
    await page.getByRole('button', { name: '提交评审' }).click();
    await page.getByText('评审已提交').waitFor();
    await shot(page, 'reviewer-queue');
    await page.context().close();

    const sheets = (
      await http()
        .get(`/api/applications/${cases[0].id}/score-sheets?stageKey=district-review`)
        .set(district)
        .expect(200)
    ).body;
    expect(sheets.sheets.map((sheet: { total: number }) => sheet.total)).toContain(89);
    // The other district reviews through the API, then the round and the decision close.
    for (const c of cases)
      for (const id of await assigned(c, 'district-review', 3))
        if (!(c === cases[0] && id === me))
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
        await http().get(`/api/programs/${programId}/stages/decision/award-proposal`).expect(200)
      ).body;
      return lines.length > 0 ? lines : undefined;
    }, 30_000);

    const page = await newPage();
    await signIn(page, 'district@demo.grantflow.cn');
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
    const object = page.getByRole('button', { name: `提出异议: ${cases[0].street}助老项目1` });
    await object.click();
    await page.getByLabel('异议事实与理由').fill('该项目服务对象与实际不符。');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByText('异议已提交').waitFor();
    await shot(page, 'public-notice');
    await page.context().close();
  });

  it('leadership: sees the funnel, categories, streets and money', async () => {
    const page = await newPage();
    await signIn(page, 'leader@demo.grantflow.cn');
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    await page.getByLabel('选择项目').first().click();
    await page.locator('.ant-select-item-option', { hasText: '2026年社区公益创投' }).first().click();
    await page.locator('canvas').first().waitFor();
    await expect(page.locator('canvas').count()).resolves.toBe(4);
    await expect(page.getByTestId('awarded-total').textContent()).resolves.toMatch(/¥[1-9]/);
    await shot(page, 'leadership-dashboard');
    // A 1024-wide tablet: the dashboard reflows into one column without scrolling sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    await fitsWidth(page, 1024);
    await shot(page, 'leadership-dashboard-tablet');
    await page.context().close();
  });

  it('applicant: registers, drafts from the template, is refused an incomplete submission, then submits', async () => {
    const open = await createPublishedProgram(stack.server, { testSized: false });
    const page = await newPage();
    await signIn(page, 'applicant@demo.grantflow.cn');
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
