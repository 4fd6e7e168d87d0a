/**
 * SES v2 by aws-ses-v2-local, in this process: SendEmail and the template operations; sent mail
 * is kept in memory and listed at `GET <sesv2>/store` (`{ templates, emails }`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import startSesServer from 'aws-ses-v2-local';
import { closeServer, LOCAL_HOST } from './listen';

export interface SesEmulator {
  url: string;
  /** The emulator's request listener, for a server in front of it that dispatches in process (src/iam). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

export async function startSes(options: { port: number }): Promise<SesEmulator> {
  const server = await startSesServer({ host: LOCAL_HOST, port: options.port });
  if (!server.listening) {
    await closeServer(server);
    throw new Error(`Port ${options.port} for the SES v2 emulator is already in use (use --port-base to move)`);
  }
  return { url: `http://${LOCAL_HOST}:${(server.address() as AddressInfo).port}`, handler: server.listeners('request')[0] as SesEmulator['handler'], close: () => closeServer(server) };
}
