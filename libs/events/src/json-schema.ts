/** JSON Schema export of the contracts, for consumers that do not use TypeScript. */
import { z } from 'zod';
import type { EventContract } from './contracts/define-contract';

/** The file name a contract's JSON Schema is written to, e.g. `UserSignup.v1.schema.json`. */
export function jsonSchemaFileName(contract: EventContract): string {
  return `${contract.detailType}.v${contract.version}.schema.json`;
}

/**
 * The JSON Schema (draft 2020-12) of a contract's detail, as it is accepted on input, with the
 * envelope facts (`source`, `detail-type`) recorded as annotations.
 */
export function toJsonSchema(contract: EventContract): Record<string, unknown> {
  const schema = z.toJSONSchema(contract.schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `urn:onboarding:events:${contract.detailType}:v${contract.version}`,
    title: `${contract.detailType} v${contract.version}`,
    description: contract.description,
    'x-eventbridge-source': contract.source,
    'x-eventbridge-detail-type': contract.detailType,
  };
}
