/**
 * The JSON Schema export: what consumers that do not read TypeScript see, what the catalog shows,
 * and what the compatibility gate compares with each contract's committed snapshot.
 */
import { z } from 'zod';
import { ContractSchemaError, defineEventContract, defineStepContract, jsonSchemaText, schemaId, toJsonSchema } from '../src';
import { GreetMemberV1, MemberJoinedV1 } from './support/fixture-contracts';
import { refusalOf } from '../src/testing';

describe('toJsonSchema of an event contract', () => {
  it('describes the detail, with the envelope facts as annotations', () => {
    expect(toJsonSchema(MemberJoinedV1)).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:onboarding:events:MemberJoined:v1',
      title: 'MemberJoined v1',
      description: 'A member joined a club.',
      'x-eventbridge-source': 'example.members',
      'x-eventbridge-detail-type': 'MemberJoined',
      type: 'object',
      required: expect.arrayContaining(['version', 'signupId', 'tenantId']),
    });
  });

  it('describes the input side: a field with a default is not required', () => {
    const schema = toJsonSchema(MemberJoinedV1);

    expect(schema.required).not.toContain('plan');
    expect(schema.properties).toHaveProperty('plan.default', 'free');
  });

  it('describes open objects at every depth, because readers ignore what they do not know', () => {
    expect(JSON.stringify(toJsonSchema(MemberJoinedV1))).not.toContain('additionalProperties');
  });
});

describe('toJsonSchema of a step contract', () => {
  it('describes the input and the output under $defs, with every error name the step may throw', () => {
    const schema = toJsonSchema(GreetMemberV1);

    expect(schema).toMatchObject({
      $id: 'urn:onboarding:steps:GreetMember:v1',
      title: 'GreetMember v1',
      'x-step': 'GreetMember',
      'x-errors': { retryable: expect.arrayContaining(['GreeterUnavailableError', 'TimeoutError']), permanent: expect.arrayContaining(['GreetingRefusedError', 'InvalidStepInputError']) },
      $defs: { input: { type: 'object', required: ['signupId', 'tenantId', 'email'] }, output: { type: 'object' } },
    });
    expect(schema.$defs).not.toHaveProperty('input.$schema');
  });
});

describe('a schema JSON Schema cannot express', () => {
  it('is refused with ContractSchemaError naming the contract and the part', () => {
    const dated = defineEventContract({ source: 's', detailType: 'Dated', version: '1', description: 'd', schema: z.object({ at: z.date() }) });

    const error = refusalOf(ContractSchemaError, () => toJsonSchema(dated));

    expect(error.message).toMatch(/^Dated v1: the detail schema cannot be written as JSON Schema \(Date cannot be represented/);
  });

  it('is refused for a step output too', () => {
    const step = defineStepContract({ step: 'Big', version: '1', description: 'd', input: z.object({}), output: z.object({ n: z.bigint() }), errors: { retryable: [], permanent: [] } });

    expect(refusalOf(ContractSchemaError, () => toJsonSchema(step)).message).toContain('Big v1: the output schema');
  });
});

describe('jsonSchemaText and schemaId', () => {
  it('writes the schema as indented JSON with a final new line', () => {
    const text = jsonSchemaText(MemberJoinedV1);

    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(toJsonSchema(MemberJoinedV1));
  });

  it('names events and steps apart', () => {
    expect([schemaId(MemberJoinedV1), schemaId(GreetMemberV1)]).toEqual(['urn:onboarding:events:MemberJoined:v1', 'urn:onboarding:steps:GreetMember:v1']);
  });
});
