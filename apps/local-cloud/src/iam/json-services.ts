/**
 * The IAM questions of the services that speak the AWS JSON protocol (`POST /` with
 * `X-Amz-Target: <Prefix>.<Operation>`): DynamoDB, EventBridge, Step Functions, SSM and Secrets
 * Manager. The action is `<iam prefix>:<Operation>`; the resource comes from the body (TableName,
 * EventBusName, stateMachineArn, Name, SecretId, ...) with the ARNs the local cloud gives its
 * resources; operations that take no resource are checked against `*`.
 */
import type { CloudModel } from '../model';
import type { AccessRequest } from './policy-evaluator';
import { isRecord, jsonObject, localArn, stringField, type RequestLine, type RequestMapping } from './request-mapping';

/** How one JSON-protocol service is checked and how it refuses. */
export interface JsonServiceSpec {
  /** Display name, e.g. `DynamoDB`. */
  title: string;
  /** `X-Amz-Target` prefix, e.g. `DynamoDB_20120810`. */
  targetPrefix: string;
  /** `1.0` or `1.1`: the content type of the answers. */
  jsonVersion: '1.0' | '1.1';
  /** `__type` of the AccessDenied answer (DynamoDB qualifies it with its namespace). */
  accessDeniedType: string;
  /** The IAM questions of one operation. */
  map(operation: string, input: Record<string, unknown>): RequestMapping;
}

/** The service names of the JSON-protocol endpoints. */
export type JsonServiceName = 'dynamodb' | 'eventbridge' | 'stepfunctions' | 'ssm' | 'secretsmanager';

const requests = (...list: AccessRequest[]): RequestMapping => ({ kind: 'requests', requests: list });
const malformed: RequestMapping = { kind: 'malformed' };

/** Maps one JSON-protocol request with a service's spec. */
export function mapJsonRequest(spec: JsonServiceSpec, line: RequestLine, body: Buffer | undefined): RequestMapping {
  const target = line.headers['x-amz-target'];
  if (line.method !== 'POST' || typeof target !== 'string' || !target.startsWith(`${spec.targetPrefix}.`)) return malformed;
  const input = jsonObject(body);
  if (!input) return malformed;
  return spec.map(target.slice(spec.targetPrefix.length + 1), input);
}

// ---------------------------------------------------------------------------------------------
// DynamoDB

/** A DynamoDB attribute value as the string IAM compares (`dynamodb:LeadingKeys`). */
function scalarOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const type of ['S', 'N', 'B'] as const) if (typeof value[type] === 'string') return value[type] as string;
  return undefined;
}

function dynamoDbSpec(model: CloudModel): JsonServiceSpec {
  const hashKeys = new Map(model.tables.map((t) => [t.tableName, t.keySchema.find((k) => k.KeyType === 'HASH')?.AttributeName]));
  const tableArn = (name: string) => (name.startsWith('arn:') ? name : localArn('dynamodb', `table/${name}`));
  const tableName = (nameOrArn: string) => (nameOrArn.startsWith('arn:') ? nameOrArn.replace(/^.*:table\//, '').split('/')[0] ?? nameOrArn : nameOrArn);
  /** The partition key value of a key or item, when the table is known. */
  const leadingKeyOf = (table: string, item: unknown): string | undefined => {
    const attribute = hashKeys.get(tableName(table));
    return attribute && isRecord(item) ? scalarOf(item[attribute]) : undefined;
  };
  /** The partition key of a Query with an equality on it (`#pk = :pk`), as IAM reads it. */
  const queryLeadingKey = (table: string, input: Record<string, unknown>): string | undefined => {
    const attribute = hashKeys.get(tableName(table));
    const expression = stringField(input, 'KeyConditionExpression');
    if (!attribute || !expression) return undefined;
    const names = isRecord(input.ExpressionAttributeNames) ? input.ExpressionAttributeNames : {};
    const values = isRecord(input.ExpressionAttributeValues) ? input.ExpressionAttributeValues : {};
    for (const [, name, value] of expression.matchAll(/([#\w.-]+)\s*=\s*(:[\w.-]+)/g)) {
      const resolved = name?.startsWith('#') ? names[name] : name;
      if (resolved === attribute) return scalarOf(values[value as string]);
    }
    return undefined;
  };
  const keys = (values: (string | undefined)[]) => {
    const present = values.filter((v): v is string => v !== undefined);
    return present.length === values.length && present.length > 0 ? [...new Set(present)] : undefined;
  };
  const optional = (input: Record<string, unknown>) => ({
    'dynamodb:ReturnValues': stringField(input, 'ReturnValues'),
    'dynamodb:ReturnConsumedCapacity': stringField(input, 'ReturnConsumedCapacity'),
    'dynamodb:Select': stringField(input, 'Select'),
  });
  const ITEM_KEY: Record<string, string> = { GetItem: 'Key', PutItem: 'Item', UpdateItem: 'Key', DeleteItem: 'Key' };
  const TRANSACT_ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };
  const NO_RESOURCE = new Set(['ListTables', 'DescribeLimits', 'DescribeEndpoints', 'ListBackups', 'ListGlobalTables', 'ListExports', 'ListImports']);

  return {
    title: 'DynamoDB',
    targetPrefix: 'DynamoDB_20120810',
    jsonVersion: '1.0',
    accessDeniedType: 'com.amazonaws.dynamodb.v20120810#AccessDeniedException',
    map(operation, input) {
      const action = `dynamodb:${operation}`;
      const table = stringField(input, 'TableName');
      if (ITEM_KEY[operation]) {
        if (!table) return malformed;
        const leading = leadingKeyOf(table, input[ITEM_KEY[operation] as string]);
        return requests({ action, resource: tableArn(table), context: { ...optional(input), 'dynamodb:LeadingKeys': leading } });
      }
      if (operation === 'Query' || operation === 'Scan') {
        if (!table) return malformed;
        const index = stringField(input, 'IndexName');
        const resource = index ? `${tableArn(table)}/index/${index}` : tableArn(table);
        const leading = operation === 'Query' ? queryLeadingKey(table, input) : undefined;
        return requests({ action, resource, context: { ...optional(input), 'dynamodb:LeadingKeys': leading } });
      }
      if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
        if (!isRecord(input.RequestItems)) return malformed;
        return requests(
          ...Object.entries(input.RequestItems).map(([name, entry]) => {
            const items =
              operation === 'BatchGetItem'
                ? (isRecord(entry) && Array.isArray(entry.Keys) ? entry.Keys : []).map((k) => leadingKeyOf(name, k))
                : (Array.isArray(entry) ? entry : []).map((w) => (isRecord(w) ? leadingKeyOf(name, isRecord(w.PutRequest) ? w.PutRequest.Item : isRecord(w.DeleteRequest) ? w.DeleteRequest.Key : undefined) : undefined));
            return { action, resource: tableArn(name), context: { 'dynamodb:LeadingKeys': keys(items) } };
          }),
        );
      }
      if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
        if (!Array.isArray(input.TransactItems)) return malformed;
        const list: AccessRequest[] = [];
        for (const entry of input.TransactItems) {
          const [kind, part] = isRecord(entry) ? (Object.entries(entry)[0] ?? []) : [];
          const itemAction = kind ? TRANSACT_ACTIONS[kind] : undefined;
          if (!itemAction || !isRecord(part) || typeof part.TableName !== 'string') return malformed;
          const leading = leadingKeyOf(part.TableName, kind === 'Put' ? part.Item : part.Key);
          list.push({ action: `dynamodb:${itemAction}`, resource: tableArn(part.TableName), context: { 'dynamodb:LeadingKeys': leading } });
        }
        return requests(...list);
      }
      if (NO_RESOURCE.has(operation)) return requests({ action, resource: '*' });
      const resourceArn = stringField(input, 'ResourceArn') ?? stringField(input, 'TableArn');
      if (resourceArn) return requests({ action, resource: resourceArn });
      if (table) return requests({ action, resource: tableArn(table) });
      return { kind: 'unknown', what: `DynamoDB ${operation}` };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// EventBridge

function eventBridgeSpec(): JsonServiceSpec {
  const busName = (nameOrArn: string | undefined) => (nameOrArn ? nameOrArn.replace(/^arn:[^:]*:events:[^:]*:[^:]*:event-bus\//, '') : 'default');
  const busArn = (nameOrArn: string | undefined) => (nameOrArn?.startsWith('arn:') ? nameOrArn : localArn('events', `event-bus/${busName(nameOrArn)}`));
  const ruleArn = (name: string, bus: string | undefined) => {
    if (name.startsWith('arn:')) return name;
    const onBus = busName(bus);
    return localArn('events', onBus === 'default' ? `rule/${name}` : `rule/${onBus}/${name}`);
  };
  const RULE_BY_NAME = new Set(['PutRule', 'DeleteRule', 'DescribeRule', 'EnableRule', 'DisableRule']);
  const RULE_BY_RULE = new Set(['ListTargetsByRule', 'PutTargets', 'RemoveTargets']);
  const BUS_BY_NAME = new Set(['DescribeEventBus', 'CreateEventBus', 'DeleteEventBus', 'UpdateEventBus']);
  return {
    title: 'EventBridge',
    targetPrefix: 'AWSEvents',
    jsonVersion: '1.1',
    accessDeniedType: 'AccessDeniedException',
    map(operation, input) {
      const action = `events:${operation}`;
      if (operation === 'PutEvents') {
        if (!Array.isArray(input.Entries)) return malformed;
        // Every entry is checked on its own bus; one refused entry refuses the call, as IAM does.
        return requests(
          ...input.Entries.map((entry) => {
            const e = isRecord(entry) ? entry : {};
            return { action, resource: busArn(stringField(e, 'EventBusName')), context: { 'events:source': stringField(e, 'Source'), 'events:detail-type': stringField(e, 'DetailType') } };
          }),
        );
      }
      const bus = stringField(input, 'EventBusName');
      if (RULE_BY_NAME.has(operation) || RULE_BY_RULE.has(operation)) {
        const name = stringField(input, RULE_BY_NAME.has(operation) ? 'Name' : 'Rule');
        return name ? requests({ action, resource: ruleArn(name, bus) }) : malformed;
      }
      if (BUS_BY_NAME.has(operation)) {
        const name = stringField(input, 'Name');
        return requests({ action, resource: busArn(name) });
      }
      return requests({ action, resource: '*' });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Step Functions

function stepFunctionsSpec(): JsonServiceSpec {
  const BY_STATE_MACHINE = new Set(['StartExecution', 'StartSyncExecution', 'DescribeStateMachine', 'ListExecutions', 'UpdateStateMachine', 'DeleteStateMachine', 'ListStateMachineVersions', 'PublishStateMachineVersion']);
  const BY_EXECUTION = new Set(['DescribeExecution', 'StopExecution', 'GetExecutionHistory', 'DescribeStateMachineForExecution', 'RedriveExecution']);
  return {
    title: 'Step Functions',
    targetPrefix: 'AWSStepFunctions',
    jsonVersion: '1.0',
    accessDeniedType: 'AccessDeniedException',
    map(operation, input) {
      const action = `states:${operation}`;
      const field = BY_STATE_MACHINE.has(operation) ? 'stateMachineArn' : BY_EXECUTION.has(operation) ? 'executionArn' : undefined;
      if (!field) return requests({ action, resource: '*' });
      const arn = stringField(input, field);
      return arn ? requests({ action, resource: arn }) : malformed;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// SSM Parameter Store

function ssmSpec(): JsonServiceSpec {
  const parameterArn = (name: string) => (name.startsWith('arn:') ? name : localArn('ssm', `parameter${name.startsWith('/') ? '' : '/'}${name}`));
  const BY_NAME = new Set(['GetParameter', 'GetParameterHistory', 'DeleteParameter', 'PutParameter', 'LabelParameterVersion', 'UnlabelParameterVersion']);
  const BY_NAMES = new Set(['GetParameters', 'DeleteParameters']);
  return {
    title: 'SSM',
    targetPrefix: 'AmazonSSM',
    jsonVersion: '1.1',
    accessDeniedType: 'AccessDeniedException',
    map(operation, input) {
      const action = `ssm:${operation}`;
      if (BY_NAME.has(operation)) {
        const name = stringField(input, 'Name');
        return name ? requests({ action, resource: parameterArn(name) }) : malformed;
      }
      if (BY_NAMES.has(operation)) {
        const names = Array.isArray(input.Names) ? input.Names.filter((n): n is string => typeof n === 'string') : [];
        return names.length ? requests(...names.map((n) => ({ action, resource: parameterArn(n) }))) : malformed;
      }
      if (operation === 'GetParametersByPath') {
        const path = stringField(input, 'Path');
        return path ? requests({ action, resource: parameterArn(path.length > 1 ? path.replace(/\/+$/, '') : '/') }) : malformed;
      }
      return requests({ action, resource: '*' });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Secrets Manager

function secretsManagerSpec(model: CloudModel): JsonServiceSpec {
  /** A secret by name, ARN or partial ARN (without the 6-character suffix), as the service finds it. */
  const secretArn = (id: string) => {
    for (const s of model.secrets) if (s.name === id || s.arn === id || (id.startsWith('arn:') && s.arn.startsWith(`${id}-`))) return s.arn;
    return id.startsWith('arn:') ? id : localArn('secretsmanager', `secret:${id}`);
  };
  const NO_RESOURCE = new Set(['ListSecrets', 'GetRandomPassword', 'BatchGetSecretValue']);
  return {
    title: 'Secrets Manager',
    targetPrefix: 'secretsmanager',
    jsonVersion: '1.1',
    accessDeniedType: 'AccessDeniedException',
    map(operation, input) {
      const action = `secretsmanager:${operation}`;
      if (operation === 'BatchGetSecretValue') {
        const ids = Array.isArray(input.SecretIdList) ? input.SecretIdList.filter((n): n is string => typeof n === 'string') : [];
        // The batch needs its own action and GetSecretValue on every secret it returns.
        return requests({ action, resource: '*' }, ...ids.map((id) => ({ action: 'secretsmanager:GetSecretValue', resource: secretArn(id), context: { 'secretsmanager:SecretId': id } })));
      }
      if (NO_RESOURCE.has(operation)) return requests({ action, resource: '*' });
      if (operation === 'CreateSecret') {
        const name = stringField(input, 'Name');
        return name ? requests({ action, resource: secretArn(name), context: { 'secretsmanager:Name': name } }) : malformed;
      }
      const id = stringField(input, 'SecretId');
      if (!id) return malformed;
      return requests({
        action,
        resource: secretArn(id),
        context: { 'secretsmanager:SecretId': id, 'secretsmanager:VersionId': stringField(input, 'VersionId'), 'secretsmanager:VersionStage': stringField(input, 'VersionStage') },
      });
    },
  };
}

/** The specs of every JSON-protocol service, for one model. */
export function jsonServiceSpecs(model: CloudModel): Record<JsonServiceName, JsonServiceSpec> {
  return {
    dynamodb: dynamoDbSpec(model),
    eventbridge: eventBridgeSpec(),
    stepfunctions: stepFunctionsSpec(),
    ssm: ssmSpec(),
    secretsmanager: secretsManagerSpec(model),
  };
}
