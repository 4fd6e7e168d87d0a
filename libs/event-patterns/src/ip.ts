/**
 * IP addresses and CIDR blocks for `cidr` matching (and for exact values that are IP addresses).
 *
 * An address becomes a fixed-width lowercase hex key, 8 digits for IPv4 and 32 for IPv6, so a
 * CIDR block is the key range [first, last] and membership is two string comparisons. Keys of the
 * two families differ in length, so an IPv4 block never contains an IPv6 address or the reverse.
 */

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
// Only hex digits and colons, at least one colon: no zone id (`%eth0`), no embedded dotted IPv4
// (`::ffff:1.2.3.4`), no brackets. EventBridge's engine recognises exactly this shape as IPv6.
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function toHex(bytes: readonly number[]): string {
  let out = '';
  for (const byte of bytes) out += (byte < 16 ? '0' : '') + byte.toString(16);
  return out;
}

function parseIpv4Bytes(text: string): number[] | undefined {
  if (!IPV4_SHAPE.test(text)) return undefined;
  // Octets are read as decimal even with leading zeros ("010" is 10, never octal 8): the docs
  // are silent, and reading them any other way would let one string mean two addresses.
  const bytes = text.split('.').map((octet) => Number(octet));
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function parseIpv6Bytes(text: string): number[] | undefined {
  if (!IPV6_SHAPE.test(text) || text.includes(':::')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string | undefined): string[] | undefined => {
    if (part === undefined || part === '') return [];
    const groups = part.split(':');
    return groups.every((group) => HEX_GROUP.test(group)) ? groups : undefined;
  };
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  const given = head.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const groups = [...head, ...Array<string>(8 - given).fill('0'), ...tail];
  const bytes: number[] = [];
  for (const group of groups) {
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

/**
 * The bytes of an IP address literal (4 for IPv4, 16 for IPv6), or undefined when `text` is not
 * one. An IPv4-mapped IPv6 address (`::ffff:a00:1`) is the IPv4 address it maps, as the JVM's
 * address parser that EventBridge's engine relies on treats it.
 */
export function parseIpBytes(text: string): number[] | undefined {
  const v4 = parseIpv4Bytes(text);
  if (v4 !== undefined) return v4;
  const v6 = parseIpv6Bytes(text);
  if (v6 === undefined) return undefined;
  const mapped = v6.slice(0, 10).every((byte) => byte === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? v6.slice(12) : v6;
}

/** The comparable key of an IP address literal, or undefined when `text` is not one. */
export function ipKey(text: string): string | undefined {
  const bytes = parseIpBytes(text);
  return bytes === undefined ? undefined : toHex(bytes);
}

/** A CIDR block as an inclusive range of address keys. */
export interface CidrRange {
  readonly first: string;
  readonly last: string;
}

/**
 * Parses `address/bits`. Returns the range, or the reason the text is refused, in EventBridge's
 * words. A block of a single address (`/32`, `/128`) is refused as EventBridge refuses it: write
 * the address itself as an exact value instead, which matches the same events.
 */
export function parseCidr(text: string): CidrRange | string {
  const parts = text.split('/');
  if (parts.length !== 2 || parts[1] === '') return "Malformed CIDR, one '/' required";
  const [address = '', bitsText = ''] = parts;
  if (!/^[+-]?[0-9]+$/.test(bitsText)) return 'Malformed CIDR, mask bits must be an integer';
  const bits = Number(bitsText);
  if (bits < 0) return 'Malformed CIDR, mask bits must not be negative';
  const bytes = parseIpBytes(address);
  if (bytes === undefined) {
    const looksLikeIp = IPV4_SHAPE.test(address) || IPV6_SHAPE.test(address);
    return `${looksLikeIp ? 'Invalid' : 'Nonstandard'} IP address: ${address}`;
  }
  const width = bytes.length * 8;
  if (bits >= width) return bytes.length === 4 ? 'IPv4 mask bits must be < 32' : 'IPv6 mask bits must be < 128';
  const first: number[] = [];
  const last: number[] = [];
  bytes.forEach((byte, index) => {
    const fixedBits = Math.min(8, Math.max(0, bits - index * 8));
    const hostMask = 0xff >> fixedBits;
    first.push(byte & ~hostMask & 0xff);
    last.push(byte | hostMask);
  });
  return { first: toHex(first), last: toHex(last) };
}

/** True when the address key lies in the block (keys of another family never do). */
export function inCidr(key: string, range: CidrRange): boolean {
  return key.length === range.first.length && key >= range.first && key <= range.last;
}
