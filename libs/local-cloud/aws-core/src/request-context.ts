/** What an operation may need to know about the request that called it, beyond its input. */
import type { IncomingMessage } from 'node:http';
import { credentialScope, type CredentialScope } from './credential-scope';

/** Passed to every operation handler next to its input. */
export interface RequestContext {
  /** The signer's credential scope; undefined for an unsigned request. */
  scope?: CredentialScope;
  /** The base URL the client used (`http://<Host header>`), for answers that contain URLs (SQS queue URLs). */
  baseUrl: string;
  /** Aborted when the client goes away, so a long poll stops waiting for nobody. */
  signal: AbortSignal;
}

/** Builds the {@link RequestContext} of a node request; `signal` aborts when its socket closes before the answer. */
export function requestContext(req: IncomingMessage, res: { once(event: 'close', listener: () => void): unknown; writableFinished?: boolean }): RequestContext {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const host = req.headers.host ?? '127.0.0.1';
  return { scope: credentialScope(req), baseUrl: `http://${host}`, signal: controller.signal };
}
