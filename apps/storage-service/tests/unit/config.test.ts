import { ConfigurationError } from '@onboarding/aws-runtime';
import { loadConfig } from '../../src/config';

const complete = { BUCKET_NAME: 'bucket', IDEMPOTENCY_TABLE_NAME: 'idem' };

describe('loadConfig', () => {
  it('reads the bucket and the table, with path-style addressing off by default', () => {
    expect(loadConfig(complete)).toEqual({ bucketName: 'bucket', idempotencyTableName: 'idem', s3ForcePathStyle: false });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
    ['', false],
  ])('reads S3_FORCE_PATH_STYLE=%j as %s', (value, expected) => {
    expect(loadConfig({ ...complete, S3_FORCE_PATH_STYLE: value }).s3ForcePathStyle).toBe(expected);
  });

  it('refuses a S3_FORCE_PATH_STYLE that is neither true nor false, naming it', () => {
    expect(() => loadConfig({ ...complete, S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE/);
  });

  it.each(['BUCKET_NAME', 'IDEMPOTENCY_TABLE_NAME'])('fails naming %s when it is missing', (variable) => {
    const env: Record<string, string | undefined> = { ...complete, [variable]: undefined };

    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
