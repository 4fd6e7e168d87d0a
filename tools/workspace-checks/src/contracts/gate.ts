/**
 * The compatibility gate (`npm run check:contracts`): every contract version's current JSON Schema
 * is compared with its committed snapshot, and every difference is classified (compatibility.ts).
 *
 * - A breaking difference fails, with what to do instead: a new version beside this one.
 * - A compatible difference fails too until it is accepted into the snapshot, with the command that
 *   accepts it, so that every change to a contract is reviewed as a change to its snapshot.
 * - A contract that does not follow the layout fails, naming the file (load-contracts.ts).
 *
 * `snapshotContracts` is that command: it writes the snapshots of new contracts and of compatible
 * changes, and refuses to write a breaking one.
 */
import { jsonSchemaText } from '@onboarding/events';
import { CONTRACTS_ROOT, contractPackageName, formatContractRef, readWorkspaceManifests, usersOf, type AppManifest, type ContractRef } from '@onboarding/tools';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareSchemas, type SchemaChange } from './compatibility';
import { loadContracts, type LoadedContract } from './load-contracts';

/** The command that accepts compatible changes into the snapshot of `ref` (all snapshots without one). */
export function snapshotCommand(ref?: ContractRef): string {
  return `npm run contracts:snapshot -- ${ref ? formatContractRef(ref) : '--all'}`;
}

/** What the gate found about one contract version. */
export interface ContractVerdict {
  loaded: LoadedContract;
  /**
   * `ok`: matches its snapshot and its examples are valid; `compatible`: differs compatibly, snapshot
   * not yet updated; `breaking`: differs in a way no version may; `invalid`: does not follow the layout.
   */
  status: 'ok' | 'compatible' | 'breaking' | 'invalid';
  changes: SchemaChange[];
}

/** The gate's result: a verdict per contract, and the report to print. */
export interface GateResult {
  ok: boolean;
  verdicts: ContractVerdict[];
  report: string;
}

function verdictOf(loaded: LoadedContract): ContractVerdict {
  if (loaded.problems.length > 0 || !loaded.schema || loaded.snapshotText === undefined) return { loaded, status: 'invalid', changes: [] };
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(loaded.snapshotText);
  } catch (error) {
    loaded.problems.push(`${loaded.snapshotFile} is not valid JSON (${(error as Error).message}); restore it from git`);
    return { loaded, status: 'invalid', changes: [] };
  }
  const changes = compareSchemas(snapshot, loaded.schema);
  if (changes.some((c) => c.verdict === 'breaking')) return { loaded, status: 'breaking', changes };
  if (changes.length > 0 || loaded.contract === undefined || loaded.snapshotText !== jsonSchemaText(loaded.contract)) return { loaded, status: 'compatible', changes };
  return { loaded, status: loaded.exampleProblems.length > 0 ? 'invalid' : 'ok', changes };
}

const show = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

function changeLine(change: SchemaChange, kind: 'event' | 'step' = 'event'): string {
  const values = change.before !== undefined && change.after !== undefined ? ` (${show(change.before)} -> ${show(change.after)})` : change.after !== undefined ? ` (${show(change.after)})` : change.before !== undefined ? ` (was ${show(change.before)})` : '';
  const why = kind === 'step' ? change.why.replace(/\bevents\b/g, 'payloads') : change.why;
  return `  - ${change.field} at ${change.pointer}: ${change.kind}${values}. ${change.verdict === 'breaking' ? 'Breaking' : 'Compatible'}: ${why}.`;
}

function usersLine(loaded: LoadedContract, manifests: readonly AppManifest[]): string {
  if (!loaded.ref) return '';
  const { producers, consumers } = usersOf(loaded.ref, manifests);
  const list = (apps: string[]) => (apps.length > 0 ? apps.join(', ') : 'none');
  return loaded.contract?.kind === 'step'
    ? `  Called by: ${list(producers)}. Implemented by: ${list(consumers)}.`
    : `  Published by: ${list(producers)}. Consumed by: ${list(consumers)}.`;
}

function nextVersion(ref: ContractRef, all: readonly LoadedContract[]): ContractRef {
  const highest = Math.max(...all.filter((c) => c.ref?.name === ref.name).map((c) => Number(c.ref?.version)));
  return { name: ref.name, version: String(highest + 1) };
}

function title(loaded: LoadedContract): string {
  const name = loaded.contract ? `${loaded.contract.name} v${loaded.contract.version}` : loaded.ref ? formatContractRef(loaded.ref) : loaded.folder;
  return loaded.ref ? `${name} (${loaded.folder}, ${contractPackageName(loaded.ref)})` : name;
}

function reportOf(verdict: ContractVerdict, all: readonly LoadedContract[], manifests: readonly AppManifest[]): string[] {
  const { loaded, status, changes } = verdict;
  if (status === 'ok') return [];
  const examples = loaded.exampleProblems.map((p) => `  - ${p}`);
  if (status === 'invalid') return [`✗ ${title(loaded)} does not follow the contract layout:`, ...loaded.problems.map((p) => `  - ${p}`), ...examples];
  const ref = loaded.ref as ContractRef;
  if (status === 'compatible') {
    return [
      `✗ ${title(loaded)} differs from its snapshot ${loaded.snapshotFile}, compatibly:`,
      ...(changes.length > 0 ? changes.map((c) => changeLine(c, loaded.contract?.kind)) : ['  - the snapshot is not written as the command writes it']),
      ...(examples.length > 0 ? ['  and its examples do not match the new schema:', ...examples] : []),
      usersLine(loaded, manifests),
      `  Accept the change into the snapshot (and commit it): ${snapshotCommand(ref)}`,
    ];
  }
  const next = nextVersion(ref, all);
  const breaking = changes.filter((c) => c.verdict === 'breaking');
  return [
    `✗ ${title(loaded)} has ${breaking.length === 1 ? 'a breaking change' : `${breaking.length} breaking changes`} against its snapshot ${loaded.snapshotFile}:`,
    ...breaking.map((c) => changeLine(c, loaded.contract?.kind)),
    ...changes.filter((c) => c.verdict === 'compatible').map((c) => changeLine(c, loaded.contract?.kind)),
    ...(examples.length > 0 ? ['  and its examples do not match the new schema:', ...examples] : []),
    usersLine(loaded, manifests),
    '  Within a version only changes compatible in both directions are allowed (FULL): producers and consumers deploy in any order.',
    `  Instead: leave v${ref.version} as it is and add the change as a new version, ${CONTRACTS_ROOT}/${next.name}/v${next.version} (${contractPackageName(next)}), beside it;`,
    `  consumers read both, then producers move to v${next.version}, then v${ref.version} is retired (${CONTRACTS_ROOT}/README.md, "Expand and contract").`,
  ];
}

/** Runs the gate over the workspace at `root`. */
export function checkContracts(root: string): GateResult {
  const all = loadContracts(root);
  let manifests: AppManifest[] = [];
  const manifestProblems: string[] = [];
  try {
    manifests = readWorkspaceManifests(root);
  } catch (error) {
    manifestProblems.push(`✗ ${(error as Error).message}`);
  }
  const verdicts = all.map(verdictOf);
  const failing = verdicts.filter((v) => v.status !== 'ok');
  const lines = [...manifestProblems, ...failing.flatMap((v) => [...reportOf(v, all, manifests).filter(Boolean), ''])];
  const ok = failing.length === 0 && manifestProblems.length === 0;
  const summary = ok
    ? `✓ ${verdicts.length} contract versions match their snapshots.`
    : `${failing.length} of ${verdicts.length} contract versions fail the compatibility gate (rules: ${CONTRACTS_ROOT}/README.md).`;
  return { ok, verdicts, report: [...lines, summary].join('\n') };
}

/** What {@link snapshotContracts} did. */
export interface SnapshotResult {
  written: string[];
  refused: string[];
  report: string;
}

/**
 * Writes the snapshot of each selected contract version whose current schema is new or differs
 * only compatibly from its snapshot; refuses (and writes nothing for) one with a breaking change or
 * a layout problem other than a missing snapshot.
 * @param only contract references (`user-signup/v1`); all contracts when empty
 */
export function snapshotContracts(root: string, only: readonly string[] = []): SnapshotResult {
  const all = loadContracts(root);
  const selected = only.length === 0 ? all : all.filter((c) => c.ref && only.includes(formatContractRef(c.ref)));
  const unknown = only.filter((text) => !all.some((c) => c.ref && formatContractRef(c.ref) === text));
  const manifests = (() => {
    try {
      return readWorkspaceManifests(root);
    } catch {
      return [];
    }
  })();
  const written: string[] = [];
  const refused: string[] = [];
  const lines: string[] = unknown.map((text) => `✗ ${text}: no contract version ${CONTRACTS_ROOT}/${text}`);
  for (const loaded of selected) {
    const missingOnly = loaded.snapshotText === undefined && loaded.problems.length === 1;
    if (missingOnly && loaded.contract) {
      writeFileSync(join(root, loaded.snapshotFile), jsonSchemaText(loaded.contract));
      written.push(loaded.snapshotFile);
      lines.push(`✓ wrote the first snapshot ${loaded.snapshotFile}`);
      continue;
    }
    const verdict = verdictOf(loaded);
    if (verdict.status === 'ok') continue;
    if (verdict.status === 'compatible' && loaded.contract && loaded.exampleProblems.length === 0) {
      writeFileSync(join(root, loaded.snapshotFile), jsonSchemaText(loaded.contract));
      written.push(loaded.snapshotFile);
      lines.push(`✓ updated ${loaded.snapshotFile}:`, ...verdict.changes.map((c) => changeLine(c, loaded.contract?.kind)));
      continue;
    }
    refused.push(loaded.folder);
    lines.push(...reportOf(verdict, all, manifests).filter(Boolean), '  The snapshot was not written.');
  }
  if (written.length === 0 && refused.length === 0 && unknown.length === 0) lines.push('✓ every selected snapshot is up to date.');
  return { written, refused: [...refused, ...unknown], report: lines.join('\n') };
}
