import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// Debian's Chromium, not a browser Playwright downloads: the machines reach Debian's packages only.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_BUILD = resolve(__dirname, '../../dist/web/index.html');

/** Where the journeys leave their screenshots (git-ignored). */
export const SCREENSHOTS = resolve(__dirname, '../artifacts/browser');

/** Launches headless Chromium, or fails saying how to get it: a missing browser must not pass silently. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install Debian's Chromium with \`apt-get install -y chromium\` ` +
        '(or point CHROMIUM_PATH at a Chromium binary), then run the browser tests again.',
    );
  if (!existsSync(WEB_BUILD))
    throw new Error('The web app is not built (dist/web/index.html is missing): run `npm run build` first.');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No sandbox: CI runs as root in a container; no GPU on these machines; no update checks or telemetry.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A fresh browser context as users here see the app: Chinese first, on a laptop screen. */
export async function newChinesePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  return context.newPage();
}

/**
 * Signs in through the login page. Signed in once the header names the user; pass `waitForHeader: false` for a
 * sign-in expected to fail, which stays on the form with its reason.
 */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  credentials: { email: string; password: string },
  { waitForHeader = true }: { waitForHeader?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('邮箱').fill(credentials.email);
  await page.getByLabel('密码').fill(credentials.password);
  await page.getByRole('button', { name: '登录' }).click();
  if (waitForHeader) await page.getByTestId('current-user').waitFor();
}
