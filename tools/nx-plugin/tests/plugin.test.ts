/**
 * The Nx plugin on a made-up workspace: which folders become contract projects, with what
 * configuration, and which edges the manifests and the whole-system projects add.
 */
import type { CreateDependenciesContext, ProjectConfiguration } from '@nx/devkit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { contractProject, createDependencies, createNodes } from '../src/plugin/index.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nx-plugin-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

function context(projects: Record<string, string>): CreateDependenciesContext {
  return {
    projects: Object.fromEntries(Object.entries(projects).map(([name, projectRoot]) => [name, { root: projectRoot } as ProjectConfiguration])),
    workspaceRoot: root,
    nxJsonConfiguration: {},
    externalNodes: {},
    fileMap: { projectFileMap: {}, nonProjectFiles: [] },
    filesToProcess: { projectFileMap: {}, nonProjectFiles: [] },
  };
}

const projects = {
  'signup-api': 'apps/signup-api',
  orchestration: 'apps/orchestration',
  'local-cloud': 'apps/local-cloud',
  'contract-user-signup-v1': 'libs/contracts/user-signup/v1',
  'contract-user-signup-v2': 'libs/contracts/user-signup/v2',
  'contract-send-welcome-email-v1': 'libs/contracts/send-welcome-email/v1',
  events: 'libs/events',
};

describe('createNodes', () => {
  it('looks at the package.json of every folder two levels under libs/contracts', () => {
    expect(createNodes[0]).toBe('libs/contracts/*/*/package.json');
  });

  it('makes a contract project of libs/contracts/<name>/v<N>, named, tagged and with the usual targets', async () => {
    const results = await createNodes[1](['libs/contracts/user-signup/v2/package.json'], {}, { nxJsonConfiguration: {}, workspaceRoot: root });

    expect(results).toEqual([
      [
        'libs/contracts/user-signup/v2/package.json',
        {
          projects: {
            'libs/contracts/user-signup/v2': {
              name: 'contract-user-signup-v2',
              tags: ['scope:shared', 'type:contract', 'contract:user-signup'],
              targets: { lint: {}, typecheck: {}, test: {} },
            },
          },
        },
      ],
    ]);
  });

  it('makes nothing of a folder that is not named <name>/v<N>', () => {
    expect(contractProject('libs/contracts/user-signup/latest')).toEqual({});
    expect(contractProject('libs/contracts/UserSignup/v1')).toEqual({});
  });
});

describe('createDependencies', () => {
  it('adds an edge from an app to each contract version its contracts.json declares, with the manifest as the source file', async () => {
    write('apps/signup-api/contracts.json', JSON.stringify({ publishes: ['user-signup/v2'] }));
    write('apps/orchestration/contracts.json', JSON.stringify({ consumes: ['user-signup/v1', 'user-signup/v2'], calls: ['send-welcome-email/v1'] }));

    const edges = await createDependencies({}, context(projects));

    expect(edges).toEqual([
      { source: 'orchestration', target: 'contract-user-signup-v1', type: 'static', sourceFile: 'apps/orchestration/contracts.json' },
      { source: 'orchestration', target: 'contract-user-signup-v2', type: 'static', sourceFile: 'apps/orchestration/contracts.json' },
      { source: 'orchestration', target: 'contract-send-welcome-email-v1', type: 'static', sourceFile: 'apps/orchestration/contracts.json' },
      { source: 'signup-api', target: 'contract-user-signup-v2', type: 'static', sourceFile: 'apps/signup-api/contracts.json' },
    ]);
  });

  it('adds an edge from each whole-system project to every contract version, and none to other libraries', async () => {
    const edges = await createDependencies({ systemProjects: ['local-cloud'] }, context(projects));

    expect(edges.map((e) => `${e.source}->${e.target}:${e.type}`).sort()).toEqual([
      'local-cloud->contract-send-welcome-email-v1:implicit',
      'local-cloud->contract-user-signup-v1:implicit',
      'local-cloud->contract-user-signup-v2:implicit',
    ]);
  });

  it('refuses a manifest that names a contract version which is not a project, naming the file, the key and the version', async () => {
    write('apps/signup-api/contracts.json', JSON.stringify({ publishes: ['user-signup/v9'] }));

    await expect(async () => createDependencies({}, context(projects))).rejects.toThrow(
      'apps/signup-api/contracts.json: "publishes" lists user-signup/v9, but libs/contracts/user-signup/v9 is not a contract project',
    );
  });

  it('refuses a whole-system project that does not exist', async () => {
    await expect(async () => createDependencies({ systemProjects: ['e2e'] }, context(projects))).rejects.toThrow('"e2e" in systemProjects, but there is no such project');
  });
});
