/**
 * The workspace's Nx plugin (registered in nx.json as `@onboarding/tools/plugin`).
 *
 * - `createNodes`: every `libs/contracts/<name>/v<N>/package.json` is a contract project. The plugin
 *   gives it its tags (`scope:shared`, `type:contract`, `contract:<name>`) and its lint, typecheck
 *   and test targets, so a new contract version is a folder, not a configuration.
 * - `createDependencies`: an edge from each app to every contract version its `contracts.json`
 *   declares (published, consumed, called or implemented), whether or not its code imports it, and
 *   from each whole-system project (`systemProjects`: the local cloud, the workspace checks, the cost model) to every
 *   contract. So a change to one contract version affects exactly that contract, its producers, its
 *   consumers and the whole-system tests.
 */
import type { CreateDependencies, CreateNodes, CreateNodesResult, DependencyType, RawProjectGraphDependency } from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contractFolder, contractProjectName, contractRefOfFolder, formatContractRef } from '../contracts/layout.ts';
import { MANIFEST_FILE, MANIFEST_ROLES, ManifestError, parseManifest } from '../contracts/manifest.ts';

/** Options of the plugin, from its entry in nx.json. */
export interface OnboardingPluginOptions {
  /** Projects that test the whole system and so depend on every contract version. @default [] */
  systemProjects?: string[];
}

/** The Nx configuration of one contract project, inferred from where it lives. */
export function contractProject(root: string): CreateNodesResult['projects'] {
  const ref = contractRefOfFolder(root);
  if (!ref) return {};
  return {
    [root]: {
      name: contractProjectName(ref),
      tags: ['scope:shared', 'type:contract', `contract:${ref.name}`],
      // The commands come from nx.json's targetDefaults, like every other project's.
      targets: { lint: {}, typecheck: {}, test: {} },
    },
  };
}

export const createNodes: CreateNodes<OnboardingPluginOptions> = [
  'libs/contracts/*/*/package.json',
  (files) => files.map((file) => [file, { projects: contractProject(dirname(file)) }] as const),
];

const staticType = 'static' as DependencyType.static;
const implicitType = 'implicit' as DependencyType.implicit;

/**
 * The producer, consumer and whole-system edges.
 * @throws ManifestError when a manifest names a contract version that is not a contract project
 */
export const createDependencies: CreateDependencies<OnboardingPluginOptions> = (options, context) => {
  const projectByRoot = new Map(Object.entries(context.projects).map(([name, project]) => [project.root, name]));
  const edges = new Map<string, RawProjectGraphDependency>();
  const add = (edge: RawProjectGraphDependency) => edges.set(`${edge.source}->${edge.target}`, edges.get(`${edge.source}->${edge.target}`) ?? edge);

  for (const [source, project] of Object.entries(context.projects).sort(([a], [b]) => a.localeCompare(b))) {
    const file = project.root === '.' ? MANIFEST_FILE : `${project.root}/${MANIFEST_FILE}`;
    const path = join(context.workspaceRoot, file);
    if (!existsSync(path)) continue;
    const manifest = parseManifest(readFileSync(path, 'utf8'), file);
    for (const role of MANIFEST_ROLES) {
      for (const ref of manifest[role]) {
        const target = projectByRoot.get(contractFolder(ref));
        if (!target) throw new ManifestError(`${file}: "${role}" lists ${formatContractRef(ref)}, but ${contractFolder(ref)} is not a contract project`);
        add({ source, target, type: staticType, sourceFile: file });
      }
    }
  }

  const contracts = Object.entries(context.projects)
    .filter(([, project]) => contractRefOfFolder(project.root) !== undefined)
    .map(([name]) => name)
    .sort();
  for (const source of options?.systemProjects ?? []) {
    if (!context.projects[source]) throw new Error(`nx.json: the @onboarding/tools plugin lists "${source}" in systemProjects, but there is no such project`);
    for (const target of contracts) add({ source, target, type: implicitType });
  }
  return [...edges.values()];
};
