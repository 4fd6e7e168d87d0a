/** Reading fields of an operation's input the way SQS checks them, whichever protocol or caller sent it. */
import { invalidParameterValue, missingParameter } from './errors';

/** A required non-empty string field. */
export function requiredString(input: object, name: string): string {
  const value = (input as Record<string, unknown>)[name];
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  if (typeof value !== 'string') throw invalidParameterValue(name, value, 'Must be a string.');
  return value;
}

/** An optional string field. */
export function optionalString(input: object, name: string): string | undefined {
  const value = (input as Record<string, unknown>)[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameterValue(name, value, 'Must be a string.');
  return value;
}

/** An optional integer field within `[min, max]`. */
export function optionalInteger(input: object, name: string, min: number, max: number, reason = `Must be between ${min} and ${max}, if provided.`): number | undefined {
  const value = (input as Record<string, unknown>)[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalidParameterValue(name, value, reason);
  return value;
}

/** An optional list of strings. */
export function optionalStringList(input: object, name: string): string[] | undefined {
  const value = (input as Record<string, unknown>)[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidParameterValue(name, value, 'Must be a list of strings.');
  return value as string[];
}

/** An optional string-to-string map. */
export function optionalStringMap(input: object, name: string): Record<string, string> | undefined {
  const value = (input as Record<string, unknown>)[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw invalidParameterValue(name, JSON.stringify(value), 'Must be a map of strings.');
  }
  return value as Record<string, string>;
}
