import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createPublishedProgram, draftApplication, eventually } from '../support/fixtures';
import { actorHeaders, DISTRICT_COORDINATOR } from '../support/auth';
import { registerAccount } from '../support/accounts';
import { startStack, type TestStack } from '../support/stack';
import { launchChromium, newChinesePage, SCREENSHOTS, signInThroughPage } from './chromium';

// Two screens of the remaining journeys in Chromium against the real API, Temporal and Postgres: the applicant
// reads a revision request (补正) with its reason and deadline and resubmits; a street reviewer declares a
// conflict of interest and the case leaves the queue. The steps nobody clicks go through the API.

const PASSWORD = 'Grantflow@2026';
const RUN = randomUUID().slice(0, 8);
const STREET = '湖滨街道';
// The fixture's form names the project; the form page keeps the title in step with it on resubmission.
const TITLE = '独居老人助餐服务';
const REASON = '请补充服务对象名单及签字确认材料';

describe('revision requests and conflict declarations in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let page: Page | undefined;
  let programId: string;
  let applicationId: string;
  let organizationId: string;
  let reviewerId: string;
  const emails: Record<string, string> = {};

  const http = () => request(stack.server);
  const street = actorHeaders({ userId: `street-${RUN}`, roles: ['coordinator:street'], scope: STREET });
  const member = () => actorHeaders({ userId: `member-${organizationId}`, organizationId });
  const read = async () =>
    (await http().get(`/api/applications/${applicationId}`).set(member()).expect(200)).body as {
      stage: string;
      phase: string;
    };
  async function account(name: string, roles: string[] = []): Promise<string> {
    emails[name] = `${name}-${RUN}@web.test`;
    return registerAccount(stack.server, {
      email: emails[name],
      password: PASSWORD,
      displayName: name,
      roles,
    });
  }
  async function signIn(name: string): Promise<Page> {
    page = await newChinesePage(browser);
    await signInThroughPage(page, baseUrl, { email: emails[name], password: PASSWORD });
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    stack = await startStack();
    await new Promise<void>((resolve) => stack.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;

    const applicantId = await account('applicant');
    reviewerId = await account('expert', ['reviewer']);
    // Street experts review other streets' cases: both of these are eligible for a case in 湖滨街道.
    const experts: [string, string][] = [
      [reviewerId, '清波街道'],
      [`web-alt-${RUN}`, '小营街道'],
    ];
    for (const [id, expertStreet] of experts)
      await http()
        .post('/api/experts')
        .set(DISTRICT_COORDINATOR)
        .send({
          id,
          name: `街道专家${id.slice(0, 4)}`,
          expertise: ['elderly'],
          level: 'street',
          street: expertStreet,
          maxLoadPerProgram: 50,
        })
        .expect(201);
    programId = await createPublishedProgram(stack.server, {
      testSized: false,
      reviewerPools: { 'street-review': experts.map(([id]) => id) },
    });
    // The applicant's own organization: its account is a member and sees the case.
    organizationId = (
      await http()
        .post('/api/organizations')
        .set(actorHeaders({ userId: applicantId }))
        .send({
          name: `${STREET}邻里互助社${RUN}`,
          kind: 'community_filed',
          street: STREET,
          community: '东坡路社区',
        })
        .expect(201)
    ).body.id;
    applicationId = await draftApplication(stack.server, {
      programId,
      organizationId,
      street: STREET,
    });
    await http().post(`/api/applications/${applicationId}/submit`).set(member()).expect(200);
    await http()
      .post(`/api/programs/${programId}/stages/solicitation/close`)
      .set(DISTRICT_COORDINATOR)
      .send({})
      .expect(200);
    await eventually(
      async () => ((await read()).stage === 'eligibility-screening' ? true : undefined),
      30_000,
    );
  });

  afterEach(async () => {
    if (page && !page.isClosed()) {
      await page.screenshot({ path: join(SCREENSHOTS, `failed-${expect.getState().currentTestName}.png`) });
      await page.context().close();
    }
    page = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('applicant: reads the revision request with its reason and deadline, then resubmits', async () => {
    await http()
      .post(`/api/applications/${applicationId}/actions/request_revision`)
      .set(street)
      .send({ reason: REASON })
      .expect(200);
    const current = await signIn('applicant');
    await current.goto(`${baseUrl}/applicant/applications/${applicationId}`);
    const request = current.getByTestId('revision-request');
    await request.waitFor();
    await expect(request.textContent()).resolves.toContain(REASON);
    await expect(request.textContent()).resolves.toMatch(/截止时间: \d{4}/);
    await current.screenshot({ path: join(SCREENSHOTS, 'applicant-revision-request.png'), fullPage: true });
    await current.getByRole('button', { name: '提交' }).click();
    await current.getByTestId('revision-request').waitFor({ state: 'detached' });
    await eventually(async () => ((await read()).phase === 'awaiting_screening' ? true : undefined), 30_000);
  });

  it('reviewer: declares a conflict of interest and the case leaves the queue', async () => {
    await http()
      .post(`/api/applications/${applicationId}/actions/screen`)
      .set(street)
      .send({ decision: 'eligible' })
      .expect(200);
    await http()
      .post(`/api/programs/${programId}/stages/eligibility-screening/close`)
      .set(DISTRICT_COORDINATOR)
      .send({})
      .expect(200);
    await eventually(async () => {
      const timeline = (
        await http().get(`/api/applications/${applicationId}/timeline`).set(DISTRICT_COORDINATOR).expect(200)
      ).body as { action: string; data: { reviewerIds?: string[] } | null }[];
      return timeline.some(
        (entry) => entry.action === 'reviewers_assigned' && entry.data?.reviewerIds?.includes(reviewerId),
      )
        ? true
        : undefined;
    }, 30_000);

    const current = await signIn('expert');
    // The assignment reached the expert's inbox: the bell counts it and lists it.
    const bell = current.getByTestId('notification-bell');
    await current.waitForFunction(
      `/未读 [1-9]/.test(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') ?? '')`,
    );
    await bell.click();
    await current.locator('.ant-popover .ant-list-item').first().waitFor();
    await current.screenshot({ path: join(SCREENSHOTS, 'notifications.png') });
    await bell.click();
    await current.getByRole('menuitem', { name: '评审任务' }).click();
    await current.getByRole('button', { name: `评审: ${TITLE}` }).click();
    await current.getByRole('button', { name: '申报回避（利益冲突）' }).click();
    await current.getByLabel('理由').fill('本人系该组织理事');
    await current.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await current.getByText('已申报回避').first().waitFor();
    // Back in the queue, which held this case only: now empty.
    await current.getByText('暂无数据').waitFor();
    await expect(current.getByRole('button', { name: `评审: ${TITLE}` }).count()).resolves.toBe(0);
    await current.screenshot({ path: join(SCREENSHOTS, 'reviewer-conflict-declared.png'), fullPage: true });
    const timeline = (
      await http().get(`/api/applications/${applicationId}/timeline`).set(DISTRICT_COORDINATOR).expect(200)
    ).body as { action: string; actorId: string }[];
    expect(
      timeline.some((entry) => entry.action === 'declare_conflict' && entry.actorId === reviewerId),
    ).toBe(true);
  });
});
