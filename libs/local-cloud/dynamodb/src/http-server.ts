/**
 * A small HTTP/1.1 server for one kind of exchange: a request with a body, answered at once with
 * a complete body. It exists because node:http is the ceiling of a local DynamoDB: measured here
 * (bench/dynamodb-bench.ts, see the README), node:http alone answers fewer requests per second
 * than three times dynalite, whatever the engine behind it does. This parser does only what
 * DynamoDB's clients need, on the socket directly:
 *
 * - keep-alive (HTTP/1.1 default, `Connection: close` honoured, HTTP/1.0 closes unless asked),
 *   pipelined requests answered in order;
 * - bodies by `Content-Length` or `Transfer-Encoding: chunked`; `Expect: 100-continue`;
 * - limits: 64 KB of headers (431), the body limit of the caller (413); anything malformed
 *   answers 400 and closes the connection.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface HttpRequest {
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

const MAX_HEADER_BYTES = 64 * 1024;
const IDLE_TIMEOUT_MS = 120_000;
const REASONS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error' };
const CRLF2 = Buffer.from('\r\n\r\n');

class ProtocolError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function serialize(response: HttpResponse, keepAlive: boolean): Buffer {
  let head = `HTTP/1.1 ${response.status} ${REASONS[response.status] ?? 'Unknown'}\r\n`;
  for (const name in response.headers) head += `${name}: ${response.headers[name]}\r\n`;
  head += `content-length: ${response.body.length}\r\nconnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n`;
  const headBytes = Buffer.from(head, 'latin1');
  return response.body.length === 0 ? headBytes : Buffer.concat([headBytes, response.body], headBytes.length + response.body.length);
}

/** Parses as many complete requests as `buffer` holds; returns them and the bytes left over. */
function parseRequests(buffer: Buffer, maxBody: number, onContinue: () => void): { requests: { request: HttpRequest; keepAlive: boolean }[]; rest: Buffer; continued: boolean } {
  const requests: { request: HttpRequest; keepAlive: boolean }[] = [];
  let offset = 0;
  let continued = false;
  for (;;) {
    const end = buffer.indexOf(CRLF2, offset);
    if (end < 0) {
      if (buffer.length - offset > MAX_HEADER_BYTES) throw new ProtocolError(431, 'Request headers are too large');
      break;
    }
    if (end - offset > MAX_HEADER_BYTES) throw new ProtocolError(431, 'Request headers are too large');
    const lines = buffer.toString('latin1', offset, end).split('\r\n');
    const [method, path, version] = (lines[0] as string).split(' ');
    if (!method || !path || !version?.startsWith('HTTP/1.')) throw new ProtocolError(400, 'Malformed request line');
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new ProtocolError(400, 'Malformed header line');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const connection = (headers.connection ?? '').toLowerCase();
    const keepAlive = version === 'HTTP/1.0' ? connection.includes('keep-alive') : !connection.includes('close');
    const bodyStart = end + 4;
    let body: Buffer;
    let next: number;
    if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
      const chunks: Buffer[] = [];
      let at = bodyStart;
      let size = 0;
      let complete = false;
      for (;;) {
        const lineEnd = buffer.indexOf('\r\n', at);
        if (lineEnd < 0) break;
        const length = parseInt(buffer.toString('latin1', at, lineEnd).split(';')[0] as string, 16);
        if (!Number.isFinite(length) || length < 0) throw new ProtocolError(400, 'Malformed chunk size');
        if (length === 0) {
          // The last chunk, then optional trailers, then an empty line.
          const trailerEnd = buffer.indexOf(CRLF2, lineEnd);
          if (buffer.indexOf('\r\n', lineEnd + 2) === lineEnd + 2) {
            at = lineEnd + 4;
            complete = true;
          } else if (trailerEnd >= 0) {
            at = trailerEnd + 4;
            complete = true;
          }
          break;
        }
        if (buffer.length < lineEnd + 2 + length + 2) break;
        size += length;
        if (size > maxBody) throw new ProtocolError(413, 'Request body is too large');
        chunks.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + length));
        at = lineEnd + 2 + length + 2;
      }
      if (!complete) {
        if (headers.expect?.toLowerCase() === '100-continue' && !continued) {
          onContinue();
          continued = true;
        }
        break;
      }
      body = Buffer.concat(chunks);
      next = at;
    } else {
      const length = headers['content-length'] === undefined ? 0 : Number(headers['content-length']);
      if (!Number.isSafeInteger(length) || length < 0) throw new ProtocolError(400, 'Malformed Content-Length');
      if (length > maxBody) throw new ProtocolError(413, 'Request body is too large');
      if (buffer.length < bodyStart + length) {
        if (headers.expect?.toLowerCase() === '100-continue' && buffer.length === bodyStart && !continued) {
          onContinue();
          continued = true;
        }
        break;
      }
      body = buffer.subarray(bodyStart, bodyStart + length);
      next = bodyStart + length;
    }
    requests.push({ request: { method, path, headers, body }, keepAlive });
    offset = next;
    continued = false;
    if (!keepAlive) break;
  }
  return { requests, rest: offset === 0 ? buffer : buffer.subarray(offset), continued };
}

/** A server answering each request synchronously with `respond`. */
export function createHttpServer(respond: (request: HttpRequest) => HttpResponse, options: { maxBodyBytes: number }): Server & { destroyConnections(): void } {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    let pending: Buffer = Buffer.alloc(0);
    let continueSent = false;
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let parsed: ReturnType<typeof parseRequests>;
      try {
        parsed = parseRequests(pending, options.maxBodyBytes, () => {
          if (!continueSent) socket.write('HTTP/1.1 100 Continue\r\n\r\n');
          continueSent = true;
        });
      } catch (error) {
        const status = error instanceof ProtocolError ? error.status : 400;
        socket.end(serialize({ status, headers: { 'content-type': 'text/plain' }, body: Buffer.from((error as Error).message) }, false));
        pending = Buffer.alloc(0);
        return;
      }
      pending = parsed.rest;
      if (parsed.requests.length > 0) continueSent = parsed.continued;
      const out: Buffer[] = [];
      let close = false;
      for (const { request, keepAlive } of parsed.requests) {
        out.push(serialize(respond(request), keepAlive));
        if (!keepAlive) close = true;
      }
      if (out.length === 1) socket.write(out[0] as Buffer);
      else if (out.length > 1) socket.write(Buffer.concat(out));
      if (close) {
        socket.end();
        pending = Buffer.alloc(0);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  return Object.assign(server, {
    destroyConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
  });
}
