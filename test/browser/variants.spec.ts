import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { actorHeaders, DISTRICT_COORDINATOR } from '../support/auth';
import { eventually } from '../support/fixtures';
import { registerAccount } from '../support/accounts';
import { startStack, type TestStack } from '../support/stack';
import { launchChromium, newChinesePage, SCREENSHOTS, signInThroughPage } from './chromium';

// Public claiming (公开认领) and a company-funded project (企业出资) in Chromium, against the real API, Temporal
// and Postgres. Two organizations claim the same listed project: the first submits, the second is refused in
// Chinese; the street coordinator confirms the claim on its case page. A funder signs the three-party agreement
// from its own home and confirms the milestone report that pays the first tranche. The API carries the steps
// nobody clicks here: publishing, closing the claim window, the placement, the other parties' signatures and
// the implementer's report. The programs run on real (not test-sized) durations, so no deadline passes
// while the browser works.

const PASSWORD = 'Grantflow@2026';
// The test run shares one database: accounts and organizations of this file carry a suffix of their own.
const RUN = randomUUID().slice(0, 8);
const STREET = '紫阳街道';
const district = DISTRICT_COORDINATOR;
const LISTED = [
  {
    key: 'smoke-alarms',
    name: { zh: '特殊家庭烟感报警器安装', en: 'Smoke alarms for vulnerable homes' },
    budgetFen: 2_760_000,
    area: '紫阳街道',
  },
  {
    key: 'elder-meals',
    name: { zh: '独居老人助餐', en: 'Meals for older people living alone' },
    budgetFen: 1_200_000,
  },
];

describe('public claiming and the funder in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  const http = () => request(stack.server);
  const emails: Record<string, string> = {};
  const organizations: Record<string, string> = {};
  const pages = new Set<Page>();

  /** Opens an account as anyone can and gives it staff roles as an administrator would. */
  async function account(name: string, roles: string[] = [], scope?: string): Promise<string> {
    emails[name] = `${name}-${RUN}@variants.test`;
    return registerAccount(stack.server, {
      email: emails[name],
      password: PASSWORD,
      displayName: name,
      roles,
      scope,
    });
  }
  /** The account's own organization (or company), registered by the account itself, which makes it a member. */
  async function organizationOf(name: string, userId: string, roles: string[] = []): Promise<void> {
    organizations[name] = (
      await http()
        .post('/api/organizations')
        .set(actorHeaders({ userId, roles }))
        .send({ name: `${name}${RUN}`, kind: 'community_filed', street: STREET, community: '紫阳社区' })
        .expect(201)
    ).body.id;
  }
  const member = (name: string) =>
    actorHeaders({ userId: `member-${name}`, organizationId: organizations[name] });
  async function signedInPage(name: string): Promise<Page> {
    const page = await newChinesePage(browser);
    pages.add(page);
    await signInThroughPage(page, baseUrl, { email: emails[name], password: PASSWORD });
    return page;
  }
  async function close(page: Page): Promise<void> {
    pages.delete(page);
    await page.context().close();
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const read = async (id: string) =>
    (await http().get(`/api/applications/${id}`).set(district).expect(200)).body;
  const waitForStage = (id: string, stage: string) =>
    eventually(async () => ((await read(id)).stage === stage ? true : undefined), 30_000);
  const act = (id: string, action: string, headers: Record<string, string>, body: object = {}) =>
    http().post(`/api/applications/${id}/actions/${action}`).set(headers).send(body).expect(200);
  async function publish(body: object): Promise<string> {
    const created = await http().post('/api/programs').set(district).send(body).expect(201);
    await http().post(`/api/programs/${created.body.id}/publish`).set(district).expect(200);
    return created.body.id;
  }
  const closeWindow = (programId: string, stageKey: string) =>
    http().post(`/api/programs/${programId}/stages/${stageKey}/close`).set(district).send({}).expect(200);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    stack = await startStack();
    await new Promise<void>((resolve) => stack.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
    await account('street', ['coordinator:street'], STREET);
    for (const name of ['认领服务社甲', '认领服务社乙', '承接服务社'])
      await organizationOf(name, await account(name));
    // The funder registers its company, as anyone can, and so acts for it.
    await organizationOf('出资企业', await account('出资企业', ['funder']), ['funder']);
  }, 180_000);

  afterEach(async () => {
    for (const page of pages) {
      await page.screenshot({
        path: join(SCREENSHOTS, `failed-variants-${expect.getState().currentTestName}.png`),
      });
      await page.context().close();
    }
    pages.clear();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  describe('public claiming', () => {
    let programId: string;
    const programName = `望江街道民生实事项目公开认领-${RUN}`;

    beforeAll(async () => {
      programId = await publish({
        name: programName,
        templateKey: 'public-claiming',
        budgetFen: 5_000_000,
        submissionClosesAt: new Date(Date.now() + 3_600_000).toISOString(),
        claiming: { mode: 'first_come', projects: LISTED },
      });
    });

    /** Opens the claim form from the applicant's home and picks a listed project. */
    async function claimForm(name: string): Promise<Page> {
      const page = await signedInPage(name);
      await page.getByRole('button', { name: `申报: ${programName}` }).click();
      await page.getByLabel('认领的项目（清单编号）').click();
      await page.locator('.ant-select-item-option', { hasText: '特殊家庭烟感报警器安装' }).click();
      // The claimed amount is the project's published budget, set by the choice and not editable.
      await expect(page.getByLabel('项目经费').inputValue()).resolves.toBe('27600.00');
      await expect(page.getByLabel('项目经费').isDisabled()).resolves.toBe(true);
      await page.getByLabel('实施方案').fill('三个月内完成 300 户入户安装与回访。');
      await page.getByLabel('承接能力与类似服务经验').fill('本组织有五年社区入户服务经验。');
      return page;
    }

    it('an organization claims a listed project; a second claim on it is refused in Chinese', async () => {
      // The second organization drafts its claim while the project is still free.
      const late = await claimForm('认领服务社乙');
      await late.getByRole('button', { name: '保存草稿' }).click();
      await late.waitForURL(/\/applicant\/applications\//);

      const first = await claimForm('认领服务社甲');
      await shot(first, 'variants-claim-form');
      await first.getByRole('button', { name: '提交', exact: true }).click();
      await first.waitForURL(/\/applicant\/applications\//);
      await first.getByRole('button', { name: '保存草稿' }).waitFor({ state: 'detached' });
      await close(first);

      await late.getByRole('button', { name: '提交', exact: true }).click();
      const refusal = late.getByRole('alert').filter({ hasText: '已被其他组织认领' });
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toContain(
        '项目「特殊家庭烟感报警器安装」已被其他组织认领',
      );
      await shot(late, 'variants-claim-refused');
      // Opened again, the list shows the project as taken.
      await late.reload();
      await late.getByLabel('认领的项目（清单编号）').click({ force: true });
      const taken = late.locator('.ant-select-item-option', { hasText: '特殊家庭烟感报警器安装' });
      await expect(taken.getAttribute('class')).resolves.toContain('ant-select-item-option-disabled');
      await expect(taken.textContent()).resolves.toContain('已被认领');
      await close(late);

      const claims = (await http().get(`/api/programs/${programId}/applications`).set(district).expect(200))
        .body as { organizationId: string; phase: string; requestedAmountFen: number; title: string }[];
      const byOrganization = new Map(claims.map((claim) => [claim.organizationId, claim]));
      expect(byOrganization.get(organizations['认领服务社甲'])).toMatchObject({
        title: '认领：特殊家庭烟感报警器安装',
        requestedAmountFen: 2_760_000,
      });
      expect(byOrganization.get(organizations['认领服务社甲'])!.phase).not.toBe('draft');
      expect(byOrganization.get(organizations['认领服务社乙'])!.phase).toBe('draft');
    });

    it('the street coordinator confirms the claim on its case page', async () => {
      await closeWindow(programId, 'claiming');
      const claims = (await http().get(`/api/programs/${programId}/applications`).set(district).expect(200))
        .body as { id: string; organizationId: string }[];
      const claimId = claims.find((claim) => claim.organizationId === organizations['认领服务社甲'])!.id;
      await waitForStage(claimId, 'claim-confirmation');

      const page = await signedInPage('street');
      await page.getByRole('link', { name: programName }).click();
      // Claims are decided one by one: no ranking or award proposal for this program.
      await expect(page.getByRole('tab', { name: '排名' }).count()).resolves.toBe(0);
      await page
        .getByRole('row', { name: /认领确认/ })
        .getByRole('link', { name: '认领：特殊家庭烟感报警器安装' })
        .click();
      const decision = page.getByTestId('decision-panel');
      await decision.waitFor();
      await expect(decision.getByLabel('金额').isDisabled()).resolves.toBe(true);
      // The claim names its project by the list's name.
      await page.getByText('特殊家庭烟感报警器安装（smoke-alarms）').waitFor();
      await shot(page, 'variants-claim-decision');
      await decision.getByRole('button', { name: '确认认领' }).click();
      await page.getByTestId('case-stage').getByText('签订项目协议').waitFor();
      await decision.waitFor({ state: 'detached' });
      await expect(page.getByTestId('delivery-award').textContent()).resolves.toContain('¥27,600.00');
      await shot(page, 'variants-claim-confirmed');
      await close(page);
      expect(await read(claimId)).toMatchObject({ awardTier: 'claimed', awardedFen: 2_760_000 });
    });
  });

  describe('a company-funded project', () => {
    let caseId: string;
    const title = `为 300 户特殊家庭安装烟感报警器-${RUN}`;
    const delivery = async () =>
      (await http().get(`/api/applications/${caseId}/delivery`).set(district).expect(200)).body;

    beforeAll(async () => {
      const programId = await publish({
        name: `烟感报警器安装（企业出资）-${RUN}`,
        templateKey: 'company-funded',
        budgetFen: 5_000_000,
        submissionClosesAt: new Date(Date.now() + 3_600_000).toISOString(),
        companyFunding: {
          funderOrganizationId: organizations['出资企业'],
          beneficiaries: { description: '辖区特殊困难家庭', count: 300 },
        },
      });
      caseId = (
        await http()
          .post('/api/applications')
          .set(member('承接服务社'))
          .send({
            programId,
            organizationId: organizations['承接服务社'],
            title,
            category: 'disability_hardship',
            street: STREET,
            requestedAmountFen: 4_500_000,
            form: {
              requestedAmount: 4_500_000,
              deliveryPlan: '分两批入户安装并培训使用。',
              capacity: '有入户服务团队 20 人。',
            },
          })
          .expect(201)
      ).body.id;
      await http().post(`/api/applications/${caseId}/submit`).set(member('承接服务社')).expect(200);
      await closeWindow(programId, 'proposals');
      await waitForStage(caseId, 'placement');
      await act(caseId, 'award', district, { tier: 'placed', amountFen: 4_500_000 });
      await waitForStage(caseId, 'agreement');
    }, 120_000);

    it('the funder finds the project on its home and signs the three-party agreement', async () => {
      const page = await signedInPage('出资企业');
      // A funder's home is the list of its company's projects; it applies for nothing.
      await page.waitForURL(/\/funder$/);
      await expect(page.getByRole('menuitem', { name: '我的申报' }).count()).resolves.toBe(0);
      await page
        .getByRole('row', { name: new RegExp(title) })
        .getByText('签订三方协议')
        .waitFor();
      await shot(page, 'variants-funder-home');
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('button', { name: '签署协议（合同）' }).click();
      await page.getByTestId('signatures').getByText('出资企业：已签署').waitFor();
      await shot(page, 'variants-funder-signed');
      await close(page);
      expect((await delivery()).signatures.signed).toEqual(['funder']);
    });

    it('the funder confirms the milestone report and sees the first tranche released', async () => {
      await act(caseId, 'sign_agreement', member('承接服务社'));
      await act(caseId, 'sign_agreement', district);
      await waitForStage(caseId, 'implementation');
      await act(caseId, 'submit_report', member('承接服务社'), {
        reportKey: 'first-milestone',
        reason: '首批 150 户已安装完毕。',
      });
      // Another company's funder neither reads nor confirms it.
      const stranger = actorHeaders({
        userId: 'stranger',
        roles: ['funder'],
        organizationId: organizations['认领服务社甲'],
      });
      await http().get(`/api/applications/${caseId}`).set(stranger).expect(404);

      const page = await signedInPage('出资企业');
      await page.getByRole('link', { name: title }).click();
      const panel = page.getByTestId('delivery-panel');
      await panel
        .getByRole('row', { name: /首个里程碑报告/ })
        .getByText('待验收')
        .waitFor();
      await expect(panel.getByRole('row', { name: /首期/ }).textContent()).resolves.toContain('待拨付');
      await panel.getByLabel('审核意见').fill('抽查 10 户，安装到位。');
      await panel.getByRole('button', { name: '验收: 首个里程碑报告' }).click();
      await panel
        .getByRole('row', { name: /首个里程碑报告/ })
        .getByText('已验收')
        .waitFor();
      await expect(panel.getByRole('row', { name: /首期/ }).textContent()).resolves.toMatch(
        /¥22,500\.00.*已拨付/,
      );
      await expect(panel.getByRole('row', { name: /二期/ }).textContent()).resolves.toContain('待拨付');
      await shot(page, 'variants-funder-tranche-released');
      await page.setViewportSize({ width: 768, height: 1024 });
      await expect(
        page.evaluate<number>('document.documentElement.scrollWidth'),
      ).resolves.toBeLessThanOrEqual(768);
      await close(page);
      const after = await delivery();
      expect(after.tranches.map((t: { key: string; status: string }) => [t.key, t.status])).toEqual([
        ['first-tranche', 'released'],
        ['second-tranche', 'pending'],
      ]);
    });
  });
});
