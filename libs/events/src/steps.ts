/**
 * Reading and writing step payloads, the counterpart of parse/write for events. The state machine
 * is owned by another team than the functions, so a step's payload, result and error names are an
 * interface: the function reads its payload tolerantly (unknown fields ignored), writes its result
 * strictly, and throws errors whose `name` the step contract lists.
 */
import type { z } from 'zod';
import type { StepContract, StepErrorNames, StepInputOf, StepOutputOf } from './define-contract';
import { InvalidStepInputError, InvalidStepOutputError } from './errors';
import { unknownFields } from './unknown-fields';

/**
 * Error names every step may throw besides its own. `TimeoutError`: an AWS SDK call that timed out
 * and reached the handler unwrapped (e.g. through Powertools' own persistence calls); retrying is
 * safe because every step is idempotent. The two `Invalid…` errors are contract breaches.
 */
export const COMMON_STEP_ERRORS = Object.freeze({
  retryable: Object.freeze(['IdempotencyAlreadyInProgressError', 'IdempotencyPersistenceLayerError', 'TimeoutError']),
  permanent: Object.freeze(['InvalidStepInputError', 'InvalidStepOutputError']),
}) satisfies StepErrorNames;

/** Every error name a step may throw: its own and the common ones. */
export function stepErrorNames(contract: StepContract): { retryable: string[]; permanent: string[] } {
  return {
    retryable: [...COMMON_STEP_ERRORS.retryable, ...contract.errors.retryable],
    permanent: [...COMMON_STEP_ERRORS.permanent, ...contract.errors.permanent],
  };
}

/** Field paths and messages of a failed parse; never the values (payloads carry personal data). */
function problemsOf(error: z.ZodError): { fields: string[]; lines: string[] } {
  const fields = error.issues.map((issue) => issue.path.join('.') || '(root)');
  return { fields, lines: error.issues.map((issue, index) => `${fields[index]}: ${issue.message}`) };
}

/**
 * Reads a step payload with the step's input contract, ignoring fields it does not know.
 * @throws InvalidStepInputError naming the offending fields (never their values)
 */
export function parseStepInput<C extends StepContract>(contract: C, payload: unknown): StepInputOf<C> {
  const result = contract.input.safeParse(payload);
  if (result.success) return result.data as StepInputOf<C>;
  const { fields, lines } = problemsOf(result.error);
  throw new InvalidStepInputError(`Invalid ${contract.step} v${contract.version} input: ${lines.join('; ')}`, fields, { cause: result.error });
}

/**
 * Reads a step's result with its output contract, ignoring fields it does not know (what the
 * state machine's `ResultSelector` does, for tests and tools that read results).
 * @throws InvalidStepOutputError naming the offending fields
 */
export function parseStepOutput<C extends StepContract>(contract: C, result: unknown): z.output<C['output']> {
  const parsed = contract.output.safeParse(result);
  if (parsed.success) return parsed.data as z.output<C['output']>;
  const { fields, lines } = problemsOf(parsed.error);
  throw new InvalidStepOutputError(`Invalid ${contract.step} v${contract.version} output: ${lines.join('; ')}`, fields, { cause: parsed.error });
}

/** Parses `value` with `schema` and refuses any field it does not declare; the field paths on failure. */
function writeStrictly<S extends z.ZodType>(schema: S, value: unknown): { ok: true; value: z.output<S> } | { ok: false; fields: string[]; lines: string[]; cause?: unknown } {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, ...problemsOf(parsed.error), cause: parsed.error };
  const unknown = unknownFields(value, parsed.data, '');
  if (unknown.length > 0) return { ok: false, fields: unknown, lines: unknown.map((path) => `${path}: unknown field`) };
  return { ok: true, value: parsed.data };
}

/**
 * Checks the result a step's function is about to return, the way a writer must: valid for the
 * output contract and no field it does not declare.
 * @throws InvalidStepOutputError naming the offending fields
 */
export function writeStepOutput<C extends StepContract>(contract: C, output: StepOutputOf<C>): z.output<C['output']> {
  const written = writeStrictly(contract.output, output);
  if (written.ok) return written.value as z.output<C['output']>;
  throw new InvalidStepOutputError(`${contract.step} v${contract.version} output refused: ${written.lines.join('; ')}`, written.fields, written.cause === undefined ? undefined : { cause: written.cause });
}

/**
 * Checks a payload the way the state machine, the step's writer, must send it: valid for the input
 * contract and no field it does not declare. The state machine's payloads are written in its
 * definition, so its tests call this on every payload the definition produces.
 * @throws InvalidStepInputError naming the offending fields
 */
export function writeStepInput<C extends StepContract>(contract: C, payload: z.input<C['input']>): StepInputOf<C> {
  const written = writeStrictly(contract.input, payload);
  if (written.ok) return written.value as StepInputOf<C>;
  throw new InvalidStepInputError(`${contract.step} v${contract.version} input refused: ${written.lines.join('; ')}`, written.fields, written.cause === undefined ? undefined : { cause: written.cause });
}
