/**
 * Who signed a request and for which service, read from its SigV4 credential scope: the
 * `Authorization` header (`AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...`)
 * or, for presigned URLs, the `X-Amz-Credential` query parameter. The signature itself is not
 * checked: the local cloud accepts any credentials, and identity is the access key id.
 */
import type { IncomingMessage } from 'node:http';

/** The parts of a SigV4 credential scope. */
export interface CredentialScope {
  accessKeyId: string;
  /** `yyyymmdd` */
  date: string;
  region: string;
  /** The signing name, e.g. `sqs`, `logs`, `states`, `events`, `ses`. */
  service: string;
}

const SCOPE = /^([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request$/;

/** Parses `<key>/<date>/<region>/<service>/aws4_request`; undefined when it is not one. */
export function parseCredential(credential: string): CredentialScope | undefined {
  const match = SCOPE.exec(credential.trim());
  if (!match) return undefined;
  const [, accessKeyId, date, region, service] = match as unknown as [string, string, string, string, string];
  return { accessKeyId, date, region, service };
}

/** The credential scope of a request, from its `Authorization` header or its presigned query; undefined when unsigned. */
export function credentialScope(req: Pick<IncomingMessage, 'headers' | 'url'>): CredentialScope | undefined {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string') {
    const credential = /Credential=([^,\s]+)/.exec(authorization)?.[1];
    if (credential) return parseCredential(credential);
  }
  const query = new URL(req.url ?? '/', 'http://local').searchParams;
  const presigned = query.get('X-Amz-Credential');
  return presigned ? parseCredential(presigned) : undefined;
}
