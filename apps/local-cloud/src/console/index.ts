/** The local console: its HTTP server, change feed and the execution analysis it draws from. */
export { createConsole, type ConsoleHandler, type ConsoleSources } from './console-server';
export { ConsoleFeed, type ConsoleChange } from './console-feed';
export { analyzeExecution, type ExecutionAnalysis, type StateOutcome, type StateRun } from './execution-analysis';
export { ExecutionIndex, type ConsoleStepFunctions, type ExecutionDetail, type ExecutionRow } from './execution-index';
export { replayExecution, type ReplaySignup } from './replay';
export { buildStateGraph, type MachineGraph } from './state-graph';
export { launchChromium, CHROMIUM_PATH } from './chromium';
