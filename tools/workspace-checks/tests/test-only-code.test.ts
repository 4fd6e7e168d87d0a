/**
 * Test support stays in tests: nothing outside a tests/ folder imports @onboarding/testing, no
 * app's own code imports a library's testing entry, and no deployed function bundle holds test code.
 */
import { join } from 'node:path';
import { functionBundleSources, testCodeInBundle, testOnlyImportProblems, workspaceSources } from '../src/test-only-code';
import { appsDir, eachStack } from './support/deployed-stacks';

const root = join(__dirname, '../../..');

describe('test support in the workspace', () => {
  it('is imported from tests only', () => {
    expect(testOnlyImportProblems(workspaceSources(root))).toEqual([]);
  });

  it.each(eachStack)('%s deploys no function bundle built with test code', (_where, stack) => {
    const bundles = functionBundleSources(join(appsDir, stack.app, 'cdk.out'), stack.template);

    expect(bundles.length).toBeGreaterThan(0);
    expect(bundles.flatMap(({ logicalId, sources }) => testCodeInBundle(sources).map((source) => `${logicalId}: ${source}`))).toEqual([]);
    expect(bundles.every(({ sources }) => sources.some((source) => source.includes('/src/handlers/')))).toBe(true);
  });
});

describe('testOnlyImportProblems', () => {
  it('names a handler that imports @onboarding/testing, with the line', () => {
    const files = [{ path: 'apps/demo/src/handlers/step.ts', text: "import { z } from 'zod';\nimport { lambdaContext } from '@onboarding/testing';\n" }];

    expect(testOnlyImportProblems(files)).toEqual(['apps/demo/src/handlers/step.ts:2 imports @onboarding/testing, which is for tests only']);
  });

  it("names an app's infra or src that imports a library's testing entry, by import, export or require", () => {
    const files = [
      { path: 'apps/demo/infra/demo-stack.ts', text: "export { testApp } from '@onboarding/cdk-constructs/testing';\n" },
      { path: 'apps/demo/src/adapters/x.ts', text: "const fixtures = require('@onboarding/contract-user-signup-v1/testing');\n" },
    ];

    expect(testOnlyImportProblems(files)).toEqual([
      "apps/demo/infra/demo-stack.ts:1 imports the test fixtures @onboarding/cdk-constructs/testing into an app's own code",
      "apps/demo/src/adapters/x.ts:1 imports the test fixtures @onboarding/contract-user-signup-v1/testing into an app's own code",
    ]);
  });

  it('lets tests import test support, and tools read a testing entry', () => {
    const files = [
      { path: 'apps/demo/tests/unit/step.test.ts', text: "import { lambdaContext } from '@onboarding/testing';\n" },
      { path: 'apps/demo/tests/support/env.ts', text: "import { setLambdaEnvironment } from '@onboarding/testing';\n" },
      { path: 'tools/workspace-checks/src/rules.ts', text: "import { toEventBridgeEvent } from '@onboarding/events/testing';\n" },
      { path: 'libs/testing/src/index.ts', text: "export * from './captured-logs';\n" },
    ];

    expect(testOnlyImportProblems(files)).toEqual([]);
  });

  it('names a tool that imports @onboarding/testing outside its tests', () => {
    expect(testOnlyImportProblems([{ path: 'tools/workspace-checks/src/x.ts', text: "import { waitFor } from '@onboarding/testing';" }])).toHaveLength(1);
  });
});

describe('testCodeInBundle', () => {
  it('finds the testing library, a testing entry, a tests/ module and a test framework in a bundle', () => {
    const sources = [
      '../../../../libs/events/src/steps.ts',
      '../../../../libs/testing/src/lambda-context.ts',
      '../../../../libs/events/src/testing/index.ts',
      '../../../../libs/cdk-constructs/src/testing.ts',
      '../../../../libs/contracts/user-signup/v1/src/testing.ts',
      '../../tests/support/env.ts',
      '../../../../node_modules/aws-sdk-client-mock/dist/cjs/index.js',
      '../../../../libs/contracts/user-signup/v1/src/index.ts',
      '../../../../node_modules/@smithy/core/dist-es/index.js',
    ];

    expect(testCodeInBundle(sources)).toEqual(sources.slice(1, 7));
  });
});
