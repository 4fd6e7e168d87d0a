/**
 * `equals-ignore-case`, and `prefix`/`suffix` with `equals-ignore-case`, as EventBridge defines
 * them: each UTF-16 character of the operand may appear in the value as its lower-case form or as
 * its upper-case form (locale-independent). That is not the same as comparing
 * `toLowerCase()`s: the Kelvin sign lower-cases to `k` yet is neither form of `k`, and `ß` may
 * appear as `SS`. The common case, where both forms are one character, compares char codes and
 * allocates nothing.
 */

/** The accepted spellings of each operand character, precomputed once per pattern. */
export interface CaseForms {
  readonly lower: readonly string[];
  readonly upper: readonly string[];
  /** Char codes of the forms where both are a single character, else -1. */
  readonly lowerCode: Int32Array;
  readonly upperCode: Int32Array;
}

/** Precomputes the case forms of an operand. */
export function caseForms(operand: string): CaseForms {
  const lower: string[] = [];
  const upper: string[] = [];
  const lowerCode = new Int32Array(operand.length);
  const upperCode = new Int32Array(operand.length);
  for (let i = 0; i < operand.length; i++) {
    const char = operand.charAt(i);
    const lo = char.toLowerCase();
    const up = char.toUpperCase();
    lower.push(lo);
    upper.push(up);
    const simple = lo.length === 1 && up.length === 1;
    lowerCode[i] = simple ? lo.charCodeAt(0) : -1;
    upperCode[i] = simple ? up.charCodeAt(0) : -1;
  }
  return { lower, upper, lowerCode, upperCode };
}

/**
 * Reads the operand's characters forwards from `position` in `value`; true when all of them are
 * found (and, when `whole`, nothing is left of the value).
 */
function matchForward(value: string, position: number, forms: CaseForms, from: number, whole: boolean): boolean {
  const count = forms.lower.length;
  for (let i = from; i < count; i++) {
    const lowerCode = forms.lowerCode[i] as number;
    if (lowerCode >= 0) {
      const code = value.charCodeAt(position);
      if (code !== lowerCode && code !== forms.upperCode[i]) return false;
      position++;
      continue;
    }
    const lo = forms.lower[i] as string;
    const up = forms.upper[i] as string;
    const lowerFits = value.startsWith(lo, position);
    const upperFits = up !== lo && value.startsWith(up, position);
    // Both spellings fit but differ in length (`ß` against `SS`): try one, then the other.
    if (lowerFits && upperFits) return matchForward(value, position + lo.length, forms, i + 1, whole) || matchForward(value, position + up.length, forms, i + 1, whole);
    if (lowerFits) position += lo.length;
    else if (upperFits) position += up.length;
    else return false;
  }
  return whole ? position === value.length : true;
}

/** As {@link matchForward}, reading the operand backwards from the end of the value. */
function matchBackward(value: string, end: number, forms: CaseForms, from: number): boolean {
  for (let i = from; i >= 0; i--) {
    const lowerCode = forms.lowerCode[i] as number;
    if (lowerCode >= 0) {
      if (end === 0) return false;
      const code = value.charCodeAt(end - 1);
      if (code !== lowerCode && code !== forms.upperCode[i]) return false;
      end--;
      continue;
    }
    const lo = forms.lower[i] as string;
    const up = forms.upper[i] as string;
    const lowerFits = end >= lo.length && value.startsWith(lo, end - lo.length);
    const upperFits = up !== lo && end >= up.length && value.startsWith(up, end - up.length);
    if (lowerFits && upperFits) return matchBackward(value, end - lo.length, forms, i - 1) || matchBackward(value, end - up.length, forms, i - 1);
    if (lowerFits) end -= lo.length;
    else if (upperFits) end -= up.length;
    else return false;
  }
  return true;
}

/** True when `value` equals the operand ignoring case. */
export function equalsIgnoreCase(value: string, forms: CaseForms): boolean {
  return matchForward(value, 0, forms, 0, true);
}

/** True when `value` starts with the operand ignoring case. */
export function startsWithIgnoreCase(value: string, forms: CaseForms): boolean {
  return matchForward(value, 0, forms, 0, false);
}

/** True when `value` ends with the operand ignoring case. */
export function endsWithIgnoreCase(value: string, forms: CaseForms): boolean {
  return matchBackward(value, value.length, forms, forms.lower.length - 1);
}
