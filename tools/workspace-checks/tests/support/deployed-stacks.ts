/**
 * The stacks every workspace check reads: the synthesized cloud assemblies of the apps (the test
 * target depends on every app's synth, so they are current), loaded once per test file.
 */
import { join } from 'node:path';
import { loadDeployedStacks, type DeployedStack } from '../../src/cloud-assemblies';

/** The apps that deploy a stack; a check that finds fewer is reading a stale or partial workspace. */
export const DEPLOYED_APPS = ['email-service', 'notifier', 'orchestration', 'signup-api', 'storage-service', 'user-service'] as const;

export const appsDir = join(__dirname, '../../../../apps');

export const deployedStacks: DeployedStack[] = loadDeployedStacks(appsDir);

/** `[where, stack]` pairs for `it.each`, so each stack gets its own named test. */
export const eachStack = deployedStacks.map((stack) => [stack.where, stack] as const);
