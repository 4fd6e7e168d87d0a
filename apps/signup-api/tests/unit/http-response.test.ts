/** Mapping errors to HTTP answers: by class, never by message, and nothing internal leaks. */
import * as domainErrors from '../../src/domain/errors';
import { errorResponse, statusOf } from '../../src/handlers/http-response';
import * as requestErrors from '../../src/handlers/request-errors';

/** Every concrete error class the API answers with (InvalidSignupError also takes its fields). */
type ApiErrorClass = new (message: string, fields: string[]) => domainErrors.SignupApiError;
const apiErrorClasses = Object.values<unknown>({ ...domainErrors, ...requestErrors }).filter(
  (value) => typeof value === 'function' && value.prototype instanceof domainErrors.SignupApiError,
) as ApiErrorClass[];

describe('errorResponse', () => {
  it.each(apiErrorClasses.map((type) => ({ type, name: new type('m', []).name })))('answers $name with its own status and name', ({ type, name }) => {
    const response = errorResponse(new type('what went wrong', []));

    expect(statusOf(new type('m', []))).not.toBe(500);
    expect(JSON.parse(response.body ?? '')).toEqual({ error: name, message: 'what went wrong' });
  });

  it('gives every error class a distinct name ending in Error', () => {
    const names = apiErrorClasses.map((type) => new type('m', []).name);

    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]+Error$/);
  });

  it('answers anything else with 500 InternalError and keeps its message to itself', () => {
    const response = errorResponse(new TypeError('Cannot read properties of undefined (reading "secret")'));

    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body ?? '')).toEqual({ error: 'InternalError', message: 'The signup could not be processed' });
  });

  it('maps by class, so a plain Error named like an API error is still a 500', () => {
    const impostor = Object.assign(new Error('x'), { name: 'InvalidSignupError' });

    expect(statusOf(impostor)).toBe(500);
  });

  it('treats the base class on its own as unexpected', () => {
    expect(statusOf(new domainErrors.SignupApiError('x'))).toBe(500);
  });
});
