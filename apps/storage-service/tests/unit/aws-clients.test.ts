import { createS3Client } from '../../src/adapters/aws-clients';

describe('createS3Client', () => {
  it('addresses buckets in the path when the configuration asks for it, for S3-compatible local endpoints', () => {
    expect(createS3Client({ s3ForcePathStyle: true }).config.forcePathStyle).toBe(true);
  });

  it('uses host-name addressing, as AWS wants, by default', () => {
    expect(createS3Client({ s3ForcePathStyle: false }).config.forcePathStyle).toBe(false);
  });
});
