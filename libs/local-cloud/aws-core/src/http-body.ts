/** Reading a request body with a bound, answering AWS's error for a body over it. */
import type { IncomingMessage } from 'node:http';
import { AwsError } from './aws-error';

/** 2 MiB: above every payload limit of the emulated services (SQS: 1 MiB of message; Logs: 1 MiB per batch), with room for encoding. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Reads the whole body. Over `maxBytes` the rest is drained (so that the caller can still answer)
 * and the promise rejects with a 413 `RequestEntityTooLarge`.
 */
export function readBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new AwsError('RequestEntityTooLarge', `Request body is larger than ${maxBytes} bytes`, { statusCode: 413 }));
      else resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}
