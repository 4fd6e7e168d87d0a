/**
 * A small Secrets Manager (AWS JSON 1.1, `X-Amz-Target: secretsmanager.<Op>`) serving the model's
 * secrets: GetSecretValue, PutSecretValue, DescribeSecret, CreateSecret, ListSecrets. A secret is
 * found by name, ARN or partial ARN (without AWS's 6-character suffix), as the real service does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_ACCOUNT, LOCAL_REGION, type SecretModel } from '../model';
import { AwsJsonError, awsJsonHandler } from './aws-json';
import { JsonStore } from './json-store';

interface StoredSecret {
  name: string;
  arn: string;
  versionId: string;
  value?: string;
  createdDate: number;
}

const notFound = () => new AwsJsonError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

/** A value for `GenerateSecretString`: 32 random letters and digits, inside the template if one is given. */
export function generateSecretValue(spec: NonNullable<SecretModel['generateSecretString']>): string {
  const length = spec.PasswordLength ?? 32;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  const password = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  if (spec.SecretStringTemplate && spec.GenerateStringKey) {
    return JSON.stringify({ ...(JSON.parse(spec.SecretStringTemplate) as object), [spec.GenerateStringKey]: password });
  }
  return password;
}

export interface SecretsManagerOptions {
  secrets: SecretModel[];
  /** Values that replace the template's (by secret name), e.g. the webhook sink's URL. */
  presets?: Record<string, string>;
  /** Where secrets are kept across restarts (with `--data-dir`). */
  file?: string;
}

export function createSecretsManager(options: SecretsManagerOptions) {
  const store = JsonStore.open<Record<string, StoredSecret>>(options.file, {});
  const now = () => Math.floor(Date.now() / 1000);
  for (const secret of options.secrets) {
    const preset = options.presets?.[secret.name];
    const existing = store.data[secret.name];
    if (existing && preset === undefined) continue;
    const value = preset ?? secret.initialValue ?? (secret.generateSecretString ? generateSecretValue(secret.generateSecretString) : undefined);
    store.data[secret.name] = { name: secret.name, arn: secret.arn, versionId: randomUUID(), value, createdDate: existing?.createdDate ?? now() };
  }
  void store.save();

  const find = (secretId: unknown): StoredSecret => {
    const id = String(secretId ?? '');
    if (!id) throw new AwsJsonError('InvalidParameterException', 'SecretId is required');
    const direct = store.data[id];
    if (direct) return direct;
    for (const s of Object.values(store.data)) {
      if (s.arn === id || (id.startsWith('arn:') && s.arn.startsWith(`${id}-`))) return s;
    }
    throw notFound();
  };

  const describe = (s: StoredSecret) => ({ ARN: s.arn, Name: s.name, CreatedDate: s.createdDate, VersionIdsToStages: { [s.versionId]: ['AWSCURRENT'] } });

  const handle = awsJsonHandler('secretsmanager', {
    GetSecretValue: (input) => {
      const s = find(input.SecretId);
      if (s.value === undefined) throw new AwsJsonError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
      return { ARN: s.arn, Name: s.name, VersionId: s.versionId, SecretString: s.value, VersionStages: ['AWSCURRENT'], CreatedDate: s.createdDate };
    },
    PutSecretValue: async (input) => {
      const s = find(input.SecretId);
      if (typeof input.SecretString !== 'string') throw new AwsJsonError('InvalidParameterException', 'SecretString is required (SecretBinary is not supported locally)');
      s.value = input.SecretString;
      s.versionId = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID();
      await store.save();
      return { ARN: s.arn, Name: s.name, VersionId: s.versionId, VersionStages: ['AWSCURRENT'] };
    },
    DescribeSecret: (input) => describe(find(input.SecretId)),
    ListSecrets: () => ({ SecretList: Object.values(store.data).map(describe) }),
    CreateSecret: async (input) => {
      const name = String(input.Name ?? '');
      if (!name) throw new AwsJsonError('InvalidParameterException', 'Name is required');
      if (store.data[name]) throw new AwsJsonError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
      const s: StoredSecret = {
        name,
        arn: `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT}:secret:${name}-${randomBytes(3).toString('hex')}`,
        versionId: randomUUID(),
        value: typeof input.SecretString === 'string' ? input.SecretString : undefined,
        createdDate: now(),
      };
      store.data[name] = s;
      await store.save();
      return { ARN: s.arn, Name: s.name, VersionId: s.versionId };
    },
  });
  return {
    handle: (req: IncomingMessage, res: ServerResponse) => void handle(req, res),
    /** The current value of a secret (for the console and tests). */
    value: (secretId: string) => find(secretId).value,
    close: () => store.flush(),
  };
}
