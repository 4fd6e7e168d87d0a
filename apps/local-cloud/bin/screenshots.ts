/**
 * Regenerates the console screenshots of the README (docs/screenshots/*.png): boots the local
 * cloud on the real apps, signs up a few users from the page (one with a flaky mailer, one whose
 * mail cannot be sent at all), and photographs the signups list, an execution that went straight
 * through, one that retried, one that was compensated, the bus events and the mail.
 * Usage: `tsx apps/local-cloud/bin/screenshots.ts [--out <dir>]` (needs /usr/bin/chromium).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot, startLocalCloud } from '../src/boot/start-local-cloud';
import { launchChromium } from '../src/console';
import { ConsolePage, VIEWPORT } from '../tests/console/console-page';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const { values } = parseArgs({ options: { out: { type: 'string' } } });

async function main(): Promise<void> {
  const out = resolve(values.out ?? join(findWorkspaceRoot(), 'docs', 'screenshots'));
  await mkdir(out, { recursive: true });
  const cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.01, asyncRetryDelayMs: () => 10 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const console_ = new ConsolePage(page, cloud.endpoints.console);
    const shoot = async (name: string, height = VIEWPORT.height) => {
      await page.setViewportSize({ width: VIEWPORT.width, height });
      // The picture once the page has drawn what it last read.
      await page.locator('main[data-refreshing="false"]').waitFor();
      await page.screenshot({ path: join(out, name) });
      console.log(`wrote ${join(out, name)}`);
    };
    const stamp = Date.now().toString(36);
    const user = (first: string, tenant: string) => ({ email: `${first.toLowerCase()}+${stamp}@example.com`, name: `${first} Example`, tenant });

    await console_.open();
    const happy = await console_.signUp(user('Ada', 'acme'));
    await console_.waitForStatus(happy, 'SUCCEEDED');
    await console_.signUp(user('Alan', 'acme'));
    await console_.signUp(user('Barbara', 'globex'));
    await console_.setFaults('email-service:fail:2');
    const retried = await console_.signUp(user('Grace', 'globex'));
    await console_.waitForStatus(retried, 'SUCCEEDED');
    await console_.setFaults('email-service:fail:always');
    const compensated = await console_.signUp(user('Edsger', 'initech'));
    await console_.waitForStatus(compensated, 'FAILED');
    await console_.clearFaults();
    await page.getByText('Every fault cleared.').waitFor();
    await page.locator('tr[data-status="RUNNING"]').waitFor({ state: 'detached' });
    await shoot('console-signups.png', 1000);

    for (const [signupId, name] of [
      [happy, 'console-execution-happy.png'],
      [retried, 'console-execution-retried.png'],
      [compensated, 'console-execution-compensation.png'],
    ] as const) {
      await console_.open();
      await console_.openExecution(signupId);
      await shoot(name, 1280);
    }

    await console_.open('#/events');
    await page.locator('tbody tr[data-event-id]').first().waitFor();
    await shoot('console-events.png', 800);
    await console_.open('#/emails');
    await page.locator('article.mail').first().waitFor();
    await shoot('console-emails.png', 900);
    await console_.open('#/contracts');
    await page.locator('tr[data-contract]').first().waitFor();
    await shoot('console-contracts.png', 1100);
  } finally {
    await browser.close();
    await cloud.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
