/**
 * Where a contract version lives and what it is called, in one place: the folder
 * `libs/contracts/<name>/v<N>`, the package `@onboarding/contract-<name>-v<N>`, the Nx project
 * `contract-<name>-v<N>`, and the reference `<name>/v<N>` that the apps' `contracts.json` use. The
 * Nx plugin, the workspace checks and (later) the generators all derive names from here.
 */

/** The folder every contract version lives under, relative to the workspace root. */
export const CONTRACTS_ROOT = 'libs/contracts';

/** A contract version: `name` is the kebab-case contract name, `version` the number as a string. */
export interface ContractRef {
  readonly name: string;
  readonly version: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const VERSION = /^[1-9][0-9]*$/;

/** Parses `user-signup/v1`; undefined when it is not of that shape. */
export function parseContractRef(text: string): ContractRef | undefined {
  const match = /^([^/]+)\/v([^/]+)$/.exec(text);
  if (!match?.[1] || !match[2] || !NAME.test(match[1]) || !VERSION.test(match[2])) return undefined;
  return { name: match[1], version: match[2] };
}

/** `user-signup/v1`. */
export function formatContractRef(ref: ContractRef): string {
  return `${ref.name}/v${ref.version}`;
}

/** `libs/contracts/user-signup/v1`. */
export function contractFolder(ref: ContractRef): string {
  return `${CONTRACTS_ROOT}/${ref.name}/v${ref.version}`;
}

/** The contract version a folder (relative to the root, `/` separated) holds; undefined for any other folder. */
export function contractRefOfFolder(folder: string): ContractRef | undefined {
  const prefix = `${CONTRACTS_ROOT}/`;
  return folder.startsWith(prefix) ? parseContractRef(folder.slice(prefix.length)) : undefined;
}

/** `@onboarding/contract-user-signup-v1`. */
export function contractPackageName(ref: ContractRef): string {
  return `@onboarding/contract-${ref.name}-v${ref.version}`;
}

/** `contract-user-signup-v1`. */
export function contractProjectName(ref: ContractRef): string {
  return `contract-${ref.name}-v${ref.version}`;
}

/** The contract version a package name stands for (`@onboarding/contract-user-signup-v1`); undefined for other packages. */
export function contractRefOfPackage(packageName: string): ContractRef | undefined {
  const match = /^@onboarding\/contract-(.+)-v([1-9][0-9]*)$/.exec(packageName);
  return match?.[1] && match[2] && NAME.test(match[1]) ? { name: match[1], version: match[2] } : undefined;
}

/** The folder name of a contract: `UserSignup` and `SendWelcomeEmail` become `user-signup` and `send-welcome-email`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
