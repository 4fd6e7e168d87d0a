// One lint config for the whole workspace. The module-boundary rules are the part that matters:
// they are how "teams talk only through the contract projects in libs/contracts" is enforced rather than hoped for.
import nx from '@nx/eslint-plugin';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
// Apps are not libraries: no project may import one, by package name or by path. Nx's rule catches
// paths; package names of apps (which export nothing) are caught here, for every app that exists.
const appPackages = readdirSync(join(root, 'apps'))
  .filter((name) => existsSync(join(root, 'apps', name, 'package.json')))
  .map((name) => `@onboarding/${name}`);

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/node_modules', '**/cdk.out', '**/dist', '**/coverage', '**/.local', '**/*.js', '**/*.mjs', '**/*.cjs', '**/test-output'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // An app may use shared libraries, never another app.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contract', 'type:events', 'type:util', 'type:domain'] },
            // A contract version stands alone: it uses the shared helpers, never another contract, so a
            // change to one version affects only that version's producers and consumers.
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:events'] },
            { sourceTag: 'type:events', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:events', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            // Workspace-wide checks read every library, never an app.
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contract', 'type:events', 'type:util', 'type:domain', 'type:tooling'] },
            // Teams share only what is tagged scope:shared.
            { sourceTag: 'scope:signup-api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:user-service', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:email-service', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:storage-service', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:notifier', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:orchestration', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:local-cloud', onlyDependOnLibsWithTags: ['scope:shared', 'scope:local-cloud'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: appPackages.flatMap((p) => [p, `${p}/*`]), message: 'Apps never import another app: share a contract through its project in libs/contracts.' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain layer is pure: no AWS SDK, no Powertools, no environment. Ports and adapters carry those.
    files: ['**/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: appPackages.flatMap((p) => [p, `${p}/*`]), message: 'Apps never import another app: share a contract through its project in libs/contracts.' },
            { group: ['@aws-sdk/*', '@aws-lambda-powertools/*', 'aws-cdk-lib', 'aws-cdk-lib/*'], message: 'The domain layer must not depend on AWS: declare a port in src/ports and implement it in src/adapters.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'Read configuration in src/config.ts, not in the domain.' }],
    },
  },
];
