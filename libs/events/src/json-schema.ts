/**
 * JSON Schema export of a contract: what consumers that do not read TypeScript rely on, what the
 * catalog shows, and what the compatibility gate compares with each contract's committed snapshot.
 * The schemas describe the input side (what a reader accepts: a field with a default is optional)
 * as open objects, because readers ignore fields they do not know.
 */
import { z } from 'zod';
import type { Contract, EventContract, StepContract } from './define-contract';
import { ContractSchemaError } from './errors';
import { stepErrorNames } from './steps';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

function schemaOf(contract: Contract, part: string, schema: z.ZodType): Record<string, unknown> {
  let exported: Record<string, unknown>;
  try {
    exported = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<string, unknown>;
  } catch (cause) {
    throw new ContractSchemaError(`${contract.name} v${contract.version}: the ${part} schema cannot be written as JSON Schema (${(cause as Error).message})`, { cause });
  }
  const { $schema: _draft, ...rest } = exported;
  return rest;
}

/** The `$id` of a contract's JSON Schema, e.g. `urn:onboarding:events:UserSignup:v1`. */
export function schemaId(contract: Contract): string {
  return `urn:onboarding:${contract.kind === 'event' ? 'events' : 'steps'}:${contract.name}:v${contract.version}`;
}

function eventSchema(contract: EventContract): Record<string, unknown> {
  return {
    $schema: DRAFT,
    $id: schemaId(contract),
    title: `${contract.detailType} v${contract.version}`,
    description: contract.description,
    'x-eventbridge-source': contract.source,
    'x-eventbridge-detail-type': contract.detailType,
    ...schemaOf(contract, 'detail', contract.schema),
  };
}

function stepSchema(contract: StepContract): Record<string, unknown> {
  return {
    $schema: DRAFT,
    $id: schemaId(contract),
    title: `${contract.step} v${contract.version}`,
    description: contract.description,
    'x-step': contract.step,
    'x-errors': stepErrorNames(contract),
    $defs: { input: schemaOf(contract, 'input', contract.input), output: schemaOf(contract, 'output', contract.output) },
  };
}

/**
 * The JSON Schema (draft 2020-12) of a contract: an event's detail, with the envelope facts as
 * `x-eventbridge-*` annotations, or a step's input and output under `$defs`, with its error names.
 * @throws ContractSchemaError when the schema uses something JSON Schema cannot express
 */
export function toJsonSchema(contract: Contract): Record<string, unknown> {
  return contract.kind === 'event' ? eventSchema(contract) : stepSchema(contract);
}

/** The JSON text a snapshot file holds: the schema, two-space indented, with a final new line. */
export function jsonSchemaText(contract: Contract): string {
  return `${JSON.stringify(toJsonSchema(contract), null, 2)}\n`;
}
