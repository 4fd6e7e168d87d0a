/** `npm run signup`: signs a user up on the running local cloud (see src/cli/signup.ts). */
import { findWorkspaceRoot } from '../src/boot/workspace-root';
import { runSignupCommand } from '../src/cli/signup';

runSignupCommand(process.argv.slice(2), findWorkspaceRoot()).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
