/**
 * What a person does on the console, as steps the browser tests and `bin/screenshots.ts` share:
 * sign up from the form, wait for a row's status, open an execution, read the graph, set faults.
 * Everything is found the way a user finds it (labels, button names) or by the data attributes
 * the page sets for that purpose (`data-execution`, `data-status`, `data-state`, `data-outcome`).
 */
import type { Locator, Page } from 'playwright-core';

export const VIEWPORT = { width: 1280, height: 900 };

export class ConsolePage {
  constructor(
    readonly page: Page,
    readonly consoleUrl: string,
  ) {}

  async open(hash = '#/'): Promise<void> {
    await this.page.goto(`${this.consoleUrl}/${hash}`);
    await this.page.locator('main .page').waitFor();
  }

  /** Signs up from the form; resolves with the signupId the page reports. */
  async signUp(user: { email: string; name: string; tenant: string }): Promise<string> {
    await this.page.getByLabel('Email').fill(user.email);
    await this.page.getByLabel('Name').fill(user.name);
    await this.page.getByLabel('Tenant').fill(user.tenant);
    const id = this.page.locator('.feedback .signup-id');
    const previous = (await id.count()) > 0 ? await id.textContent() : null;
    await this.page.getByRole('button', { name: 'Sign up a test user' }).click();
    // The answer of this signup, not the one still shown from the previous signup.
    await this.page.waitForFunction((before) => {
      const shown = document.querySelector('.feedback .signup-id')?.textContent;
      return shown !== undefined && shown !== null && shown !== before;
    }, previous);
    return (await id.textContent()) ?? '';
  }

  row(signupId: string): Locator {
    return this.page.locator(`tr[data-execution="signup-${signupId}"]`);
  }

  /** Waits until the signup's row shows `status` (the list updates by itself). */
  async waitForStatus(signupId: string, status: string, timeout = 20_000): Promise<Locator> {
    const row = this.page.locator(`tr[data-execution="signup-${signupId}"][data-status="${status}"]`);
    await row.waitFor({ timeout });
    return row;
  }

  async openExecution(signupId: string): Promise<void> {
    await this.row(signupId).getByRole('link', { name: `signup-${signupId}` }).click();
    await this.page.locator('svg.state-graph g.state').first().waitFor();
  }

  state(name: string): Locator {
    return this.page.locator(`svg.state-graph [data-state="${name}"]`);
  }

  /** The outcome each state is drawn with. */
  async outcomes(names: string[]): Promise<Record<string, string | null>> {
    const entries = await Promise.all(names.map(async (name) => [name, await this.state(name).getAttribute('data-outcome')] as const));
    return Object.fromEntries(entries);
  }

  async setFaults(spec: string): Promise<void> {
    await this.page.getByLabel('Faults', { exact: true }).fill(spec);
    await this.page.getByRole('button', { name: 'Set faults' }).click();
    await this.page.getByText(`Faults set: ${spec}`).waitFor();
  }

  async clearFaults(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clear faults' }).click();
    await this.page.getByText('Every fault cleared.').waitFor();
  }
}
