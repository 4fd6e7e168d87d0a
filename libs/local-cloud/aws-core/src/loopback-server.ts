/** Serving a request listener on loopback: the small server factory every engine's endpoint uses. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops listening and ends idle keep-alive connections; resolves when closed. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (`port` 0, the default, picks a free one). Never all interfaces. */
export function serveOnLoopback(handler: (req: IncomingMessage, res: ServerResponse) => void, port = 0): Promise<LoopbackServer> {
  const server = createServer(handler);
  // Long polls (SQS WaitTimeSeconds up to 20 s) outlive Node's default keep-alive and header timeouts only if these are off.
  server.requestTimeout = 0;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
