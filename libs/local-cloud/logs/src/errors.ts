/** CloudWatch Logs' errors, with the codes and messages the service answers. */
import { AwsError } from '@onboarding/local-aws-core';

export const logGroupNotFound = () => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
export const logStreamNotFound = () => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
export const logGroupExists = () => new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
export const logStreamExists = () => new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message);

/** The "1 validation error detected" message of a constraint of the API model. */
export function constraintViolation(field: string, value: unknown, constraint: string) {
  return invalidParameter(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`);
}
