/**
 * The console's contracts page in a real browser (Debian's Chromium through playwright-core) on the
 * local cloud running the real apps: reachable from the navigation, it lists every contract version
 * of the catalog with its producers, consumers and what in the local cloud uses it.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { CHROMIUM_PATH, launchChromium } from '../../src/console';
import { VIEWPORT } from './console-page';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('the contracts page in Chromium', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium package (.ci/run does), or set CHROMIUM_PATH`);
    [cloud, browser] = await Promise.all([startLocalCloud({ ports: 'free', synth: false }), launchChromium()]);
    page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await cloud?.stop();
  });

  it('is reached from the navigation and lists the events and the steps with who uses them', async () => {
    await page.goto(`${cloud.endpoints.console}/#/`);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Contracts' }).click();

    const v2 = page.locator('tr[data-contract="user-signup/v2"]');
    await v2.waitFor();
    expect(await page.locator('h1').textContent()).toBe('Contracts');
    expect(await v2.locator('td').nth(2).textContent()).toBe('signup-api');
    expect(await v2.locator('td').nth(3).textContent()).toBe('orchestration');
    expect(await v2.locator('li[data-use^="rule:"]').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Event contracts' }).locator('tbody tr').count()).toBe(4);
    const welcome = page.getByRole('table', { name: 'Step contracts' }).locator('tr[data-contract="send-welcome-email/v1"]');
    expect(await welcome.locator('li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^function .*SendWelcomeEmail.* \(email-service\) implements it$/)]));
    expect(pageErrors).toEqual([]);
  });
});
