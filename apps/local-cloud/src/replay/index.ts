/**
 * Replay of what did not finish (failed executions, dead letters, missed team notifications), and
 * the console's resilience routes. `replaySignup(cloud, signupId)` is what the console's "replay"
 * button calls; `npm run replay` calls `POST <console>/api/replay`.
 */
export { replay, replaySignup, InvalidReplayRequestError, type ReplayOptions, type ReplayReport, type ReplayableCloud } from './replay';
export { ReplayLedger, type ReplayedNotification } from './replay-ledger';
export { withAdminRoutes, parseReplayOptions, type AdminSources } from './admin-routes';
export { runReplayCommand, parseReplayArgs, describeReport, REPLAY_USAGE } from './replay-command';
export { stateNamesByEvent, eventsOfState } from './history-states';
