import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { actorHeaders, DISTRICT_COORDINATOR } from '../support/auth';
import { eventually } from '../support/fixtures';
import { carryToAgreement, type AwardedCase } from '../support/post-award';
import { registerAccount } from '../support/accounts';
import { startStack, type TestStack } from '../support/stack';
import { launchChromium, newChinesePage, SCREENSHOTS, signInThroughPage } from './chromium';

// After the award, in Chromium against the real API, Temporal and Postgres: the organization signs its funding
// agreement, the district coordinator countersigns (the first tranche follows), the organization files a
// milestone report, the coordinator is refused sending it back without a reason and then accepts it, an
// evaluator grades the mid-term, and the organization sees the grade and the money released. The API carries
// the program to the agreement and ends the first delivery period (the steps nobody clicks here).

const PASSWORD = 'Grantflow@2026';
const RUN = randomUUID().slice(0, 8);

describe('agreement, reports, tranches and evaluation in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let awarded: AwardedCase;
  const emails: Record<string, string> = {};
  const http = () => request(stack.server);
  let current: Page | undefined;

  async function account(name: string, roles: string[] = []): Promise<string> {
    emails[name] = `${name}-${RUN}@delivery.test`;
    return registerAccount(stack.server, {
      email: emails[name],
      password: PASSWORD,
      displayName: name,
      roles,
    });
  }
  async function signedInPage(name: string): Promise<Page> {
    current = await newChinesePage(browser);
    await signInThroughPage(current, baseUrl, { email: emails[name], password: PASSWORD });
    return current;
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const facts = async () =>
    (
      await http()
        .get(`/api/applications/${awarded.applicationId}/delivery`)
        .set(DISTRICT_COORDINATOR)
        .expect(200)
    ).body;
  const panel = (page: Page) => page.getByTestId('delivery-panel');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    stack = await startStack();
    await new Promise<void>((resolve) => stack.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
    await account('district', ['coordinator:district']);
    await account('evaluator', ['evaluator']);
    // The organization's member registers it, as anyone can, and later signs in for it.
    const memberId = await account('member');
    const organizationId = (
      await http()
        .post('/api/organizations')
        .set(actorHeaders({ userId: memberId }))
        .send({
          name: `湖滨街道邻里服务社${RUN}`,
          kind: 'community_filed',
          street: '湖滨街道',
          community: '东坡路社区',
        })
        .expect(201)
    ).body.id as string;
    awarded = await carryToAgreement(stack.server, {
      organizationId,
      title: '湖滨助老餐桌',
      awardFen: 2_000_000,
    });
  }, 180_000);

  afterEach(async () => {
    if (current && !current.isClosed()) {
      await current.screenshot({
        path: join(SCREENSHOTS, `failed-delivery-${expect.getState().currentTestName}.png`),
      });
      await current.context().close();
    }
    current = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('applicant signs the agreement; the coordinator countersigns and the first tranche is released', async () => {
    let page = await signedInPage('member');
    await page.goto(`${baseUrl}/applicant/applications/${awarded.applicationId}`);
    await panel(page).waitFor();
    await expect(page.getByTestId('delivery-award').textContent()).resolves.toContain('¥20,000.00');
    await page.getByRole('button', { name: '签署协议（合同）' }).click();
    await page.getByTestId('signatures').getByText('申报单位：已签署').waitFor();
    await shot(page, 'delivery-applicant-signed');
    await page.context().close();
    expect((await facts()).signatures.signed).toEqual(['applicant']);

    page = await signedInPage('district');
    await page.goto(`${baseUrl}/coordinator/applications/${awarded.applicationId}`);
    await page.getByRole('button', { name: '签署协议（合同）' }).click();
    await page.getByTestId('signatures').getByText('区级主管部门：已签署').waitFor();
    await panel(page)
      .getByRole('row', { name: /首期拨付/ })
      .getByText('已拨付')
      .waitFor();
    await shot(page, 'delivery-coordinator-signed');
    await page.context().close();
    const after = await facts();
    expect(after.stage).toBe('implementation');
    expect(after.tranches[0]).toMatchObject({
      key: 'first-tranche',
      status: 'released',
      amountFen: 1_000_000,
    });
  });

  it('applicant files a milestone report; the coordinator is refused sending it back without a reason, then accepts it', async () => {
    let page = await signedInPage('member');
    await page.goto(`${baseUrl}/applicant/applications/${awarded.applicationId}`);
    await panel(page).getByLabel('报告', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '阶段进展报告' }).click();
    await panel(page).getByLabel('报告摘要').fill('已开展助餐服务 40 次，服务老人 60 位。');
    await panel(page).getByRole('button', { name: '提交报告' }).click();
    await panel(page)
      .getByRole('row', { name: /阶段进展报告/ })
      .getByText('待验收')
      .waitFor();
    await page.context().close();

    page = await signedInPage('district');
    await page.goto(`${baseUrl}/coordinator/applications/${awarded.applicationId}`);
    await panel(page).getByRole('button', { name: '退回修改: 阶段进展报告' }).click();
    // The engine asks for a reason to send a report back and says so in Chinese.
    const refusal = panel(page).getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('退回报告须说明原因');
    await shot(page, 'delivery-return-refused');
    await panel(page).getByRole('button', { name: '验收: 阶段进展报告' }).click();
    await panel(page)
      .getByRole('row', { name: /阶段进展报告/ })
      .getByText('已验收')
      .waitFor();
    await shot(page, 'delivery-report-accepted');
    await page.context().close();
  });

  it('evaluator finds the case at the mid-term and records a graded evaluation', async () => {
    await http()
      .post(`/api/applications/${awarded.applicationId}/actions/record_outcome`)
      .set(DISTRICT_COORDINATOR)
      .send({ outcome: 'completed', reason: '中期前交付完成' })
      .expect(200);
    await eventually(async () => ((await facts()).stage === 'midterm-evaluation' ? true : undefined), 30_000);

    const page = await signedInPage('evaluator');
    await page.getByRole('menuitem', { name: '绩效评估' }).click();
    await page.getByRole('link', { name: '评估: 湖滨助老餐桌' }).click();
    await panel(page).getByLabel('评估得分（0–100）').fill('86');
    // The grade the score earns shows before it is recorded.
    await panel(page).getByText('等级：良好').waitFor();
    await panel(page).getByLabel('评估意见').fill('服务记录完整，老人满意度高。');
    await panel(page).getByRole('button', { name: '记录评估结果' }).click();
    await panel(page).getByTestId('evaluation-midterm-evaluation').waitFor();
    await shot(page, 'delivery-evaluated');
    await page.context().close();
  });

  it('applicant sees the grade and the released tranche amounts', async () => {
    const page = await signedInPage('member');
    await page.goto(`${baseUrl}/applicant/applications/${awarded.applicationId}`);
    const evaluation = panel(page).getByTestId('evaluation-midterm-evaluation');
    await evaluation.waitFor();
    await expect(evaluation.textContent()).resolves.toMatch(/中期评估：86.*良好.*合格/);
    await expect(
      panel(page)
        .getByRole('row', { name: /首期拨付/ })
        .textContent(),
    ).resolves.toMatch(/¥10,000\.00.*已拨付/);
    await expect(
      panel(page)
        .getByRole('row', { name: /二期拨付/ })
        .textContent(),
    ).resolves.toMatch(/¥6,000\.00.*已拨付/);
    await expect(panel(page).getByRole('row', { name: /尾款/ }).textContent()).resolves.toContain('待拨付');
    // The applicant releases nothing: no such button is offered.
    await expect(panel(page).getByRole('button', { name: /^拨付/ }).count()).resolves.toBe(0);
    await shot(page, 'delivery-applicant-results');
    await page.setViewportSize({ width: 768, height: 1024 });
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(
      768,
    );
    await page.context().close();
  });
});
