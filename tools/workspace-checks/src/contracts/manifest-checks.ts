/**
 * Each app's `contracts.json` must say what the app really does with contracts, because the project
 * graph (and so `nx affected`) is built from it. It is checked against three things:
 *
 * - the app's imports: every contract package it imports is declared, every declared one imported;
 * - its deployed rules: each contract version a rule matches an example of is under `consumes`;
 * - its deployed state machines and step functions: each event a definition publishes (source,
 *   detail-type, version) is under `publishes`, each step it invokes under `calls`, and each step
 *   whose function ARN the app publishes (`/onboarding/<app>/functions/<Step>/arn`) under `implements`.
 *
 * Whole-system projects (nx.json's `systemProjects`) may import contracts without a manifest.
 */
import { contractRefOfPackage, formatContractRef, kebabCase, type AppManifest, type ContractRef, type ManifestRole } from '@onboarding/tools';
import type { DeployedStack } from '../cloud-assemblies';
import { consumedContracts, type ContractWithExamples } from '../rule-problems';
import { allStates, definitionWithPlaceholders } from '../state-machine-invokes';
import { isObject, resourcesOf } from '../template-values';
import { importsOf, type SourceFile } from '../test-only-code';

/** What the manifest check reads. */
export interface ManifestCheckInput {
  /** The apps (folders under `apps/` with a package.json). */
  apps: readonly string[];
  manifests: readonly AppManifest[];
  /** Every source file of the workspace (`apps/<app>/...` paths). */
  sources: readonly SourceFile[];
  stacks: readonly DeployedStack[];
  eventContracts: readonly ContractWithExamples[];
  /** Projects that may use contracts without declaring them. */
  systemProjects: readonly string[];
}

const ROLE_WORDS: Record<ManifestRole, string> = { publishes: 'publishes', consumes: 'consumes', calls: 'calls', implements: 'implements' };

/** The contract versions an app's files import (`user-signup/v1`), with the package and the first place each is imported. */
function importedContracts(app: string, sources: readonly SourceFile[]): Map<string, { packageName: string; where: string }> {
  const imported = new Map<string, { packageName: string; where: string }>();
  for (const file of sources.filter((f) => f.path.startsWith(`apps/${app}/`))) {
    for (const { specifier, line } of importsOf(file.text)) {
      const packageName = specifier.split('/').slice(0, 2).join('/');
      const ref = contractRefOfPackage(packageName);
      if (ref && !imported.has(formatContractRef(ref))) imported.set(formatContractRef(ref), { packageName, where: `${file.path}:${line}` });
    }
  }
  return imported;
}

const declaredIn = (manifest: AppManifest, role: ManifestRole, ref: ContractRef) => manifest.manifest[role].some((entry) => formatContractRef(entry) === formatContractRef(ref));
const refOf = (name: string, version: string): ContractRef => ({ name: kebabCase(name), version });

/** What the app's templates show it publishes, consumes, calls and implements. */
function deployedUses(stacks: readonly DeployedStack[], eventContracts: readonly ContractWithExamples[]): { role: ManifestRole; ref?: ContractRef; step?: string; where: string }[] {
  const uses: { role: ManifestRole; ref?: ContractRef; step?: string; where: string }[] = [];
  for (const stack of stacks) {
    const template = stack.template;
    for (const [logicalId, rule] of resourcesOf(template, 'AWS::Events::Rule')) {
      const raw = rule.Properties?.['EventPattern'];
      if (!raw) continue;
      const pattern = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
      for (const contract of consumedContracts(pattern, eventContracts)) uses.push({ role: 'consumes', ref: refOf(contract.detailType, contract.version), where: `${stack.where}#${logicalId}` });
    }
    for (const [logicalId, machine] of resourcesOf(template, 'AWS::StepFunctions::StateMachine')) {
      const { json, tokens } = definitionWithPlaceholders(machine.Properties?.['DefinitionString']);
      for (const [stateName, state] of allStates(isObject(json) ? json['States'] : undefined)) {
        const parameters = isObject(state['Parameters']) ? state['Parameters'] : {};
        const where = `${stack.where}#${logicalId}.${stateName}`;
        if (typeof state['Resource'] === 'string' && state['Resource'].endsWith(':states:::events:putEvents')) {
          for (const entry of Array.isArray(parameters['Entries']) ? parameters['Entries'] : []) {
            const detail = isObject(entry) && isObject(entry['Detail']) ? entry['Detail'] : {};
            const contract = eventContracts.find((c) => isObject(entry) && c.contract.source === entry['Source'] && c.contract.detailType === entry['DetailType'] && c.contract.version === detail['version']);
            if (contract) uses.push({ role: 'publishes', ref: refOf(contract.contract.detailType, contract.contract.version), where });
            else uses.push({ role: 'publishes', where: `${where} (an event of no contract version: ${JSON.stringify([isObject(entry) ? entry['DetailType'] : undefined, detail['version']])})` });
          }
        }
        if (typeof state['Resource'] === 'string' && state['Resource'].includes(':states:::lambda:invoke') && typeof parameters['FunctionName'] === 'string') {
          const token = tokens[Number(/^@@token(\d+)@@$/.exec(parameters['FunctionName'])?.[1])];
          const parameterName = isObject(token) && typeof token['Ref'] === 'string' ? template.Parameters?.[token['Ref']]?.Default : undefined;
          const step = typeof parameterName === 'string' ? /\/functions\/([A-Za-z0-9]+)\/arn$/.exec(parameterName)?.[1] : undefined;
          if (step) uses.push({ role: 'calls', step, where });
        }
      }
    }
    for (const [logicalId, parameter] of resourcesOf(template, 'AWS::SSM::Parameter')) {
      const name = parameter.Properties?.['Name'];
      const step = typeof name === 'string' ? /^\/onboarding\/[^/]+\/functions\/([A-Za-z0-9]+)\/arn$/.exec(name)?.[1] : undefined;
      if (step) uses.push({ role: 'implements', step, where: `${stack.where}#${logicalId}` });
    }
  }
  return uses;
}

/** Every way an app's manifest disagrees with its imports and templates, one sentence each. */
export function manifestProblems(input: ManifestCheckInput): string[] {
  const problems: string[] = [];
  for (const app of input.apps) {
    const manifest = input.manifests.find((m) => m.app === app);
    const imported = importedContracts(app, input.sources);
    const system = input.systemProjects.includes(app);
    if (!manifest) {
      if (!system && imported.size > 0) {
        problems.push(`apps/${app} imports contracts (${[...imported.keys()].join(', ')}) but has no contracts.json: declare what it publishes, consumes, calls or implements`);
      }
      continue;
    }
    const declared = new Map<string, ManifestRole>();
    for (const role of Object.keys(ROLE_WORDS) as ManifestRole[]) for (const ref of manifest.manifest[role]) declared.set(formatContractRef(ref), role);
    for (const [ref, { packageName, where }] of imported) {
      if (!declared.has(ref)) problems.push(`${where} imports ${packageName} (${ref}), which ${manifest.file} does not declare`);
    }
    for (const [ref, role] of declared) {
      if (!imported.has(ref)) problems.push(`${manifest.file} declares that the app ${ROLE_WORDS[role]} ${ref}, but nothing in apps/${app} imports its package`);
    }
    for (const use of deployedUses(input.stacks.filter((s) => s.app === app), input.eventContracts)) {
      if (use.ref && !declaredIn(manifest, use.role, use.ref)) {
        problems.push(`${use.where} ${ROLE_WORDS[use.role]} ${formatContractRef(use.ref)}, which ${manifest.file} does not list under "${use.role}"`);
      } else if (!use.ref && use.step && !manifest.manifest[use.role].some((ref) => ref.name === kebabCase(use.step as string))) {
        problems.push(`${use.where} ${ROLE_WORDS[use.role]} the step ${use.step}, but ${manifest.file} lists no version of ${kebabCase(use.step)} under "${use.role}"`);
      } else if (!use.ref && !use.step) {
        problems.push(`${use.where}: not declared in ${manifest.file}`);
      }
    }
  }
  return problems;
}
