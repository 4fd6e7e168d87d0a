/** Powertools instances of the orchestration app, created once per cold start. */
import { Logger } from '@aws-lambda-powertools/logger';

/** The app's structured logger; every line carries `service: orchestration`. */
export const logger = new Logger({ serviceName: 'orchestration' });
