/**
 * Why a deployed EventBridge rule could never fire (or would fire for the wrong events), judged
 * against the event contracts and their examples: the rule must name a contract by exact `source`
 * and `detail-type`, match at least one valid example of a version of it, and refuse every other
 * contract's events. The versions whose examples it matches are the versions it consumes.
 */
import type { EventContract } from '@onboarding/events';
import { toEventBridgeEvent } from '@onboarding/events/testing';
import { compilePattern } from '@onboarding/event-patterns';

/** An event contract version and its valid example details. */
export interface ContractWithExamples {
  contract: EventContract;
  examples: readonly unknown[];
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const label = (c: EventContract) => `${c.detailType} v${c.version}`;

function matchesAnExample(pattern: Record<string, unknown>, { contract, examples }: ContractWithExamples): boolean {
  const compiled = compilePattern(pattern);
  return examples.some((detail) => compiled.matches(toEventBridgeEvent(contract, detail as never)));
}

/** The contract versions a rule's pattern matches an example of: what the rule consumes. */
export function consumedContracts(pattern: Record<string, unknown>, contracts: readonly ContractWithExamples[]): EventContract[] {
  return contracts.filter((c) => matchesAnExample(pattern, c)).map((c) => c.contract);
}

/** The problems of one rule's pattern; an empty list means the rule is sound. */
export function ruleProblems(pattern: Record<string, unknown>, contracts: readonly ContractWithExamples[]): string[] {
  const sources = asList(pattern['source']).filter((s): s is string => typeof s === 'string');
  const detailTypes = asList(pattern['detail-type']).filter((s): s is string => typeof s === 'string');
  const problems: string[] = [];
  if (sources.length === 0 || detailTypes.length === 0) problems.push('the pattern does not name the source and detail-type it consumes');
  const named: ContractWithExamples[] = [];
  for (const source of sources) {
    for (const detailType of detailTypes) {
      const versions = contracts.filter((c) => c.contract.source === source && c.contract.detailType === detailType);
      if (versions.length === 0) problems.push(`no contract has source ${source} and detail-type ${detailType}`);
      else if (!versions.some((c) => matchesAnExample(pattern, c))) problems.push(`matches no valid example of ${versions.map((c) => label(c.contract)).join(' or ')}`);
      named.push(...versions);
    }
  }
  const others = new Set(contracts.filter((c) => !named.includes(c) && matchesAnExample(pattern, c)).map((c) => c.contract.detailType));
  for (const detailType of others) problems.push(`also matches ${detailType} events`);
  return problems;
}
