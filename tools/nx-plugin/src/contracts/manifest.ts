/**
 * `contracts.json`: what an app declares about the contracts it uses, next to its package.json.
 * A plain file on purpose: people read it in review, generators write it for new services, and
 * the Nx plugin turns it into edges of the project graph without running any TypeScript.
 *
 *     {
 *       "publishes": ["user-signup/v2"],        events it puts on the bus
 *       "consumes": ["user-signup/v1"],         events it reads (rules, handlers)
 *       "calls": ["send-welcome-email/v1"],     steps whose payload it sends (the state machine)
 *       "implements": ["create-user/v1"]        steps it serves (a step's function)
 *     }
 *
 * Every key is optional; every entry is a `<name>/v<N>` reference to a folder under libs/contracts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatContractRef, parseContractRef, type ContractRef } from './layout.ts';

/** The file name of a manifest, in the app's root folder. */
export const MANIFEST_FILE = 'contracts.json';

/** The four ways an app uses a contract version. */
export const MANIFEST_ROLES = ['publishes', 'consumes', 'calls', 'implements'] as const;
export type ManifestRole = (typeof MANIFEST_ROLES)[number];

/** A manifest, each role listing contract versions. */
export type ContractsManifest = Record<ManifestRole, ContractRef[]>;

/** An app's manifest and where it was read from. */
export interface AppManifest {
  /** The app's folder name under `apps/` (its Nx project name). */
  readonly app: string;
  /** The manifest file, relative to the workspace root. */
  readonly file: string;
  readonly manifest: ContractsManifest;
}

/** A manifest that is not valid JSON or not of the documented shape. The message names the file and the key. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/**
 * Parses the text of a manifest.
 * @throws ManifestError naming `file` and the offending key or entry
 */
export function parseManifest(text: string, file: string): ContractsManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ManifestError(`${file} is not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ManifestError(`${file} must hold a JSON object`);
  const manifest: ContractsManifest = { publishes: [], consumes: [], calls: [], implements: [] };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema' || key === '$comment') continue;
    if (!(MANIFEST_ROLES as readonly string[]).includes(key)) throw new ManifestError(`${file}: unknown key "${key}" (known: ${MANIFEST_ROLES.join(', ')})`);
    if (!Array.isArray(value)) throw new ManifestError(`${file}: "${key}" must be a list of contract versions such as "user-signup/v1"`);
    const refs = value.map((entry) => {
      const ref = typeof entry === 'string' ? parseContractRef(entry) : undefined;
      if (!ref) throw new ManifestError(`${file}: "${key}" lists ${JSON.stringify(entry)}, which is not a contract version such as "user-signup/v1"`);
      return ref;
    });
    const seen = new Set<string>();
    for (const ref of refs) {
      const text = formatContractRef(ref);
      if (seen.has(text)) throw new ManifestError(`${file}: "${key}" lists ${text} twice`);
      seen.add(text);
    }
    manifest[key as ManifestRole] = refs;
  }
  return manifest;
}

/** Every app's manifest (`apps/<app>/contracts.json`); apps without one are left out. */
export function readWorkspaceManifests(root: string): AppManifest[] {
  const appsDir = join(root, 'apps');
  if (!existsSync(appsDir)) return [];
  return readdirSync(appsDir)
    .sort()
    .filter((app) => existsSync(join(appsDir, app, MANIFEST_FILE)))
    .map((app) => {
      const file = `apps/${app}/${MANIFEST_FILE}`;
      return { app, file, manifest: parseManifest(readFileSync(join(root, file), 'utf8'), file) };
    });
}

/** The apps that produce and consume a contract version, by role. */
export interface ContractUsers {
  /** Apps that publish the event, or call the step (send its payload). */
  readonly producers: string[];
  /** Apps that consume the event, or implement the step (receive its payload). */
  readonly consumers: string[];
}

/** Who uses a contract version, according to the manifests. */
export function usersOf(ref: ContractRef, manifests: readonly AppManifest[]): ContractUsers {
  const key = formatContractRef(ref);
  const having = (roles: ManifestRole[]) =>
    manifests.filter(({ manifest }) => roles.some((role) => manifest[role].some((entry) => formatContractRef(entry) === key))).map(({ app }) => app);
  return { producers: having(['publishes', 'calls']), consumers: having(['consumes', 'implements']) };
}
