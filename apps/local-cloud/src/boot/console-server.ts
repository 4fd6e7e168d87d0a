/** The console moved to src/console; this path keeps working for existing imports. */
export { createConsole, type ConsoleHandler, type ConsoleSources } from '../console/console-server';
