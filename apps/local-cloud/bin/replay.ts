/** `npm run replay`: replays failed executions, dead letters and missed notifications on the running local cloud (see src/replay/replay-command.ts). */
import { findWorkspaceRoot } from '../src/boot/workspace-root';
import { runReplayCommand } from '../src/replay/replay-command';

runReplayCommand(process.argv.slice(2), findWorkspaceRoot()).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
