/**
 * The local cloud's model of what the synthesized templates declare, with every intrinsic
 * (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, SSM parameter references, ...) already resolved to local
 * names and ARNs. The assembly reader produces it; the emulators, the EventBridge and Step
 * Functions endpoints and the Lambda runtime consume it. Nothing here is hand-written per service:
 * adding a function, a rule or a table in CDK changes the model, not the local cloud's code.
 */

/** Account and region the local cloud pretends to be. */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'us-east-1';

/** Where a resource came from, for messages and the console. */
export interface Origin {
  /** Cloud assembly (app) name, e.g. `user-service`. */
  app: string;
  stackName: string;
  logicalId: string;
}

export interface FunctionModel extends Origin {
  /** Physical name the local cloud gives it (also in its ARN). */
  functionName: string;
  arn: string;
  /** Absolute path of the asset folder (the esbuild bundle: index.mjs / index.js). */
  codeDir: string;
  /** `index.handler` etc., as in the template. */
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memorySize: number;
  /** Template `Environment.Variables`, resolved. */
  environment: Record<string, string>;
  /** Logical id of the execution role, if any. */
  roleLogicalId?: string;
  /** ARN of the execution role (the key of its entry in `CloudModel.roles`). Added by local-cloud A. */
  roleArn?: string;
  /** Why the local cloud cannot run this function (container image, inline code, non-Node runtime), if so. Added by local-cloud A. */
  unavailableReason?: string;
  /**
   * Asynchronous invocation settings (`AWS::Lambda::EventInvokeConfig`, `DeadLetterConfig`), with
   * Lambda's defaults: 2 retries, 6 hours. Added by local-cloud A.
   */
  asyncInvoke?: { maximumRetryAttempts: number; maximumEventAgeInSeconds: number; onFailureArn?: string };
}

export interface TableModel extends Origin {
  tableName: string;
  arn: string;
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  globalSecondaryIndexes?: unknown[];
  localSecondaryIndexes?: unknown[];
  timeToLiveAttribute?: string;
}

export interface BucketModel extends Origin {
  bucketName: string;
  arn: string;
}

export interface QueueModel extends Origin {
  queueName: string;
  arn: string;
  url: string;
}

export interface EventBusModel extends Origin {
  name: string;
  arn: string;
}

/** One target of a rule, with the input shaping EventBridge applies before delivery. */
export interface RuleTargetModel {
  id: string;
  /** ARN of the target (a function, a state machine, a queue, ...). */
  arn: string;
  input?: string;
  inputPath?: string;
  inputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  deadLetterArn?: string;
  retryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
}

export interface RuleModel extends Origin {
  name: string;
  arn: string;
  eventBusName: string;
  /** The event pattern as an object (never a string). */
  eventPattern: Record<string, unknown>;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: RuleTargetModel[];
}

export interface StateMachineModel extends Origin {
  name: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  /** The ASL definition, resolved, as an object. */
  definition: Record<string, unknown>;
  roleLogicalId?: string;
  /** ARN of the state machine's role (the key of its entry in `CloudModel.roles`). Added by local-cloud A. */
  roleArn?: string;
}

export interface HttpRouteModel extends Origin {
  apiName: string;
  /** e.g. `POST /signup` */
  routeKey: string;
  /** ARN of the function the route integrates with. */
  functionArn: string;
  /** The API's id and the integration's payload format (`2.0` for HTTP APIs by default). Added by local-cloud A. */
  apiId?: string;
  payloadFormatVersion?: '1.0' | '2.0';
}

export interface SecretModel extends Origin {
  name: string;
  arn: string;
  /** `SecretString` from the template, if set. Added by local-cloud A. */
  initialValue?: string;
  /** `GenerateSecretString` from the template, if set (the local cloud generates a value at boot). Added by local-cloud A. */
  generateSecretString?: { SecretStringTemplate?: string; GenerateStringKey?: string; PasswordLength?: number; ExcludePunctuation?: boolean };
}

export interface SsmParameterModel extends Origin {
  name: string;
  value: string;
  type: string;
}

/** IAM policy statements of a role, for the local IAM check. `CloudModel.roles` is keyed by role ARN. */
export interface RolePolicyModel extends Origin {
  statements: { Effect: 'Allow' | 'Deny'; Action: string[]; Resource: string[]; Condition?: Record<string, unknown> }[];
}

/** Everything the local cloud runs. */
export interface CloudModel {
  functions: FunctionModel[];
  tables: TableModel[];
  buckets: BucketModel[];
  queues: QueueModel[];
  buses: EventBusModel[];
  rules: RuleModel[];
  stateMachines: StateMachineModel[];
  httpRoutes: HttpRouteModel[];
  secrets: SecretModel[];
  ssmParameters: SsmParameterModel[];
  roles: Record<string, RolePolicyModel>;
}

/** What invoking a function returns, shaped like Lambda's Invoke API. */
export interface InvokeResult {
  StatusCode: number;
  /** The handler's return value (already JSON-compatible), or `{ errorType, errorMessage, trace }`. */
  Payload: unknown;
  /** `Unhandled` when the handler threw or timed out, as Lambda reports. */
  FunctionError?: 'Unhandled' | 'Handled';
  /** Milliseconds spent, and whether this invocation paid a cold start. */
  durationMs: number;
  coldStart: boolean;
}

/** Invokes a function by ARN or name (the Lambda runtime implements it). */
export type InvokeFunction = (functionArnOrName: string, payload: unknown) => Promise<InvokeResult>;

/** A PutEvents entry as the SDK sends it. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number;
  TraceHeader?: string;
}

/** Puts entries on the local bus (the EventBridge endpoint implements it; the state machine's putEvents uses it). */
export type PutEvents = (entries: PutEventsEntry[]) => Promise<{ FailedEntryCount: number; Entries: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[] }>;
