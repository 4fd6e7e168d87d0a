/** Binding helpers shared by every local server: loopback only, a fixed port or a free one. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** The loopback address every local server binds (never all interfaces). */
export const LOCAL_HOST = '127.0.0.1';

/** Listens on 127.0.0.1:`port` (0 = a free port) and resolves with the base URL. */
export function listen(server: Server, port: number, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} for the ${what} is already in use (is another local cloud running? use --port-base to move)`, { cause: error })
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, LOCAL_HOST, () => {
      server.off('error', onError);
      resolve(`http://${LOCAL_HOST}:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Closes a server, ending idle keep-alive connections so that close does not wait for them. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** Reads a request body as text. */
export function readBody(req: import('node:http').IncomingMessage, limitBytes = 16 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(Object.assign(new Error(`Request body over ${limitBytes} bytes`), { statusCode: 413 }));
        // Discard the rest rather than destroy the socket, so that the caller can still answer 413.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
