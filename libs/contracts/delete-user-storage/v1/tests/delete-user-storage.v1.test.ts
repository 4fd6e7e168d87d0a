/** The `DeleteUserStorage` step, v1: conformance of its examples, and the ids a storage prefix is built from. */
import { InvalidStepInputError, parseStepInput } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { DeleteUserStorageV1 } from '../src';
import { exampleDeleteUserStorageInputV1, deleteUserStorageV1Examples } from '../src/testing';

describe('DeleteUserStorage v1', () => {
  describeConformance(DeleteUserStorageV1, deleteUserStorageV1Examples);

  it.each(['../other', 'a/b', 'u.1'])('refuses the userId %p, which could leave its tenant prefix', (userId) => {
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(DeleteUserStorageV1, exampleDeleteUserStorageInputV1({ userId }))).fields).toEqual(['userId']);
  });
});
