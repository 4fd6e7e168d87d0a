/**
 * Why a deployed EventBridge rule could never fire (or would fire for the wrong events), judged
 * against the event contracts: the rule must name a known contract by exact `source` and
 * `detail-type`, match at least one valid example of it, and refuse every other contract's events.
 */
import { allContracts, findContract, type EventContract } from '@onboarding/events';
import { contractExamples, toEventBridgeEvent } from '@onboarding/events/testing';
import { compilePattern } from '@onboarding/event-patterns';

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function examplesOf(contract: EventContract) {
  const details = contractExamples[contract.detailType as keyof typeof contractExamples] ?? [];
  return details.map((detail) => toEventBridgeEvent(contract, detail as never));
}

/** The problems of one rule's pattern; an empty list means the rule is sound. */
export function ruleProblems(pattern: Record<string, unknown>): string[] {
  const sources = asList(pattern['source']).filter((s): s is string => typeof s === 'string');
  const detailTypes = asList(pattern['detail-type']).filter((s): s is string => typeof s === 'string');
  const problems: string[] = [];
  const consumed: EventContract[] = [];
  for (const source of sources) {
    for (const detailType of detailTypes) {
      const contract = findContract(source, detailType);
      if (contract) consumed.push(contract);
      else problems.push(`no contract has source ${source} and detail-type ${detailType}`);
    }
  }
  if (sources.length === 0 || detailTypes.length === 0) problems.push('the pattern does not name the source and detail-type it consumes');
  const compiled = compilePattern(pattern);
  for (const contract of consumed) {
    if (!examplesOf(contract).some((event) => compiled.matches(event))) {
      problems.push(`matches no valid example of ${contract.detailType} v${contract.version}`);
    }
  }
  for (const contract of allContracts.filter((c) => !consumed.includes(c))) {
    if (examplesOf(contract).some((event) => compiled.matches(event))) {
      problems.push(`also matches ${contract.detailType} events`);
    }
  }
  return problems;
}
