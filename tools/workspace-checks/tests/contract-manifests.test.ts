/**
 * Each app's contracts.json says what the app does with contracts, and the graph is built from it:
 * it is checked against the app's imports and against what its synthesized templates deploy (rules,
 * state machine tasks, the step functions it publishes). Shown to catch each way of drifting.
 */
import { readWorkspaceManifests, readPluginOptions, type AppManifest } from '@onboarding/tools';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { manifestProblems, type ManifestCheckInput } from '../src/contracts/manifest-checks';
import { workspaceSources } from '../src/test-only-code';
import { deployedStacks } from './support/deployed-stacks';
import { eventContracts, workspaceRoot } from './support/workspace-contracts';

const apps = readdirSync(join(workspaceRoot, 'apps')).filter((app) => existsSync(join(workspaceRoot, 'apps', app, 'package.json')));
const manifests = readWorkspaceManifests(workspaceRoot);
const sources = workspaceSources(workspaceRoot);
const systemProjects = readPluginOptions(workspaceRoot).systemProjects ?? [];
const real: ManifestCheckInput = { apps, manifests, sources, stacks: deployedStacks, eventContracts, systemProjects };

/** The real inputs with one app's manifest replaced. */
function withManifest(app: string, manifest: Partial<AppManifest['manifest']>): ManifestCheckInput {
  const replaced: AppManifest = { app, file: `apps/${app}/contracts.json`, manifest: { publishes: [], consumes: [], calls: [], implements: [], ...manifest } };
  return { ...real, manifests: [...manifests.filter((m) => m.app !== app), replaced] };
}
const ref = (text: string) => {
  const [name, version] = text.split('/v') as [string, string];
  return { name, version };
};

describe('the apps of the workspace', () => {
  it('declare in contracts.json exactly the contracts they import, deploy rules for, publish, call and implement', () => {
    expect(manifestProblems(real)).toEqual([]);
  });

  it('name the whole-system projects in nx.json, which may use contracts without declaring them', () => {
    expect(systemProjects).toEqual(['local-cloud', 'workspace-checks', 'cost-model']);
  });
});

describe('manifestProblems', () => {
  it('names an import of a contract the manifest does not declare, with the file and line', () => {
    const problems = manifestProblems({ ...real, sources: [...sources, { path: 'apps/notifier/src/handlers/extra.ts', text: "import { UserOnboardedV1 } from '@onboarding/contract-user-onboarded-v1';\n" }] });

    expect(problems).toEqual(['apps/notifier/src/handlers/extra.ts:1 imports @onboarding/contract-user-onboarded-v1 (user-onboarded/v1), which apps/notifier/contracts.json does not declare']);
  });

  it('names a declared contract that nothing in the app imports', () => {
    const problems = manifestProblems(withManifest('notifier', { implements: [ref('notify-team/v1')], consumes: [ref('user-onboarded/v1')] }));

    expect(problems).toEqual(['apps/notifier/contracts.json declares that the app consumes user-onboarded/v1, but nothing in apps/notifier imports its package']);
  });

  it("names a deployed rule's contract version that the manifest does not list under consumes", () => {
    const orchestration = manifests.find((m) => m.app === 'orchestration')?.manifest;
    const consumes = (orchestration?.consumes ?? []).filter((r) => !(r.name === 'user-signup' && r.version === '1'));
    const problems = manifestProblems(withManifest('orchestration', { ...orchestration, consumes, publishes: [...(orchestration?.publishes ?? []), ref('user-signup/v1')] }));

    expect(problems).toContainEqual(expect.stringMatching(/^orchestration\/cdk.out\/OnboardingOrchestration.template.json#UserSignupRule\w+ consumes user-signup\/v1, which apps\/orchestration\/contracts.json does not list under "consumes"$/));
  });

  it('names an event the state machine publishes and a step it calls that the manifest leaves out', () => {
    const orchestration = manifests.find((m) => m.app === 'orchestration')?.manifest;
    const without = withManifest('orchestration', {
      ...orchestration,
      publishes: (orchestration?.publishes ?? []).filter((r) => r.name !== 'user-onboarded'),
      calls: (orchestration?.calls ?? []).filter((r) => r.name !== 'notify-team'),
      consumes: [...(orchestration?.consumes ?? []), ref('user-onboarded/v1'), ref('notify-team/v1')],
    });

    const problems = manifestProblems(without);

    expect(problems).toContainEqual(expect.stringMatching(/#OnboardingStateMachine.*\.PublishUserOnboarded publishes user-onboarded\/v1, which apps\/orchestration\/contracts.json does not list under "publishes"$/));
    expect(problems).toContainEqual(expect.stringMatching(/\.NotifyTeam calls the step NotifyTeam, but apps\/orchestration\/contracts.json lists no version of notify-team under "calls"$/));
  });

  it('names a step whose function the app publishes but does not declare implementing', () => {
    const problems = manifestProblems(withManifest('email-service', { consumes: [ref('send-welcome-email/v1')] }));

    expect(problems).toContainEqual(expect.stringMatching(/^email-service\/cdk.out\/OnboardingEmailService.template.json#\w+ implements the step SendWelcomeEmail, but apps\/email-service\/contracts.json lists no version of send-welcome-email under "implements"$/));
  });

  it('names an app that imports contracts but has no manifest, unless it is a whole-system project', () => {
    const problems = manifestProblems({ ...real, manifests: manifests.filter((m) => m.app !== 'notifier') });

    expect(problems).toEqual(['apps/notifier imports contracts (notify-team/v1) but has no contracts.json: declare what it publishes, consumes, calls or implements']);
    expect(manifestProblems({ ...real, manifests: manifests.filter((m) => m.app !== 'notifier'), systemProjects: [...systemProjects, 'notifier'] })).toEqual([]);
  });
});
