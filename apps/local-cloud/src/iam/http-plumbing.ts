/**
 * The HTTP side of the local IAM check: who signed a request, reading a body once and handing it
 * on, and forwarding a request to an emulator behind the authorizing proxy. Requests of callers
 * that are not checked are streamed through untouched; only a checked request whose body names
 * its resources is buffered.
 */
import { request, type Agent, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';

/** The access key id a request is signed with: SigV4's `Authorization` header or a presigned URL's `X-Amz-Credential`. */
export function accessKeyIdOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header) return /Credential=([^/,\s]+)\//.exec(header)?.[1];
  const url = req.url ?? '';
  const mark = url.indexOf('?');
  if (mark < 0) return undefined;
  const credential = new URLSearchParams(url.slice(mark + 1)).get('X-Amz-Credential');
  return credential ? credential.split('/')[0] : undefined;
}

/** Reads a whole body, or `'too-large'` once it passes `limit` bytes (the rest is drained). */
export function readBodyLimited(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/**
 * A stand-in for a request whose body was already read: the same method, URL, headers and socket,
 * and the body again, for a handler that reads the request itself.
 */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new PassThrough();
  copy.end(body);
  return Object.assign(copy, {
    method: req.method,
    url: req.url,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    socket: req.socket,
    connection: req.socket,
  }) as unknown as IncomingMessage;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', 'transfer-encoding'];

function withoutHopByHop(headers: IncomingHttpHeaders, extra: string[] = []): OutgoingHttpHeaders {
  const copy: OutgoingHttpHeaders = { ...headers };
  for (const name of [...HOP_BY_HOP, ...extra]) delete copy[name];
  return copy;
}

/** A response rewritten by the proxy (the DeleteObjects result with the refused keys added). */
export type ResponseRewrite = (status: number, body: Buffer) => Buffer;

/** Options of {@link forward}. */
export interface ForwardOptions {
  /** The body to send instead of streaming the request's own. */
  body?: Buffer;
  /** Request headers to drop (e.g. checksums of a body that was rewritten). */
  dropHeaders?: string[];
  /** Rewrites the upstream answer before it goes back. */
  rewrite?: ResponseRewrite;
}

/**
 * Forwards a request to `target` and streams the answer back. An unreachable upstream answers 502;
 * a client that goes away ends the upstream request.
 */
export function forward(req: IncomingMessage, res: ServerResponse, target: URL, agent: Agent, options: ForwardOptions = {}): void {
  // `expect: 100-continue` was already answered by this server; the emulator gets the body at once.
  const headers = withoutHopByHop(req.headers, ['expect', ...(options.dropHeaders ?? [])]);
  if (options.body) headers['content-length'] = String(options.body.length);
  const upstream = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (answer) => {
    const status = answer.statusCode ?? 502;
    if (!options.rewrite) {
      res.writeHead(status, withoutHopByHop(answer.headers));
      answer.pipe(res);
      return;
    }
    const rewrite = options.rewrite;
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const body = rewrite(status, Buffer.concat(chunks));
      res.writeHead(status, { ...withoutHopByHop(answer.headers, ['content-md5']), 'content-length': String(body.length) });
      res.end(body);
    });
    answer.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const text = `The local emulator behind the IAM proxy did not answer: ${error.message}`;
    res.writeHead(502, { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(text)) }).end(text);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  if (options.body !== undefined) upstream.end(options.body);
  else req.pipe(upstream);
}
