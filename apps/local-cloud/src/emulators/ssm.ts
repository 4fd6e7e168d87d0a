/**
 * A small SSM Parameter Store (AWS JSON 1.1, `X-Amz-Target: AmazonSSM.<Op>`) serving the model's
 * parameters: GetParameter, GetParameters, GetParametersByPath, PutParameter. Parameters are found
 * by name or ARN.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_ACCOUNT, LOCAL_REGION, type SsmParameterModel } from '../model';
import { AwsJsonError, awsJsonHandler } from './aws-json';
import { JsonStore } from './json-store';

interface StoredParameter {
  name: string;
  type: string;
  value: string;
  version: number;
  lastModified: number;
}

const arnOf = (name: string) => `arn:aws:ssm:${LOCAL_REGION}:${LOCAL_ACCOUNT}:parameter${name.startsWith('/') ? '' : '/'}${name}`;

function nameOf(id: unknown): string {
  const text = String(id ?? '');
  const match = /^arn:aws:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(text);
  if (!match) return text;
  // An ARN drops the leading slash of a hierarchical name only for names without one.
  return match[1] ?? text;
}

export interface SsmOptions {
  parameters: SsmParameterModel[];
  /** Values that replace the template's (by parameter name). */
  presets?: Record<string, string>;
  file?: string;
}

export function createSsm(options: SsmOptions) {
  const store = JsonStore.open<Record<string, StoredParameter>>(options.file, {});
  for (const p of options.parameters) {
    const preset = options.presets?.[p.name];
    if (store.data[p.name] && preset === undefined) continue;
    store.data[p.name] = { name: p.name, type: p.type, value: preset ?? p.value, version: 1, lastModified: Date.now() / 1000 };
  }
  void store.save();

  const lookup = (id: unknown): StoredParameter | undefined => {
    const name = nameOf(id);
    return store.data[name] ?? store.data[name.replace(/^\//, '')];
  };
  const shape = (p: StoredParameter) => ({ Name: p.name, Type: p.type, Value: p.value, Version: p.version, LastModifiedDate: p.lastModified, ARN: arnOf(p.name), DataType: 'text' });

  const handle = awsJsonHandler('AmazonSSM', {
    GetParameter: (input) => {
      const p = lookup(input.Name);
      if (!p) throw new AwsJsonError('ParameterNotFound', `Parameter ${String(input.Name)} not found.`);
      return { Parameter: shape(p) };
    },
    GetParameters: (input) => {
      const names = Array.isArray(input.Names) ? input.Names.map(String) : [];
      const found = names.map((n) => lookup(n));
      return { Parameters: found.filter((p): p is StoredParameter => !!p).map(shape), InvalidParameters: names.filter((_, i) => !found[i]) };
    },
    GetParametersByPath: (input) => {
      const path = String(input.Path ?? '/').replace(/\/?$/, '/');
      const recursive = input.Recursive === true;
      const matches = Object.values(store.data).filter((p) => p.name.startsWith(path) && (recursive || !p.name.slice(path.length).includes('/')));
      return { Parameters: matches.map(shape) };
    },
    PutParameter: async (input) => {
      const name = nameOf(input.Name);
      if (!name) throw new AwsJsonError('ValidationException', 'Name is required');
      if (typeof input.Value !== 'string') throw new AwsJsonError('ValidationException', 'Value is required');
      const existing = store.data[name];
      if (existing && input.Overwrite !== true) {
        throw new AwsJsonError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
      }
      const version = (existing?.version ?? 0) + 1;
      store.data[name] = { name, type: String(input.Type ?? existing?.type ?? 'String'), value: input.Value, version, lastModified: Date.now() / 1000 };
      await store.save();
      return { Version: version, Tier: 'Standard' };
    },
  });
  return {
    handle: (req: IncomingMessage, res: ServerResponse) => void handle(req, res),
    value: (name: string) => lookup(name)?.value,
    close: () => store.flush(),
  };
}
