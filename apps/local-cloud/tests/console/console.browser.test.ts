/**
 * The console in a real browser (Debian's Chromium through playwright-core) against the local
 * cloud running the real apps: a person signs up from the page, watches the execution turn green
 * without reloading, opens it and reads every step; injects a fault from the page and sees the
 * retries and the compensation drawn; reaches the graph with the keyboard; reads the bus events
 * and the mail.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { CHROMIUM_PATH, launchChromium } from '../../src/console';
import { ConsolePage, VIEWPORT } from './console-page';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const FORWARD_STEPS = ['CreateUser', 'WelcomeAndStorage', 'SendWelcomeEmail', 'CreateUserStorage', 'CheckWelcomeAndStorage', 'NotifyTeam', 'PublishUserOnboarded', 'Onboarded'];

describe('the console in Chromium', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let page: Page;
  let console_: ConsolePage;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium package (.ci/run does), or set CHROMIUM_PATH`);
    [cloud, browser] = await Promise.all([startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.001, asyncRetryDelayMs: () => 10 }), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await cloud?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: VIEWPORT });
    // Below jest's 30 s, so a missing element fails with Playwright's own message.
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    console_ = new ConsolePage(page, cloud.endpoints.console);
  });

  afterEach(async () => {
    // A test that set faults must not leave them to the next one.
    await fetch(`${cloud.endpoints.console}/api/faults`, { method: 'DELETE' });
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('signs up from the page, shows the execution turn green by itself, and draws every step of it', async () => {
    await console_.open();

    const signupId = await console_.signUp({ email: `ada+${Date.now()}@example.com`, name: 'Ada Lovelace', tenant: 'browser-happy' });

    const row = await console_.waitForStatus(signupId, 'SUCCEEDED');
    expect(await row.locator('td').nth(2).textContent()).toBe('browser-happy');
    await console_.openExecution(signupId);
    expect(await console_.outcomes(FORWARD_STEPS)).toEqual(Object.fromEntries(FORWARD_STEPS.map((name) => [name, 'succeeded'])));
    expect(await console_.outcomes(['CreateUserFailed', 'DeleteUserStorage', 'DeleteUser', 'OnboardingFailed'])).toEqual({
      CreateUserFailed: 'not-reached',
      DeleteUserStorage: 'not-reached',
      DeleteUser: 'not-reached',
      OnboardingFailed: 'not-reached',
    });
    expect(await page.locator('.execution-header .badge').textContent()).toBe('Succeeded');
    // What the signup left behind, on the same page.
    await page.locator('.mail .to').first().waitFor();
    expect(await page.locator('section[aria-labelledby="card-events-on-the-bus"] tbody').textContent()).toContain('UserOnboarded');
    expect(await page.locator('section[aria-labelledby="card-storage-objects"] tbody').textContent()).toContain('tenants/browser-happy/users/');
    expect(await page.locator('section[aria-labelledby="card-webhook-messages"] tbody').textContent()).toContain(signupId);
  });

  it('draws a step in progress as running, then green, on an open execution page without a reload', async () => {
    await console_.open();
    // The notifier starts 1.5 s late once: long enough to see NotifyTeam running.
    await console_.setFaults('notifier:slow:1500ms:1');
    const signupId = await console_.signUp({ email: `alan+${Date.now()}@example.com`, name: 'Alan Turing', tenant: 'browser-live' });
    await console_.waitForStatus(signupId, 'RUNNING');
    await console_.openExecution(signupId);

    await page.locator('svg.state-graph [data-state="NotifyTeam"][data-outcome="running"]').waitFor();
    const runningBadge = await page.locator('.execution-header .badge').textContent();
    await page.locator('svg.state-graph [data-state="NotifyTeam"][data-outcome="succeeded"]').waitFor({ timeout: 10_000 });

    expect(runningBadge).toBe('Running');
    expect(await page.locator('.execution-header .badge').textContent()).toBe('Succeeded');
    expect(await console_.outcomes(['PublishUserOnboarded', 'Onboarded'])).toEqual({ PublishUserOnboarded: 'succeeded', Onboarded: 'succeeded' });
  });

  it('lets a keyboard user reach a state of the graph, select it and read its input and output', async () => {
    await console_.open();
    const signupId = await console_.signUp({ email: `grace+${Date.now()}@example.com`, name: 'Grace Hopper', tenant: 'browser-keys' });
    await console_.waitForStatus(signupId, 'SUCCEEDED');
    await console_.openExecution(signupId);

    let focused: string | undefined;
    for (let presses = 0; presses < 80 && focused !== 'NotifyTeam'; presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | SVGElement | null)?.dataset['state']);
    }
    await page.keyboard.press('Enter');

    expect(focused).toBe('NotifyTeam');
    expect(await console_.state('NotifyTeam').getAttribute('aria-label')).toMatch(/^NotifyTeam, Task: Succeeded/);
    expect(await page.locator('.state-detail h3').textContent()).toBe('NotifyTeam');
    expect(await page.locator('.state-detail details[data-block="output"] pre').textContent()).toContain('"delivered": true');
  });

  it('draws the retries and the compensation of a signup whose welcome email cannot be sent', async () => {
    await console_.open();
    await console_.setFaults('email-service:fail:always');
    let signupId: string;
    try {
      signupId = await console_.signUp({ email: `edsger+${Date.now()}@example.com`, name: 'Edsger Dijkstra', tenant: 'browser-faults' });
      await console_.waitForStatus(signupId, 'FAILED');
    } finally {
      await console_.clearFaults();
    }

    expect(await console_.row(signupId).locator('.failed-step').textContent()).toBe('SendWelcomeEmail MailerUnavailableError');
    await console_.openExecution(signupId);
    expect(
      await console_.outcomes(['CreateUser', 'SendWelcomeEmail', 'SendWelcomeEmailFailed', 'CreateUserStorage', 'CheckWelcomeAndStorage', 'CompensateAfterSendWelcomeEmail', 'DeleteUserStorage', 'DeleteUser', 'OnboardingFailed', 'NotifyTeam']),
    ).toEqual({
      CreateUser: 'compensated',
      SendWelcomeEmail: 'caught',
      SendWelcomeEmailFailed: 'succeeded',
      CreateUserStorage: 'compensated',
      CheckWelcomeAndStorage: 'succeeded',
      CompensateAfterSendWelcomeEmail: 'succeeded',
      DeleteUserStorage: 'succeeded',
      DeleteUser: 'succeeded',
      OnboardingFailed: 'failed',
      NotifyTeam: 'not-reached',
    });
    // The email step was retried four times (MailerUnavailableError: MaxAttempts 4), then caught.
    expect(await console_.state('SendWelcomeEmail').locator('.badge text').textContent()).toBe('↻ 4');
    expect(await console_.state('CreateUser').locator('.subtitle').textContent()).toBe('undone by DeleteUser');
    expect(await page.locator('.state-detail h3').textContent()).toBe('SendWelcomeEmail');
    expect(await page.locator('.state-detail tr.attempt-failed').count()).toBe(5);
    expect(await page.locator('svg.state-graph g.edge-catch.taken[data-from="SendWelcomeEmail"]').count()).toBe(1);
    // A compensated signup is replayed (the undone steps are keyed per execution, so they run again).
    await page.getByRole('button', { name: 'Replay this signup' }).click();
    // (That the replay then onboards it once is tests/resilience/replay.e2e.test.ts.)
    expect(await page.getByRole('status').filter({ hasText: 'Replaying as' }).textContent()).toContain(`signup-${signupId}-r1`);
  });

  it('shows the bus events with the rules they matched, and the mail that was sent', async () => {
    await console_.open();
    const email = `barbara+${Date.now()}@example.com`;
    const signupId = await console_.signUp({ email, name: 'Barbara Liskov', tenant: 'browser-pages' });
    await console_.waitForStatus(signupId, 'SUCCEEDED');
    const signupRule = cloud.model.rules.find((r) => JSON.stringify(r.eventPattern).includes('UserSignup'))?.name as string;

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Bus events' }).click();
    const signupEvent = page.locator('tbody tr', { hasText: signupId }).filter({ hasText: 'UserSignup' });
    await signupEvent.waitFor();
    const rules = await signupEvent.locator('.chip').allTextContents();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Emails' }).click();
    const mail = page.locator('article.mail', { hasText: email });
    await mail.waitFor();

    expect(rules).toEqual([signupRule]);
    expect(await page.title()).toBe('Emails · Onboarding local cloud');
    expect(await mail.locator('.to').textContent()).toBe(email);
    expect(await mail.locator('.mail-text').textContent()).toContain('Barbara Liskov');
  });
});
