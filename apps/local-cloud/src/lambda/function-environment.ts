/**
 * The environment of one function's sandbox: the template's variables, what Lambda itself sets
 * (function name, handler, region, ...), and `AWS_ENDPOINT_URL_<SERVICE>` pointing the AWS SDK at
 * the local endpoints. Nothing is inherited from the parent process: no real AWS credentials,
 * profile or config file can leak into a function, and each function signs its requests with its
 * own access key id (its logical id), which tells the local endpoints who is calling.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { LOCAL_REGION, type FunctionModel } from '../model';

/** Base URLs of the local AWS endpoints a function may call. */
export interface AwsEndpoints {
  dynamodb: string;
  s3: string;
  sesv2: string;
  eventbridge: string;
  stepfunctions: string;
  ssm: string;
  secretsmanager: string;
  lambda: string;
}

/** The secret access key every function signs with (the key id is what identifies it). */
export const FUNCTION_SECRET_ACCESS_KEY = 'local-cloud-function-secret';

/** The access key id of a function: its logical id, so SigV4 `Authorization` names the caller. */
export function functionAccessKeyId(fn: Pick<FunctionModel, 'logicalId'>): string {
  return fn.logicalId;
}

/** Builds the complete environment of a function's worker. */
export function functionEnvironment(
  fn: FunctionModel,
  endpoints: AwsEndpoints,
  initializationType: 'on-demand' | 'provisioned-concurrency' = 'on-demand',
): Record<string, string> {
  const missingConfig = join(tmpdir(), 'local-cloud-no-aws-config');
  return {
    PATH: ['/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin', process.env.PATH].filter(Boolean).join(':'),
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    ...fn.environment,
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: functionAccessKeyId(fn),
    AWS_SECRET_ACCESS_KEY: FUNCTION_SECRET_ACCESS_KEY,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${fn.logicalId}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: initializationType,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    _HANDLER: fn.handler,
    LAMBDA_TASK_ROOT: fn.codeDir,
    // The SDK must not read the developer's ~/.aws files or ask an instance metadata service.
    AWS_CONFIG_FILE: missingConfig,
    AWS_SHARED_CREDENTIALS_FILE: missingConfig,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: endpoints.sesv2,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
    AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
    AWS_ENDPOINT_URL_SSM: endpoints.ssm,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsmanager,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    // The SDK warns that the local Node.js is older than it will require; Lambda's runtime is not.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
