import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createOrganization, eventually, uploadDocument } from '../support/fixtures';
import { actorHeaders, ADMINISTRATOR } from '../support/auth';
import { registerAccount } from '../support/accounts';
import { startStack, type TestStack } from '../support/stack';
import { launchChromium, newChinesePage, SCREENSHOTS, signInThroughPage } from './chromium';

// The purchasing department's journey (采购单位) in Chromium against the real API, Temporal and Postgres: it
// creates a tender through the settings form (refused field by field first), sees sealed bids refused before
// the opening, closes the tender window, qualifies the bids, reads the ranking with technical and price
// scores, and confirms the award. Bidders and the committee act through the API: their clicks are other
// journeys' business.

const PASSWORD = 'Grantflow@2026';
const RUN = randomUUID().slice(0, 8);
const STREET = '紫阳街道';
const EXPERTS = [1, 2, 3].map((n) => `web-committee-${RUN}-${n}`);
const YUAN = 100;
const TENDER_NAME = '2026年社区居家养老服务采购';
// The form page names a bid after the tender: the bid form has no title of its own.
const B1_TITLE = `${TENDER_NAME} 投标`;

// A technical sheet adding up to `total` of 100 (the procurement technical rubric).
const sheet = (total: number) => ({
  scores: {
    servicePlan: 30 - (100 - total),
    teamQualifications: 25,
    trackRecord: 20,
    qualityAssurance: 15,
    communityKnowledge: 10,
  },
});

interface Bid {
  name: string;
  title: string;
  id: string;
  organizationId: string;
  priceFen: number;
  technical: number;
}

describe('the purchasing department in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let purchaser: Record<string, string>;
  let email: string;
  let programId: string;
  const bids: Bid[] = [];

  const http = () => request(stack.server);
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const bidder = (bid: Bid) =>
    actorHeaders({ userId: `user-${RUN}-${bid.name}`, organizationId: bid.organizationId });
  const programStage = async () =>
    (await http().get(`/api/programs/${programId}`).set(purchaser).expect(200)).body.currentStage as
      string | null;
  const waitForProgramStage = (stage: string | null) =>
    eventually(async () => ((await programStage()) === stage ? true : undefined), 30_000);
  const waitForBids = (stage: string) =>
    eventually(async () => {
      for (const bid of bids) {
        const read = await http().get(`/api/applications/${bid.id}`).set(bidder(bid)).expect(200);
        if (read.body.stage !== stage) return undefined;
      }
      return true;
    }, 30_000);
  const tab = async (name: string) => {
    await page.goto(`${baseUrl}/purchaser/programs/${programId}?tab=${name}`);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    stack = await startStack();
    await new Promise<void>((resolve) => stack.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;

    email = `buyer-${RUN}@web.test`;
    const purchaserId = await registerAccount(stack.server, {
      email,
      password: PASSWORD,
      displayName: '民政局采购专员',
      roles: ['purchaser'],
    });
    purchaser = actorHeaders({ userId: purchaserId, roles: ['purchaser'] });
    for (const id of EXPERTS)
      await http()
        .post('/api/experts')
        .set(ADMINISTRATOR)
        .send({ id, name: `评标专家${id}`, expertise: ['elderly'], level: 'district', maxLoadPerProgram: 20 })
        .expect(201);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  // A journey that stopped half-way keeps what its page showed for the reader of the failure.
  afterEach(async () => {
    if (page && !page.isClosed())
      await page.screenshot({
        path: join(SCREENSHOTS, `failed-purchaser-${expect.getState().currentTestName}.png`),
      });
  });

  it('creates a tender through the settings form, refused field by field in Chinese first', async () => {
    page = await newChinesePage(browser);
    await signInThroughPage(page, baseUrl, { email, password: PASSWORD });
    await page.getByRole('menuitem', { name: '采购管理' }).click();
    await page.getByRole('button', { name: '新建采购项目' }).waitFor();

    // The test stack allows test-sized stages (seconds for working days); the form passes the flag through.
    await page.goto(`${baseUrl}/purchaser/new?testSized=1`);
    await page.getByLabel('采购项目名称').fill('2026年社区居家养老服务采购');
    // Days ahead: the department closes the window itself once the bids are in.
    const closes = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('投标截止时间').fill(`${closes}T12:00`);
    // The chosen option's label lies over the select's input: click through it.
    await page.getByLabel('采购方式').click({ force: true });
    await page.locator('.ant-select-item-option', { hasText: '竞争性磋商' }).click();
    // Consultation allows a price weight of 10–30 % and an odd committee: both break a rule here.
    await page.getByLabel('价格分权重').fill('35');
    await page.getByLabel('评标委员会人数').fill('4');
    await page.getByLabel('其中专家人数').fill('2');
    await page.getByRole('button', { name: '创建' }).click();
    const priceError = page.locator('.ant-form-item-explain-error', { hasText: '价格权重' });
    await priceError.waitFor();
    await expect(priceError.textContent()).resolves.toContain('10%–30%');
    await expect(page.locator('.ant-form-item-explain-error').count()).resolves.toBeGreaterThanOrEqual(2);
    await shot('purchaser-settings-refused');

    await page.getByLabel('价格分权重').fill('20');
    await page.getByLabel('评标委员会人数').fill('3');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByTestId('tender-status').waitFor();
    programId = /\/purchaser\/programs\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect((await http().get(`/api/programs/${programId}`).set(purchaser).expect(200)).body).toMatchObject({
      templateKey: 'government-procurement',
      status: 'draft',
      testSized: true,
    });

    // The committee's experts come from the registry the district keeps; the department names them, publishes.
    await http()
      .patch(`/api/programs/${programId}`)
      .set(purchaser)
      .send({ reviewerPools: { 'committee-evaluation': EXPERTS } })
      .expect(200);
    await page.getByRole('button', { name: '发布' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '提交' }).click();
    await page.getByTestId('tender-status').filter({ hasText: '进行中' }).waitFor();
  });

  it('shows sealed bids only as received, and a sealed bid refused in Chinese before the opening', async () => {
    // Before any bid, the department amends the tender documents from the calendar, saying what changed.
    await tab('calendar');
    await page.getByRole('button', { name: '修改招标文件' }).click();
    await page.getByRole('dialog').getByLabel('理由').fill('补充服务对象名单附件');
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await page.getByText('操作成功').first().waitFor();
    await eventually(async () => {
      const events = (await http().get(`/api/programs/${programId}/timeline`).set(purchaser).expect(200))
        .body as { action: string }[];
      return events.some((event) => event.action.includes('amend')) ? true : undefined;
    }, 30_000);

    // B1's bidder finds the open tender and bids through the application form page, built from the template.
    const bidderEmail = `bidder-${RUN}@web.test`;
    const bidderId = await registerAccount(stack.server, {
      email: bidderEmail,
      password: PASSWORD,
      displayName: '投标人 B1',
    });
    const b1Organization = (
      await http()
        .post('/api/organizations')
        .set(actorHeaders({ userId: bidderId }))
        .send({
          name: `${STREET}社会工作服务社B1-${RUN}`,
          kind: 'community_filed',
          street: STREET,
          community: `${STREET}社区`,
        })
        .expect(201)
    ).body.id as string;
    const bidding = await newChinesePage(browser);
    await signInThroughPage(bidding, baseUrl, { email: bidderEmail, password: PASSWORD });
    await bidding.getByRole('heading', { name: '正在招标的采购项目' }).waitFor();
    await bidding.getByRole('button', { name: '投标: 2026年社区居家养老服务采购' }).click();
    await bidding.getByLabel('投标报价').fill('400000');
    await bidding.getByLabel('服务方案').fill('为辖区 300 位居家老人提供助餐、助洁、助浴服务。');
    await bidding.getByLabel('项目团队与资质').fill('持证社工 6 名，护理员 12 名。');
    await bidding
      .getByLabel('投标（响应）文件')
      .setInputFiles({ name: '响应文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await bidding
      .getByLabel('资格证明文件')
      .setInputFiles({ name: '登记证书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await bidding.getByRole('button', { name: '提交' }).click();
    await bidding.getByText('已提交').first().waitFor();
    await bidding.screenshot({ path: join(SCREENSHOTS, 'bidder-submitted.png'), fullPage: true });
    const b1Id = /\/applicant\/applications\/([0-9a-f-]{36})/.exec(bidding.url())![1];
    await bidding.context().close();
    bids.push({
      name: 'B1',
      title: B1_TITLE,
      id: b1Id,
      organizationId: b1Organization,
      priceFen: 400_000 * YUAN,
      technical: 90,
    });
    // Its own bid stays readable to the bidder, price included.
    const own = await http()
      .get(`/api/applications/${b1Id}`)
      .set(actorHeaders({ userId: bidderId, organizationId: b1Organization }))
      .expect(200);
    expect(own.body).toMatchObject({
      phase: expect.not.stringMatching(/^draft$/),
      requestedAmountFen: 400_000 * YUAN,
    });

    const offers: [string, number, number][] = [
      ['B2', 450_000 * YUAN, 95],
      ['B3', 380_000 * YUAN, 80],
    ];
    for (const [name, priceFen, technical] of offers) {
      const organizationId = await createOrganization(
        stack.server,
        STREET,
        `${STREET}社会工作服务社${name}-${RUN}`,
      );
      const bid = { name, title: `居家养老服务投标 ${name}`, id: '', organizationId, priceFen, technical };
      const draft = await http()
        .post('/api/applications')
        .set(bidder(bid))
        .send({
          programId,
          organizationId,
          title: bid.title,
          category: 'elderly',
          street: STREET,
          requestedAmountFen: priceFen,
          form: {
            bidAmount: priceFen,
            servicePlan: '为辖区 300 位居家老人提供助餐、助洁、助浴服务。',
            team: '持证社工 6 名，护理员 12 名。',
            bidDocument: [await uploadDocument(stack.server, organizationId, '响应文件.pdf')],
            qualificationDocuments: [await uploadDocument(stack.server, organizationId, '登记证书.pdf')],
          },
        })
        .expect(201);
      bid.id = draft.body.id;
      await http().post(`/api/applications/${bid.id}/submit`).set(bidder(bid)).expect(200);
      bids.push(bid);
    }

    // The list counts every match in a header, whatever page it answers (sealed bids included).
    const firstPage = await http()
      .get(`/api/programs/${programId}/applications?pageSize=2`)
      .set(purchaser)
      .expect(200);
    expect([firstPage.body.length, firstPage.headers['x-total-count']]).toEqual([2, '3']);

    await tab('bids');
    await page.getByRole('link', { name: B1_TITLE }).waitFor();
    await expect(page.getByText('已密封，开标前不可查看').count()).resolves.toBe(3);
    await expect(page.getByTestId('bid-price').count()).resolves.toBe(0);
    await shot('purchaser-sealed-bids');
    await page.getByRole('link', { name: B1_TITLE }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('开标前任何人均不得查阅');
    await shot('purchaser-sealed-refused');
  });

  it('closes the tender window, then qualifies the opened bids', async () => {
    await tab('calendar');
    const tenderRow = page.getByRole('row', { name: /招标与投标/ });
    await tenderRow.getByRole('button', { name: '提前结束本阶段' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await page.getByText('操作成功').first().waitFor();
    await waitForProgramStage('opening-qualification');
    await waitForBids('opening-qualification');

    await tab('bids');
    await page.getByTestId('bid-price').first().waitFor();
    await expect(page.getByText('¥400,000.00').isVisible()).resolves.toBe(true);
    for (const bid of bids) {
      await page.getByRole('button', { name: `资格合格: ${bid.title}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
      await page.getByRole('button', { name: `资格合格: ${bid.title}` }).waitFor({ state: 'detached' });
    }
    await shot('purchaser-qualified');
  });

  it('reads the ranking with technical and price scores and confirms the award after a refused pick', async () => {
    // The committee: qualification closes, the experts score the technical sheet through the API.
    await http()
      .post(`/api/programs/${programId}/stages/opening-qualification/close`)
      .set(purchaser)
      .send({})
      .expect(200);
    await waitForProgramStage('committee-evaluation');
    await http()
      .post(`/api/programs/${programId}/stages/committee-evaluation/extend`)
      .set(purchaser)
      .send({ until: new Date(Date.now() + 120_000).toISOString() })
      .expect(200);
    for (const bid of bids) {
      const assigned = await eventually(async () => {
        const timeline = (await http().get(`/api/applications/${bid.id}/timeline`).set(purchaser).expect(200))
          .body as { action: string; data: { reviewerIds?: string[] } | null }[];
        const ids = timeline
          .filter((entry) => entry.action === 'reviewers_assigned')
          .flatMap((entry) => entry.data?.reviewerIds ?? []);
        return ids.length === 3 ? ids : undefined;
      }, 30_000);
      for (const id of assigned)
        await http()
          .post(`/api/applications/${bid.id}/actions/submit_review`)
          .set(actorHeaders({ userId: id, roles: ['reviewer'] }))
          .send(sheet(bid.technical))
          .expect(200);
    }
    await tab('committee');
    await expect(page.getByTestId('committee-progress').textContent()).resolves.toContain('已提交 9');
    await http()
      .post(`/api/programs/${programId}/stages/committee-evaluation/close`)
      .set(purchaser)
      .send({})
      .expect(200);
    await waitForProgramStage('award');

    // Technical part = sheet × 80 %; price part = ¥380,000 ÷ bid × 100 × 20 %.
    await tab('committee');
    const first = page.getByRole('row', { name: /居家养老服务投标 B2/ });
    await first.waitFor();
    await expect(first.textContent()).resolves.toMatch(/76.*16\.89.*92\.89/);
    await shot('purchaser-ranking');

    await http().post(`/api/programs/${programId}/stages/award/close`).set(purchaser).send({}).expect(200);
    await eventually(async () => {
      const lines = (
        await http().get(`/api/programs/${programId}/stages/award/award-proposal`).set(purchaser).expect(200)
      ).body as unknown[];
      return lines.length === 3 ? lines : undefined;
    }, 30_000);

    await tab('award');
    // Passing over the recommended bidder needs a reason: the API refuses it without one, in Chinese.
    await page.getByRole('button', { name: '改选下一顺位中标候选人' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    const refusal = page.getByRole('dialog').getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('不能为空');
    await shot('purchaser-pick-next-refused');
    await page.getByRole('dialog').getByLabel('理由').fill('第一中标候选人书面放弃中标');
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const winner = page.getByRole('row', { name: /¥400,000\.00/ });
    await winner.waitFor();
    await expect(winner.textContent()).resolves.toContain('中标（成交）');

    await page.getByRole('button', { name: '确认资助方案' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '提交' }).click();
    await page.getByText('资助方案已确认').first().waitFor();
    await shot('purchaser-award-confirmed');
    // The challenge period is seconds long here: the department holds it open until the contract journey.
    await waitForProgramStage('challenge-window');
    await http()
      .post(`/api/programs/${programId}/stages/challenge-window/extend`)
      .set(purchaser)
      .send({ until: new Date(Date.now() + 600_000).toISOString() })
      .expect(200);
    const awarded = await eventually(async () => {
      const bid = (await http().get(`/api/applications/${bids[0].id}`).set(bidder(bids[0])).expect(200)).body;
      return bid.awardedFen !== null ? bid : undefined;
    }, 30_000);
    expect(awarded).toMatchObject({ awardTier: 'winning-bid', awardedFen: 400_000 * YUAN });

    await tab('contracts');
    await page.getByRole('link', { name: B1_TITLE }).waitFor();
    // The contract price is the award; nothing is paid before the first delivery is accepted.
    await expect(page.getByRole('row', { name: new RegExp(B1_TITLE) }).textContent()).resolves.toContain(
      '¥400,000.00',
    );
    await expect(page.getByTestId('paid-total').textContent()).resolves.toBe('¥0.00');
    await expect(page.getByRole('link', { name: '居家养老服务投标 B2' }).count()).resolves.toBe(0);
  });

  it('signs the contract and accepts the first delivery from the contracts tab, which pays its tranche', async () => {
    const winner = bids[0];
    const caseStage = async () =>
      (await http().get(`/api/applications/${winner.id}`).set(purchaser).expect(200)).body.stage as string;
    let lastSeen = '';
    const reach = (stage: string) =>
      eventually(async () => {
        lastSeen = await caseStage();
        return lastSeen === stage ? true : undefined;
      }, 30_000).catch(() => {
        throw new Error(`the contract stayed in "${lastSeen}" instead of reaching "${stage}"`);
      });
    // Test-sized stages last seconds: the department gives itself time to sign and to check the delivery.
    const extend = () =>
      http()
        .post(`/api/applications/${winner.id}/actions/extend_deadline`)
        .set(purchaser)
        .send({ until: new Date(Date.now() + 600_000).toISOString() })
        .expect(200);
    const contractRow = async () => {
      await tab('contracts');
      const row = page.getByRole('row', { name: new RegExp(B1_TITLE) });
      await row.waitFor();
      await row.getByRole('button', { name: /展开/ }).click();
      await page.getByTestId('delivery-panel').waitFor();
    };

    // The challenge period ends unchallenged; the bidder signs first, through the API.
    await http()
      .post(`/api/programs/${programId}/stages/challenge-window/close`)
      .set(purchaser)
      .send({})
      .expect(200);
    await reach('contract');
    await extend();
    await http()
      .post(`/api/applications/${winner.id}/actions/sign_agreement`)
      .set(bidder(winner))
      .send({})
      .expect(200);
    await contractRow();
    await expect(page.getByTestId('signatures').textContent()).resolves.toMatch(
      /已签署.*未签署|未签署.*已签署/,
    );
    await page.getByRole('button', { name: '签署协议（合同）' }).click();
    await reach('delivery');
    await extend();

    await http()
      .post(`/api/applications/${winner.id}/actions/submit_report`)
      .set(bidder(winner))
      .send({ reportKey: 'first-delivery', reason: '首期服务 300 人次已完成' })
      .expect(200);
    await contractRow();
    await page
      .getByRole('button', { name: /^验收: / })
      .first()
      .click();
    // The tender form's schedule pays 40 % of the ¥400,000 contract once the first delivery is accepted.
    await eventually(async () => {
      await contractRow();
      return (await page.getByTestId('paid-total').textContent()) === '¥160,000.00' ? true : undefined;
    }, 30_000);
    await shot('purchaser-contract-paid');
    await page.context().close();
  });
});
