/** The `CreateUserStorage` step, v1: conformance of its examples, and the ids a storage prefix is built from. */
import { InvalidStepInputError, parseStepInput } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { CreateUserStorageV1 } from '../src';
import { exampleCreateUserStorageInputV1, createUserStorageV1Examples } from '../src/testing';

describe('CreateUserStorage v1', () => {
  describeConformance(CreateUserStorageV1, createUserStorageV1Examples);

  it.each(['../other', 'a/b', 'u.1'])('refuses the userId %p, which could leave its tenant prefix', (userId) => {
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(CreateUserStorageV1, exampleCreateUserStorageInputV1({ userId }))).fields).toEqual(['userId']);
  });
});
