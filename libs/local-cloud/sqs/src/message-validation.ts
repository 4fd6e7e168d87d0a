/** What SQS refuses in a message: characters outside its allowed set, sizes, malformed attributes. */
import { invalidMessageContents, invalidParameterValue } from './errors';
import type { MessageAttributeValue } from './types';

// #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF, as the SendMessage reference lists them.
// eslint-disable-next-line no-control-regex -- the allowed set is defined by control characters (tab, LF, CR)
const FORBIDDEN = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Refuses a body SQS would refuse, and returns its size in bytes. */
export function checkBody(body: string): number {
  if (body.length === 0) throw invalidParameterValue('MessageBody', '', 'Empty message.');
  if (FORBIDDEN.test(body)) throw invalidMessageContents('Invalid binary character in the message body: only #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF are allowed.');
  return Buffer.byteLength(body, 'utf8');
}

const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]+)?$/;

/** Refuses message attributes SQS would refuse, and returns their size in bytes (names, types and values count). */
export function checkMessageAttributes(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined, field = 'MessageAttributes'): number {
  if (attributes === undefined) return 0;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) throw invalidParameterValue(field, attributes, 'Must be a map.');
  const names = Object.keys(attributes);
  if (names.length > 10) throw invalidParameterValue(field, names.length, 'Number of message attributes [' + names.length + '] exceeds the allowed maximum [10].');
  let size = 0;
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    if (!NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..') || /^(aws\.|amazon\.)/i.test(name)) {
      throw invalidParameterValue(field, name, `Message attribute name '${name}' is invalid: up to 256 alphanumeric, hyphen, underscore or period characters, not starting with AWS. or Amazon., no consecutive periods.`);
    }
    if (typeof value !== 'object' || value === null) throw invalidParameterValue(field, name, `The message attribute '${name}' must contain non-empty message attribute value.`);
    if (typeof value.DataType !== 'string' || !DATA_TYPE.test(value.DataType)) {
      throw invalidParameterValue(field, name, `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const base = value.DataType.split('.')[0];
    if (base === 'Binary') {
      if (!(value.BinaryValue instanceof Uint8Array) || value.BinaryValue.length === 0) {
        throw invalidParameterValue(field, name, `The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      }
      size += value.BinaryValue.length;
    } else {
      if (typeof value.StringValue !== 'string' || value.StringValue.length === 0) {
        throw invalidParameterValue(field, name, `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
      }
      if (base === 'Number' && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value.StringValue)) {
        throw invalidParameterValue(field, name, `Can't cast the value of message (user) attribute '${name}' to a number.`);
      }
      if (FORBIDDEN.test(value.StringValue)) throw invalidMessageContents(`Invalid binary character in the value of message attribute '${name}'.`);
      size += Buffer.byteLength(value.StringValue, 'utf8');
    }
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType, 'utf8');
  }
  return size;
}
