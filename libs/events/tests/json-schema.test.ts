/**
 * The JSON Schema export, for consumers that do not read TypeScript. The committed files in
 * `schemas/` are what those consumers see, so a contract change that forgets
 * `nx run events:schemas` fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allContracts, jsonSchemaFileName, toJsonSchema, UserSignupV1 } from '../src';

const schemasFolder = join(__dirname, '..', 'schemas');

describe('toJsonSchema', () => {
  it.each(allContracts.map((contract) => ({ contract })))('describes $contract.detailType v$contract.version with its envelope facts', ({ contract }) => {
    const schema = toJsonSchema(contract);

    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `urn:onboarding:events:${contract.detailType}:v${contract.version}`,
      type: 'object',
      additionalProperties: false,
      'x-eventbridge-source': contract.source,
      'x-eventbridge-detail-type': contract.detailType,
    });
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'signupId', 'tenantId']));
  });

  it('describes the input side: a field with a default is not required', () => {
    const schema = toJsonSchema(UserSignupV1);

    expect(schema.required).not.toContain('plan');
    expect(schema.properties).toHaveProperty('plan.default', 'free');
  });

  it('names one file per contract and version', () => {
    const names = allContracts.map(jsonSchemaFileName);

    expect(new Set(names).size).toBe(allContracts.length);
    expect(names).toContain('UserSignup.v1.schema.json');
  });
});

describe('the committed schemas/ folder', () => {
  it('holds exactly one file per contract (run `nx run events:schemas` after adding or removing one)', () => {
    const committed = readdirSync(schemasFolder).filter((f) => f.endsWith('.schema.json'));

    expect(committed.sort()).toEqual(allContracts.map(jsonSchemaFileName).sort());
  });

  it.each(allContracts.map((contract) => ({ contract, file: jsonSchemaFileName(contract) })))(
    '$file matches the code (run `nx run events:schemas` after changing a contract)',
    ({ contract, file }) => {
      const committed = readFileSync(join(schemasFolder, file), 'utf8');

      expect(committed).toBe(`${JSON.stringify(toJsonSchema(contract), null, 2)}\n`);
    },
  );
});
