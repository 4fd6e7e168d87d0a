/**
 * The console's contracts page data on the model of the real apps' cloud assemblies and the
 * committed event catalog: for each contract version, the rules, state machines and functions of
 * the local cloud that use it, found in the templates rather than written down.
 */
import { loadCloudModel } from '../../src/assembly';
import { findWorkspaceRoot } from '../../src/boot/workspace-root';
import { contractsOverview, readCatalog, type ContractOverview } from '../../src/console/contracts';
import type { CloudModel } from '../../src/model';

const workspaceRoot = findWorkspaceRoot(__dirname);
let model: CloudModel;
let overview: ContractOverview[];
beforeAll(async () => {
  ({ model } = await loadCloudModel({ workspaceRoot, synth: false }));
  overview = contractsOverview(readCatalog(workspaceRoot).contracts, model);
});

const usesOf = (ref: string) => (overview.find((c) => c.ref === ref)?.uses ?? []).map((u) => `${u.what} ${u.app} ${u.how}`).sort();

describe('the contracts the console lists', () => {
  it('are every contract version of the catalog', () => {
    expect(overview.map((c) => c.ref)).toEqual(expect.arrayContaining(['user-signup/v1', 'user-signup/v2', 'user-onboarded/v1', 'send-welcome-email/v1']));
    expect(overview.every((c) => c.packageName.startsWith('@onboarding/contract-'))).toBe(true);
  });

  it('show the UserSignup rule and StartOnboarding using both UserSignup versions, and the signup function publishing v2', () => {
    expect(usesOf('user-signup/v2')).toEqual(['function orchestration receives', 'function signup-api publishes', 'rule orchestration matches']);
    expect(usesOf('user-signup/v1')).toEqual(['function orchestration receives', 'rule orchestration matches']);
  });

  it('show the state machine publishing the outcome events', () => {
    expect(usesOf('user-onboarded/v1')).toEqual(['state machine orchestration publishes']);
    expect(usesOf('user-onboarding-failed/v1')).toEqual(['state machine orchestration publishes']);
  });

  it('show the function implementing a step and the state machine calling it', () => {
    expect(usesOf('send-welcome-email/v1')).toEqual(['function email-service implements', 'state machine orchestration calls']);
    expect(usesOf('delete-user-storage/v1')).toEqual(['function storage-service implements', 'state machine orchestration calls']);
  });

  it('names the functions and the rule by their local names', () => {
    const uses = overview.find((c) => c.ref === 'send-welcome-email/v1')?.uses ?? [];

    expect(uses.find((u) => u.what === 'function')?.name).toMatch(/SendWelcomeEmail/);
  });
});

describe('readCatalog', () => {
  it('says how to make the catalog when there is none', () => {
    expect(readCatalog('/nonexistent')).toEqual({ contracts: [], note: 'No docs/event-catalog/catalog.json: run npm run catalog' });
  });
});
