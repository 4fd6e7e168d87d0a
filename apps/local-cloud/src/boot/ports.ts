/**
 * The ports of the local cloud. `npm start` uses fixed ports from a base (4700 by default, moved
 * with `--port-base`) so that URLs stay the same between runs; tests ask for free ports (0).
 *
 * | offset | server |
 * | --- | --- |
 * | +0 | api (the HTTP API) |
 * | +1 | console |
 * | +2 | eventbridge |
 * | +3 | stepfunctions |
 * | +4 | dynamodb |
 * | +5 | s3 |
 * | +6 | sesv2 |
 * | +7 | webhook |
 * | +8 | ssm |
 * | +9 | secretsmanager |
 * | +10 | lambda |
 */

/** Every server of the local cloud, in port order. */
export const SERVERS = ['api', 'console', 'eventbridge', 'stepfunctions', 'dynamodb', 's3', 'sesv2', 'webhook', 'ssm', 'secretsmanager', 'lambda'] as const;
export type ServerName = (typeof SERVERS)[number];

export const DEFAULT_PORT_BASE = 4700;

/** `'free'`: a free port for each server; a number: the base of the fixed layout. */
export type PortChoice = 'free' | number;

export function portsFor(choice: PortChoice): Record<ServerName, number> {
  return Object.fromEntries(SERVERS.map((name, i) => [name, choice === 'free' ? 0 : choice + i])) as Record<ServerName, number>;
}
