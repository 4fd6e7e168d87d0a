/** The workspace's contract versions, loaded once per test file, and their event examples for the rule checks. */
import type { EventContract } from '@onboarding/events';
import { join } from 'node:path';
import { loadContracts } from '../../src/contracts/load-contracts';
import type { ContractWithExamples } from '../../src/rule-problems';

export const workspaceRoot = join(__dirname, '../../../..');

export const workspaceContracts = loadContracts(workspaceRoot);

/** Every event contract version with its examples. */
export const eventContracts: ContractWithExamples[] = workspaceContracts.flatMap((loaded) =>
  loaded.contract?.kind === 'event' ? [{ contract: loaded.contract as EventContract, examples: loaded.examples.map((e) => e.value) }] : [],
);
