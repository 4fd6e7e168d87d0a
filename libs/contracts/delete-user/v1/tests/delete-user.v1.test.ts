/** The `DeleteUser` step, v1 (compensation): conformance of its examples, and payloads without a user. */
import { parseStepInput } from '@onboarding/events';
import { describeConformance } from '@onboarding/events/testing';
import { DeleteUserV1 } from '../src';
import { deleteUserV1Examples } from '../src/testing';

describe('DeleteUser v1', () => {
  describeConformance(DeleteUserV1, deleteUserV1Examples);

  it('accepts a payload without userId, as after CreateUser itself failed', () => {
    expect(parseStepInput(DeleteUserV1, { signupId: '5e0c1c56-8b0a-4c1e-a7a4-0c1f6f9b2d11', tenantId: 'acme' })).not.toHaveProperty('userId');
  });

  it('names no permanent error: a compensation is retried until it gets through', () => {
    expect(DeleteUserV1.errors.permanent).toEqual([]);
  });
});
