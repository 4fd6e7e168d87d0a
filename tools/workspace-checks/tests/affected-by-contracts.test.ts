/**
 * What a change to one contract version makes `nx affected` run: that contract's project, the apps
 * that produce and consume it (from their imports and their contracts.json), and the whole-system
 * projects (nx.json's systemProjects: the local cloud, the workspace checks, the cost model); no
 * other team. Asked of the real Nx CLI, as a team's CI asks it, with a graph cache of its
 * own so that it neither reads a stale graph nor disturbs the run it is part of.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from './support/workspace-contracts';

const run = promisify(execFile);
const workspaceData = mkdtempSync(join(tmpdir(), 'nx-affected-'));
afterAll(() => rmSync(workspaceData, { recursive: true, force: true }));

/** `nx show projects --affected --files=<file>`, sorted. */
async function affectedBy(file: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects', '--affected', `--files=${file}`, '--json'], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_WORKSPACE_DATA_DIRECTORY: workspaceData, NX_SKIP_NX_CACHE: 'true' },
    maxBuffer: 10 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as string[]).sort();
}

describe('a change to one contract version', () => {
  // One graph computation serves every case; computing it takes seconds on a busy machine.
  jest.setTimeout(120_000);

  it('to UserOnboarded v1 affects that contract, the orchestration that publishes it and the whole-system tests', async () => {
    await expect(affectedBy('libs/contracts/user-onboarded/v1/src/index.ts')).resolves.toEqual(['contract-user-onboarded-v1', 'cost-model', 'local-cloud', 'orchestration', 'workspace-checks']);
  });

  it('to the SendWelcomeEmail step affects that contract, the orchestration that calls it, the email service that implements it and the whole-system tests', async () => {
    await expect(affectedBy('libs/contracts/send-welcome-email/v1/schema.json')).resolves.toEqual([
      'contract-send-welcome-email-v1',
      'cost-model',
      'email-service',
      'local-cloud',
      'orchestration',
      'workspace-checks',
    ]);
  });

  it("to an app's contracts.json affects that app and the workspace checks that hold it to its imports and templates", async () => {
    await expect(affectedBy('apps/notifier/contracts.json')).resolves.toEqual(['notifier', 'workspace-checks']);
  });
});
