/**
 * The checksums SQS answers with, which the SDKs verify: the MD5 of the body, and the MD5 of the
 * message attributes over AWS's documented encoding (attributes sorted by name; for each, the
 * 4-byte big-endian length and UTF-8 bytes of the name and of the data type, one transport byte,
 * 1 for String and Number, 2 for Binary, then the 4-byte length and bytes of the value).
 */
import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from './types';

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Hex MD5 of a message body's UTF-8 bytes. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/** Hex MD5 of message attributes in SQS's encoding; undefined when there are none. */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  if (!attributes || names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType, 'utf8')));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(Buffer.from(value.BinaryValue)));
    } else {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}
