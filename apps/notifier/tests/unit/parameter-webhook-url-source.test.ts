import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ParameterWebhookUrlSource } from '../../src/adapters/parameter-webhook-url-source';
import { WebhookNotConfiguredError, WebhookUnavailableError } from '../../src/domain/errors';

const secretsManager = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);
const URL_VALUE = 'https://hooks.slack.com/services/T1/B1/token';
const SECRET_ID = 'onboarding/notifier/webhook-url';

function secretSource(maxAgeSeconds = 300): ParameterWebhookUrlSource {
  return new ParameterWebhookUrlSource({ reference: { store: 'secretsmanager', secretId: SECRET_ID }, maxAgeSeconds });
}

function serviceError(name: string, httpStatusCode: number, fault: 'client' | 'server' = httpStatusCode >= 500 ? 'server' : 'client'): Error {
  return Object.assign(new Error(`${name} from the store`), { name, $fault: fault, $metadata: { httpStatusCode } });
}

afterEach(() => {
  secretsManager.reset();
  ssm.reset();
  jest.restoreAllMocks();
});

describe('ParameterWebhookUrlSource with a Secrets Manager secret', () => {
  it('reads the secret string by the referenced id', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_ID }).resolves({ SecretString: URL_VALUE });

    await expect(secretSource().read()).resolves.toBe(URL_VALUE);
  });

  it('caches the value: a second read within the max age calls Secrets Manager once', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: URL_VALUE });
    const source = secretSource();

    await source.read();
    await source.read();

    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  it('reads again once the max age has passed', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: URL_VALUE });
    const source = secretSource(300);
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    await source.read();

    clock.mockReturnValue(start + 301_000);
    await source.read();

    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('bypasses the cache when asked for a fresh value', async () => {
    secretsManager.on(GetSecretValueCommand).resolvesOnce({ SecretString: 'placeholder' }).resolves({ SecretString: URL_VALUE });
    const source = secretSource();
    await source.read();

    await expect(source.read({ fresh: true })).resolves.toBe(URL_VALUE);
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('decodes a binary secret as UTF-8', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretBinary: new TextEncoder().encode(URL_VALUE) });

    await expect(secretSource().read()).resolves.toBe(URL_VALUE);
  });

  it('answers "no value" when the secret or its current version does not exist', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } }));

    await expect(secretSource().read()).resolves.toBeUndefined();
  });

  it('reports a refused read (missing permission) as WebhookNotConfiguredError', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(serviceError('AccessDeniedException', 400));

    await expect(secretSource().read()).rejects.toBeInstanceOf(WebhookNotConfiguredError);
  });

  it.each([
    ['throttling', serviceError('ThrottlingException', 400)],
    ['a 5xx', serviceError('InternalServiceError', 500)],
    ['a network failure', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('reports %s of the store as WebhookUnavailableError, which the state machine retries', async (_case, error) => {
    secretsManager.on(GetSecretValueCommand).rejects(error);

    await expect(secretSource().read()).rejects.toBeInstanceOf(WebhookUnavailableError);
  });
});

describe('ParameterWebhookUrlSource with an SSM SecureString parameter', () => {
  const source = () => new ParameterWebhookUrlSource({ reference: { store: 'ssm', parameterName: '/onboarding/notifier/webhook-url' }, maxAgeSeconds: 300 });

  it('reads the parameter with decryption', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: URL_VALUE } });

    await expect(source().read()).resolves.toBe(URL_VALUE);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: '/onboarding/notifier/webhook-url', WithDecryption: true });
  });

  it('answers "no value" when the operator has not created the parameter', async () => {
    ssm.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: { httpStatusCode: 400 } }));

    await expect(source().read()).resolves.toBeUndefined();
  });
});
