/**
 * The one Lambda function construct every team uses, so that the house defaults (arm64, the newest
 * Node.js runtime, a minified ESM bundle with source maps, a log group with retention, X-Ray
 * tracing, structured JSON logs) are decided once.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledgeNag } from './nag';

/** Props of {@link ServiceFunction}. */
export interface ServiceFunctionProps {
  /** Path of the handler's TypeScript entry file. */
  readonly entry: string;
  /** Name of the exported handler. @default 'handler' */
  readonly handler?: string;
  /** Powertools service name, also the `service` key of every log line. */
  readonly serviceName: string;
  /** Extra environment variables (never secrets: read those at run time). @default {} */
  readonly environment?: Record<string, string>;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** Log retention. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** One sentence on what the function does. */
  readonly description?: string;
  /** Reserved concurrency, to bound the blast radius on a downstream. @default no reservation */
  readonly reservedConcurrentExecutions?: number;
  /** Passed through for anything the defaults do not cover. */
  readonly overrides?: Partial<NodejsFunctionProps>;
}

/** The newest Node.js runtime aws-cdk-lib offers; one place to bump it. */
export const SERVICE_RUNTIME = Runtime.NODEJS_24_X;

/**
 * A Node.js Lambda function with the house defaults. Bundling uses the workspace's esbuild (never
 * Docker), bundles the AWS SDK too (the version we test is the version that runs) and writes ESM.
 */
export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of the AWS managed AWSLambdaBasicExecutionRole: it may write only to
    // this function's log group, not to every log group of the account.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.serviceName}/${id}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: props.entry,
      handler: props.handler ?? 'handler',
      description: props.description,
      runtime: SERVICE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node24',
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require(); give the ESM bundle one.
        banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
        externalModules: [],
      },
      ...props.overrides,
    });
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      acknowledgeNag(policy, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; AWS requires Resource "*" for active tracing.');
    }
  }
}
