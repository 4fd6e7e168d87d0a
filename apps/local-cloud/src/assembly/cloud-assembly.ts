/**
 * Reads one cloud assembly (`cdk.out`): the manifest, every stack template, the construct path of
 * each logical id (for readable local names) and where each file asset was staged (the Lambda
 * bundles). Nested assemblies (CDK stages) are read too.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { MissingAssemblyError } from './errors';

/** A CloudFormation template as JSON. */
export interface CfnTemplate {
  Parameters?: Record<string, { Type: string; Default?: unknown; Description?: string }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown }; Condition?: string }>;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

/** One stack of an assembly, with what is needed to resolve it. */
export interface StackTemplate {
  /** The app (cloud assembly) this stack belongs to, e.g. `user-service`. */
  app: string;
  stackName: string;
  /** Absolute path of the assembly directory the stack was read from. */
  assemblyDir: string;
  template: CfnTemplate;
  /** Logical id → construct path (`Stack/Table/Resource`), from the metadata. */
  constructPaths: Map<string, string>;
  /** Asset hash → absolute path of the staged asset (directory or file). */
  assets: Map<string, string>;
}

interface ManifestArtifact {
  type: string;
  properties?: Record<string, unknown>;
  metadata?: Record<string, { type: string; data?: unknown }[]>;
  additionalMetadataFile?: string;
  displayName?: string;
}

interface Manifest {
  version?: string;
  artifacts?: Record<string, ManifestArtifact>;
}

async function readJson<T>(file: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new MissingAssemblyError(`Cannot read ${what} at ${file}`, { cause });
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new MissingAssemblyError(`${what} at ${file} is not valid JSON`, { cause });
  }
}

function logicalIdPaths(metadata: Record<string, { type: string; data?: unknown }[]> | undefined, into: Map<string, string>): void {
  for (const [path, entries] of Object.entries(metadata ?? {})) {
    for (const entry of entries) {
      if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') into.set(entry.data, path.replace(/^\//, ''));
    }
  }
}

async function readAssets(assemblyDir: string, file: string, into: Map<string, string>): Promise<void> {
  const manifest = await readJson<{ files?: Record<string, { source?: { path?: string } }> }>(join(assemblyDir, file), 'asset manifest');
  for (const [hash, asset] of Object.entries(manifest.files ?? {})) {
    const path = asset.source?.path;
    if (path) into.set(hash, isAbsolute(path) ? path : join(assemblyDir, path));
  }
}

/**
 * Reads every stack of the cloud assembly in `assemblyDir` (and of its nested assemblies).
 * @param app the name the local cloud gives this assembly (the app folder name)
 * @throws MissingAssemblyError when the manifest or a template cannot be read
 */
export async function readCloudAssembly(assemblyDir: string, app: string): Promise<StackTemplate[]> {
  const dir = resolve(assemblyDir);
  const manifest = await readJson<Manifest>(join(dir, 'manifest.json'), `cloud assembly manifest of ${app}`);
  const artifacts = Object.entries(manifest.artifacts ?? {});

  const assets = new Map<string, string>();
  for (const [, artifact] of artifacts) {
    if (artifact.type === 'cdk:asset-manifest' && typeof artifact.properties?.file === 'string') {
      await readAssets(dir, artifact.properties.file, assets);
    }
  }

  const stacks: StackTemplate[] = [];
  for (const [artifactId, artifact] of artifacts) {
    if (artifact.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
      stacks.push(...(await readCloudAssembly(join(dir, artifact.properties.directoryName), app)));
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile = artifact.properties?.templateFile;
    if (typeof templateFile !== 'string') throw new MissingAssemblyError(`Stack ${artifactId} of ${app} has no templateFile in its manifest`);
    const template = await readJson<CfnTemplate>(join(dir, templateFile), `template of stack ${artifactId} (${app})`);
    const constructPaths = new Map<string, string>();
    logicalIdPaths(artifact.metadata, constructPaths);
    if (artifact.additionalMetadataFile) {
      logicalIdPaths(await readJson(join(dir, artifact.additionalMetadataFile), `metadata of stack ${artifactId}`), constructPaths);
    }
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const path = resource.Metadata?.['aws:cdk:path'];
      if (typeof path === 'string' && !constructPaths.has(logicalId)) constructPaths.set(logicalId, path);
    }
    const stackName = typeof artifact.properties?.stackName === 'string' ? artifact.properties.stackName : artifactId;
    stacks.push({ app, stackName, assemblyDir: dir, template, constructPaths, assets });
  }
  return stacks;
}
