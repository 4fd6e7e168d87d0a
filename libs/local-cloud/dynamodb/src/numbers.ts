/**
 * DynamoDB numbers: decimals of up to 38 significant digits, magnitude between 1E-130 and
 * 9.99...E+125, exact (no binary floating point). They are stored and answered in canonical form
 * (no exponent, no leading or trailing zeros, `-0` is `0`), as DynamoDB answers them, so that two
 * spellings of one number are equal as keys, in sets and in comparisons.
 */
import { ValidationError } from './errors';

/** value = (negative ? -1 : 1) * coefficient * 10^exponent; coefficient has no trailing zeros (0 has exponent 0). */
export interface Decimal {
  negative: boolean;
  coefficient: bigint;
  exponent: number;
  /** Digits of the coefficient. */
  digits: number;
}

const SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** Integers DynamoDB answers as given (no sign but minus, no leading zero, at most 15 digits). */
const PLAIN_INTEGER = /^-?(?:0|[1-9]\d{0,14})$/;
const MAX_DIGITS = 38;
/** Largest adjusted exponent (exponent of the leading digit) and smallest one. */
const MAX_ADJUSTED = 125;
const MIN_ADJUSTED = -130;

const ZERO: Decimal = { negative: false, coefficient: 0n, exponent: 0, digits: 1 };

function make(negative: boolean, coefficient: bigint, exponent: number): Decimal {
  if (coefficient === 0n) return ZERO;
  let text = coefficient.toString();
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (end < text.length) {
    exponent += text.length - end;
    text = text.slice(0, end);
    coefficient = BigInt(text);
  }
  return { negative, coefficient, exponent, digits: text.length };
}

function checkRange(d: Decimal): Decimal {
  if (d.coefficient === 0n) return d;
  if (d.digits > MAX_DIGITS) throw new ValidationError('Attempting to store more than 38 significant digits in a Number');
  const adjusted = d.exponent + d.digits - 1;
  if (adjusted > MAX_ADJUSTED) throw new ValidationError('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (adjusted < MIN_ADJUSTED) throw new ValidationError('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  return d;
}

/** Parses a number as DynamoDB accepts it on the wire; throws ValidationError as DynamoDB words it. */
export function parseDecimal(text: string): Decimal {
  const match = SHAPE.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new ValidationError('A value provided cannot be converted into a number');
  const whole = match[2] as string;
  const fraction = match[3] ?? '';
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return ZERO;
  const exponent = Number(match[4] ?? '0') - fraction.length;
  const d = make(match[1] === '-', BigInt(digits), exponent);
  // Precision is counted on the digits written, before trailing zeros of an integer are dropped.
  const written = digits.replace(/0+$/, '');
  if (written.length > MAX_DIGITS) throw new ValidationError('DynamoDB only supports precision up to 38 digits');
  return checkRange(d);
}

/** The canonical text of a number: no exponent, no superfluous zeros. */
export function formatDecimal(d: Decimal): string {
  if (d.coefficient === 0n) return '0';
  const digits = d.coefficient.toString();
  const sign = d.negative ? '-' : '';
  if (d.exponent >= 0) return sign + digits + '0'.repeat(d.exponent);
  const point = digits.length + d.exponent;
  if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}0.${'0'.repeat(-point)}${digits}`;
}

/** The canonical text of a number given on the wire (throws ValidationError when it is not one). */
export function canonicalNumber(text: string): string {
  if (PLAIN_INTEGER.test(text) && text !== '-0') return text;
  return formatDecimal(parseDecimal(text));
}

/** Compares two canonical number texts by value: negative, 0 or positive. */
export function compareNumbers(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length <= 15 && b.length <= 15) {
    const x = Number(a);
    const y = Number(b);
    // Up to 15 characters a canonical decimal converts to a double exactly enough to order it.
    if (x !== y) return x < y ? -1 : 1;
  }
  return compareDecimals(parseDecimal(a), parseDecimal(b));
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  const signA = a.coefficient === 0n ? 0 : a.negative ? -1 : 1;
  const signB = b.coefficient === 0n ? 0 : b.negative ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  const adjustedA = a.exponent + a.digits;
  const adjustedB = b.exponent + b.digits;
  let magnitude: number;
  if (adjustedA !== adjustedB) magnitude = adjustedA < adjustedB ? -1 : 1;
  else {
    const shift = a.exponent - b.exponent;
    const x = shift > 0 ? a.coefficient * 10n ** BigInt(shift) : a.coefficient;
    const y = shift < 0 ? b.coefficient * 10n ** BigInt(-shift) : b.coefficient;
    magnitude = x === y ? 0 : x < y ? -1 : 1;
  }
  return signA < 0 ? -magnitude : magnitude;
}

/** a + b (or a - b) on canonical number texts, with DynamoDB's range and precision checks. */
export function addNumbers(a: string, b: string, subtract = false): string {
  if (PLAIN_INTEGER.test(a) && PLAIN_INTEGER.test(b)) {
    const sum = subtract ? Number(a) - Number(b) : Number(a) + Number(b);
    if (Number.isSafeInteger(sum)) return String(sum === 0 ? 0 : sum);
  }
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const exponent = Math.min(x.exponent, y.exponent);
  const cx = (x.negative ? -x.coefficient : x.coefficient) * 10n ** BigInt(x.exponent - exponent);
  const signedY = y.negative ? -y.coefficient : y.coefficient;
  const cy = (subtract ? -signedY : signedY) * 10n ** BigInt(y.exponent - exponent);
  const sum = cx + cy;
  return formatDecimal(checkRange(make(sum < 0n, sum < 0n ? -sum : sum, exponent)));
}

/** Significant digits of a canonical number (for item sizes). */
export function significantDigits(text: string): number {
  let n = 0;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (c !== 48) started = true;
    if (started) n++;
  }
  // Trailing zeros of an integer are not significant either.
  if (!text.includes('.')) {
    for (let i = text.length - 1; i >= 0 && text.charCodeAt(i) === 48 && n > 1; i--) n--;
  }
  return Math.max(n, 1);
}
