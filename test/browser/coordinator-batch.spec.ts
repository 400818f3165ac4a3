import { randomUUID } from 'node:crypto';
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
import { actorHeaders, DISTRICT_COORDINATOR } from '../support/auth';
import { registerAccount } from '../support/accounts';
import { startStack, type TestStack } from '../support/stack';
import { launchChromium, newChinesePage, SCREENSHOTS, signInThroughPage } from './chromium';

// A street coordinator's batch screening on the pipeline and the overdue view, in Chromium against the real
// API, Temporal and Postgres. The program is test-sized: its screening lasts seconds and then waits for a
// coordinator to close it, so its cases stay in the stage with their deadline behind them (late).

const PASSWORD = 'Grantflow@2026';
const RUN = randomUUID().slice(0, 8);
const STREET = '湖滨街道';

interface Case {
  id: string;
  title: string;
}

describe('batch screening and the overdue list in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let baseUrl: string;
  let programId: string;
  let email: string;
  const cases: Case[] = [];
  const http = () => request(stack.server);
  const street = actorHeaders({ userId: `street-${RUN}`, roles: ['coordinator:street'], scope: STREET });

  let current: Page | undefined;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  // The progress bar's width and the buttons' colours ease in: the picture waits for them to land.
  const settledShot = async (page: Page, name: string) => {
    await page.waitForTimeout(500);
    await shot(page, name);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    stack = await startStack();
    await new Promise<void>((resolve) => stack.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;

    email = `street-batch-${RUN}@web.test`;
    await registerAccount(stack.server, {
      email,
      password: PASSWORD,
      displayName: '湖滨街道审查员',
      roles: ['coordinator:street'],
      scope: STREET,
    });

    programId = await createPublishedProgram(stack.server);
    for (const n of [1, 2, 3, 4]) {
      const title = `批量审查项目${n}-${RUN}`;
      const organizationId = await createOrganization(stack.server, STREET, `${STREET}批量社${n}-${RUN}`);
      const id = await draftApplication(stack.server, { programId, organizationId, street: STREET, title });
      await http()
        .post(`/api/applications/${id}/submit`)
        .set(actorHeaders({ userId: `member-${organizationId}`, organizationId }))
        .expect(200);
      cases.push({ id, title });
    }
    await http()
      .post(`/api/programs/${programId}/stages/solicitation/close`)
      .set(DISTRICT_COORDINATOR)
      .send({})
      .expect(200);
    await eventually(async () => {
      const { body: listed } = await http()
        .get(`/api/programs/${programId}/applications`)
        .set(DISTRICT_COORDINATOR)
        .expect(200);
      return listed.every((c: { stage: string }) => c.stage === 'eligibility-screening') ? true : undefined;
    }, 30_000);
    // Someone already screened the first case: the batch will be refused it.
    await http()
      .post(`/api/applications/${cases[0].id}/actions/screen`)
      .set(street)
      .send({ decision: 'eligible' })
      .expect(200);
  });

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

  async function signedInPage(): Promise<Page> {
    current = await newChinesePage(browser);
    await signInThroughPage(current, baseUrl, { email, password: PASSWORD });
    return current;
  }

  it('street coordinator: screens three cases at once, sees the progress end and the refused one in Chinese', async () => {
    const page = await signedInPage();
    await page.goto(`${baseUrl}/coordinator/programs/${programId}`);
    await page.getByRole('link', { name: cases[3].title }).waitFor();
    for (const c of cases.slice(0, 3)) await page.getByRole('checkbox', { name: `选择: ${c.title}` }).check();
    await expect(page.getByTestId('selected-count').textContent()).resolves.toContain('3');
    // The street's role may screen and return cases in this stage: all three batch actions are offered.
    await expect(page.getByRole('button', { name: '批量退回补正' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: '批量认定不符合资格' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: '批量认定符合资格（审查项目全部通过）' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('以下审查项目将全部记为通过').waitFor();
    await dialog.getByRole('button', { name: '开始执行' }).click();

    await dialog.getByTestId('batch-failures').waitFor();
    await expect(dialog.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(dialog.getByTestId('batch-progress').textContent()).resolves.toContain('3 / 3');
    await expect(dialog.getByTestId('batch-succeeded').textContent()).resolves.toBe('成功 2');
    await expect(dialog.getByTestId('batch-failed').textContent()).resolves.toBe('失败 1');
    const failures = dialog.getByTestId('batch-failures');
    await expect(failures.textContent()).resolves.toContain(cases[0].title);
    await expect(failures.textContent()).resolves.toContain('资格审查结论已作出');
    await expect(failures.textContent()).resolves.not.toContain(cases[1].title);
    await settledShot(page, 'coordinator-batch-screening');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('selected-count').waitFor({ state: 'detached' });
    await page.context().close();

    // The two the batch screened carry their decision; the fourth, not selected, has none.
    for (const [c, screenings] of [
      [cases[1], 1],
      [cases[2], 1],
      [cases[3], 0],
    ] as const) {
      const { body: timeline } = await http()
        .get(`/api/applications/${c.id}/timeline`)
        .set(DISTRICT_COORDINATOR)
        .expect(200);
      expect(timeline.filter((entry: { action: string }) => entry.action === 'screen')).toHaveLength(
        screenings,
      );
    }
  });

  it('street coordinator: opens the overdue tab with its count and finds a late case linking to it', async () => {
    // The test-sized screening deadline passes within seconds; the coordinator has not closed the stage.
    await eventually(async () => {
      const { body: late } = await http()
        .get(`/api/programs/${programId}/applications?overdue=true`)
        .set(street)
        .expect(200);
      return late.length === cases.length ? true : undefined;
    }, 60_000);
    const page = await signedInPage();
    await page.goto(`${baseUrl}/coordinator/programs/${programId}`);
    await expect(page.getByTestId('overdue-tab').textContent()).resolves.toContain(String(cases.length));
    await page.getByRole('tab', { name: /已逾期/ }).click();
    const overdue = page.getByTestId('overdue-cases');
    const late = overdue.getByRole('link', { name: cases[3].title });
    await late.waitFor();
    const row = overdue.locator('tr', { has: page.getByRole('link', { name: cases[3].title }) });
    await expect(row.textContent()).resolves.toContain('资格审查');
    await expect(row.getByTestId('days-overdue').textContent()).resolves.toBe('不足 1 天');
    await shot(page, 'coordinator-overdue');
    // A tablet held upright: the table scrolls inside itself, the page does not scroll sideways.
    await page.setViewportSize({ width: 768, height: 1024 });
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(
      768,
    );
    await shot(page, 'coordinator-overdue-tablet');
    await page.setViewportSize({ width: 1366, height: 768 });
    await late.click();
    await page.getByTestId('case-stage').waitFor();
    await expect(page.url()).toContain(`/coordinator/applications/${cases[3].id}`);
    await page.context().close();
  });
  it('street coordinator: returns a case for revision in a batch, with the reason required and the deadline the template sets', async () => {
    const page = await signedInPage();
    await page.goto(`${baseUrl}/coordinator/programs/${programId}`);
    await page.getByRole('checkbox', { name: `选择: ${cases[3].title}` }).check();
    await page.getByRole('button', { name: '批量退回补正' }).click();
    const dialog = page.getByRole('dialog');
    // The page reads the template by its key, so it names the template's days (test-sized, the engine uses seconds).
    await expect(dialog.textContent()).resolves.toContain('补正期限: 5 个工作日');
    await dialog.getByRole('button', { name: '开始执行' }).click();
    await dialog.getByText('请填写理由').waitFor();
    await expect(dialog.getByTestId('batch-progress').count()).resolves.toBe(0);
    await dialog.getByLabel('理由').fill('预算明细缺少人员费用测算');
    await dialog.getByRole('button', { name: '开始执行' }).click();
    await dialog.getByTestId('batch-progress').getByText('1 / 1').waitFor();
    await expect(dialog.getByTestId('batch-succeeded').textContent()).resolves.toBe('成功 1');
    await expect(dialog.getByTestId('batch-failed').textContent()).resolves.toBe('失败 0');
    await settledShot(page, 'coordinator-batch-revision');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await page.context().close();
    const { body: timeline } = await http()
      .get(`/api/applications/${cases[3].id}/timeline`)
      .set(DISTRICT_COORDINATOR)
      .expect(200);
    expect(timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'request_revision', reason: '预算明细缺少人员费用测算' }),
      ]),
    );
  });
});
