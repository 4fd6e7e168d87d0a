/**
 * Error answers of AWS's REST protocols, for the router and for engines that speak them:
 * restJson1 (Lambda, SES v2, Scheduler): status, `x-amzn-ErrorType: <code>` and `{"message"}`;
 * restXml (S3): `<Error><Code>..</Code><Message>..</Message><RequestId>..</RequestId></Error>`.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AwsError } from './aws-error';
import { xmlElement } from './xml';

/** Writes an {@link AwsError} in the restJson1 shape. */
export function answerRestJsonError(res: ServerResponse, error: AwsError): void {
  if (res.headersSent) return;
  const text = JSON.stringify({ message: error.message, __type: error.code });
  res.writeHead(error.statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

/** Writes an {@link AwsError} in the restXml shape of S3. */
export function answerRestXmlError(res: ServerResponse, error: AwsError): void {
  if (res.headersSent) return;
  const requestId = randomUUID();
  const body = `<?xml version="1.0" encoding="UTF-8"?>` + xmlElement('Error', [xmlElement('Code', error.code), xmlElement('Message', error.message), xmlElement('RequestId', requestId)]).xml;
  res.writeHead(error.statusCode, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-amz-request-id': requestId });
  res.end(body);
}
