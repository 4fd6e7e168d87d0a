/**
 * Finds and loads every contract version of a workspace (`libs/contracts/<name>/v<N>`), and says
 * what is wrong with the ones that do not follow the layout, each problem naming its file:
 *
 *   package.json        `@onboarding/contract-<name>-v<N>`, Nx project `contract-<name>-v<N>`
 *   src/index.ts        exports exactly one contract, of that name and version, exportable to JSON Schema,
 *                       with open objects (readers ignore unknown fields)
 *   schema.json         the committed JSON Schema snapshot
 *   examples/*.json     at least one example, read and written unchanged by the contract
 */
import { parseDetail, parseStepInput, parseStepOutput, toJsonSchema, writeDetail, writeStepInput, writeStepOutput, isContract, type Contract } from '@onboarding/events';
import { CONTRACTS_ROOT, contractPackageName, contractProjectName, contractRefOfFolder, formatContractRef, kebabCase, type ContractRef } from '@onboarding/tools';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The file name of a contract's committed JSON Schema snapshot. */
export const SNAPSHOT_FILE = 'schema.json';

/** One example file of a contract, as parsed JSON. */
export interface ContractExample {
  /** Relative to the workspace root. */
  file: string;
  value: unknown;
}

/** A contract folder, loaded as far as its layout allows. */
export interface LoadedContract {
  /** `libs/contracts/<name>/v<N>`, relative to the workspace root. */
  folder: string;
  /** The reference its folder stands for; undefined when the folder is not named `<name>/v<N>`. */
  ref?: ContractRef;
  /** The contract its module exports, when it exports exactly one. */
  contract?: Contract;
  /** Its current JSON Schema, when the contract could be exported. */
  schema?: Record<string, unknown>;
  /** `<folder>/schema.json`. */
  snapshotFile: string;
  /** The snapshot's text, when there is one. */
  snapshotText?: string;
  examples: ContractExample[];
  /** What does not follow the layout, one sentence each, naming the file. */
  problems: string[];
  /** Examples the contract refuses, one sentence each, naming the file. */
  exampleProblems: string[];
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** Every folder two levels under `libs/contracts`, sorted, relative to the root. */
export function contractFolders(root: string): string[] {
  const base = join(root, CONTRACTS_ROOT);
  if (!isDirectory(base)) return [];
  return readdirSync(base)
    .filter((name) => isDirectory(join(base, name)))
    .flatMap((name) => readdirSync(join(base, name)).filter((version) => isDirectory(join(base, name, version))).map((version) => `${CONTRACTS_ROOT}/${name}/${version}`))
    .sort();
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Where a schema closes an object (`additionalProperties: false`), as JSON Pointers. */
function closedObjects(schema: unknown, pointer = '#'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema)) return schema.flatMap((item, index) => closedObjects(item, `${pointer}/${index}`));
  return Object.entries(schema).flatMap(([key, value]) => (key === 'additionalProperties' && value === false ? [pointer] : closedObjects(value, `${pointer}/${key}`)));
}

function problemOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** Checks one example file against the contract, reading it as a consumer and writing it as a producer. */
function exampleProblems(contract: Contract, example: ContractExample): string[] {
  const value = example.value as Record<string, unknown>;
  try {
    if (contract.kind === 'event') {
      parseDetail(contract, value);
      writeDetail(contract, value as never);
      return [];
    }
    if (typeof value !== 'object' || value === null || !('input' in value) || !('output' in value)) {
      return [`${example.file}: a step example holds { "input": ..., "output": ... }`];
    }
    parseStepInput(contract, value['input']);
    writeStepInput(contract, value['input'] as never);
    parseStepOutput(contract, value['output']);
    writeStepOutput(contract, value['output'] as never);
    return [];
  } catch (error) {
    return [`${example.file}: not a valid example of ${contract.name} v${contract.version}: ${problemOf(error)}`];
  }
}

/** The contracts a module exports (values declared with defineEventContract or defineStepContract). */
function exportedContracts(moduleExports: unknown): Contract[] {
  if (typeof moduleExports !== 'object' || moduleExports === null) return [];
  return [...new Set(Object.values(moduleExports).filter(isContract))];
}

/** Loads the contract folder `folder` (relative to `root`). Never throws: what is wrong is in `problems`. */
export function loadContract(root: string, folder: string): LoadedContract {
  const dir = join(root, folder);
  const ref = contractRefOfFolder(folder);
  const loaded: LoadedContract = { folder, snapshotFile: `${folder}/${SNAPSHOT_FILE}`, examples: [], problems: [], exampleProblems: [], ...(ref ? { ref } : {}) };
  const problem = (text: string) => loaded.problems.push(text);
  if (!ref) {
    problem(`${folder}: not a contract folder; a contract version lives in ${CONTRACTS_ROOT}/<kebab-case-name>/v<N> (e.g. ${CONTRACTS_ROOT}/user-signup/v1)`);
    return loaded;
  }

  const packageFile = `${folder}/package.json`;
  if (!existsSync(join(root, packageFile))) {
    problem(`${packageFile} is missing; it names the package ${contractPackageName(ref)}`);
  } else {
    const pkg = readJson(join(root, packageFile)) as { name?: unknown; nx?: { name?: unknown } };
    if (pkg.name !== contractPackageName(ref)) problem(`${packageFile} names the package ${String(pkg.name)}; in this folder it must be ${contractPackageName(ref)}`);
    if (pkg.nx?.name !== contractProjectName(ref)) problem(`${packageFile} names the Nx project ${String(pkg.nx?.name)}; in this folder it must be ${contractProjectName(ref)}`);
  }

  const moduleFile = `${folder}/src/index.ts`;
  if (!existsSync(join(root, moduleFile))) {
    problem(`${moduleFile} is missing; it exports the contract (defineEventContract or defineStepContract)`);
  } else {
    let moduleExports: unknown;
    try {
      moduleExports = require(join(root, moduleFile));
    } catch (error) {
      problem(`${moduleFile} cannot be loaded: ${problemOf(error)}`);
    }
    const contracts = exportedContracts(moduleExports);
    if (moduleExports !== undefined && contracts.length !== 1) {
      problem(
        contracts.length === 0
          ? `${moduleFile} exports no contract; export the one defineEventContract or defineStepContract declares`
          : `${moduleFile} exports ${contracts.length} contracts (${contracts.map((c) => `${c.name} v${c.version}`).join(', ')}); a contract project holds one version of one contract`,
      );
    }
    const [contract] = contracts;
    if (contract && contracts.length === 1) {
      loaded.contract = contract;
      if (contract.version !== ref.version) {
        problem(`${moduleFile} declares ${contract.name} version ${contract.version}, but its folder is v${ref.version}: version ${contract.version} lives in ${CONTRACTS_ROOT}/${ref.name}/v${contract.version}`);
      }
      if (kebabCase(contract.name) !== ref.name) {
        problem(`${moduleFile} declares ${contract.name}, whose folder is ${CONTRACTS_ROOT}/${kebabCase(contract.name)}, not ${CONTRACTS_ROOT}/${ref.name}`);
      }
      try {
        loaded.schema = toJsonSchema(contract);
      } catch (error) {
        problem(`${moduleFile}: the schema of ${contract.name} v${contract.version} cannot be exported to JSON Schema: ${problemOf(error)}`);
      }
      if (loaded.schema) {
        const versionField = (loaded.schema['properties'] as Record<string, { const?: unknown }> | undefined)?.['version'];
        if (contract.kind === 'event' && versionField?.const !== contract.version) {
          problem(`${moduleFile}: the detail of ${contract.name} v${contract.version} must carry version: z.literal('${contract.version}')`);
        }
        for (const pointer of closedObjects(loaded.schema)) {
          problem(`${moduleFile}: ${contract.name} v${contract.version} refuses unknown fields at ${pointer}; readers must ignore them, so use z.object, not z.strictObject`);
        }
      }
    }
  }

  if (existsSync(join(root, loaded.snapshotFile))) {
    loaded.snapshotText = readFileSync(join(root, loaded.snapshotFile), 'utf8');
  } else {
    problem(`${loaded.snapshotFile} is missing: every contract version has a committed JSON Schema snapshot; write the first one with npm run contracts:snapshot -- ${formatContractRef(ref)}`);
  }

  const examplesDir = join(dir, 'examples');
  const exampleFiles = isDirectory(examplesDir) ? readdirSync(examplesDir).filter((name) => name.endsWith('.json')).sort() : [];
  if (exampleFiles.length === 0) problem(`${folder}/examples/ holds no example; add at least one <name>.json`);
  for (const name of exampleFiles) {
    const file = `${folder}/examples/${name}`;
    try {
      loaded.examples.push({ file, value: readJson(join(root, file)) });
    } catch (error) {
      problem(`${file} is not valid JSON: ${problemOf(error)}`);
    }
  }
  if (loaded.contract) for (const example of loaded.examples) loaded.exampleProblems.push(...exampleProblems(loaded.contract, example));
  return loaded;
}

/** Every contract version of the workspace at `root`, loaded. */
export function loadContracts(root: string): LoadedContract[] {
  return contractFolders(root).map((folder) => loadContract(root, folder));
}
