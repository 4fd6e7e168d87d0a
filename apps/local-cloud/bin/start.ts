/** `npm start`: the local cloud in the foreground (see src/cli/start-command.ts). */
import { runStartCommand } from '../src/cli/start-command';

runStartCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
