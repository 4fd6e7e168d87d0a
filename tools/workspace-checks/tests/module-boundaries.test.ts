/**
 * Proves that the lint rules guarding team boundaries actually fire: an app importing another
 * app, or a domain module importing the AWS SDK, is a lint error. Without this test a typo in
 * eslint.config.mjs would silently turn the boundaries into a wish.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const eslintBin = join(root, 'node_modules/eslint/bin/eslint.js');

/**
 * Lints a snippet as if it were the file at `filePath`, with the workspace's real config. ESLint
 * runs in its own process: its ESM config cannot be loaded inside jest's module sandbox.
 */
function lint(filePath: string, code: string): string[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', join(root, filePath)], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
  } catch (error) {
    // ESLint exits 1 when it reports errors; the report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  const [result] = JSON.parse(output) as { messages: { ruleId: string; message: string }[] }[];
  return result?.messages.map((m) => `${m.ruleId}: ${m.message}`) ?? [];
}

describe('module boundaries', () => {
  it('refuses an app that imports another app', () => {
    const messages = lint('apps/email-service/src/handlers/x.ts', "import { x } from '@onboarding/user-service';\nexport const y = x;\n");

    expect(messages.some((m) => m.includes('Apps never import another app'))).toBe(true);
  });

  it('lets an app import a contract version and the shared helpers', () => {
    const code = "import { SendWelcomeEmailV1 } from '@onboarding/contract-send-welcome-email-v1';\nimport { parseStepInput } from '@onboarding/events';\nexport const y = [SendWelcomeEmailV1, parseStepInput];\n";

    expect(lint('apps/email-service/src/handlers/x.ts', code)).toEqual([]);
  });

  it('refuses a contract version that imports another contract, which would tie their changes together', () => {
    const messages = lint('libs/contracts/user-signup/v1/src/x.ts', "import { UserOnboardedV1 } from '@onboarding/contract-user-onboarded-v1';\nexport const y = UserOnboardedV1;\n");

    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuses the shared helpers importing a contract, which would make every contract user depend on it', () => {
    const messages = lint('libs/events/src/x.ts', "import { UserSignupV1 } from '@onboarding/contract-user-signup-v1';\nexport const y = UserSignupV1;\n");

    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuses a domain module that imports the AWS SDK', () => {
    const messages = lint('apps/email-service/src/domain/x.ts', "import { SESv2Client } from '@aws-sdk/client-sesv2';\nexport const y = SESv2Client;\n");

    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('refuses a domain module that reads process.env', () => {
    const messages = lint('apps/email-service/src/domain/x.ts', 'export const y = process.env.X;\n');

    expect(messages.some((m) => m.startsWith('no-restricted-globals'))).toBe(true);
  });

  it('lets an adapter import the AWS SDK', () => {
    const messages = lint('apps/email-service/src/adapters/x.ts', "import { SESv2Client } from '@aws-sdk/client-sesv2';\nexport const y = SESv2Client;\n");

    expect(messages).toEqual([]);
  });
});

describe('module boundaries by path', () => {
  it('refuses an app that reaches into another app by a relative path', () => {
    const messages = lint('apps/email-service/src/handlers/x.ts', "import { x } from '../../../user-service/src/config';\nexport const y = x;\n");

    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });
});
