import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
