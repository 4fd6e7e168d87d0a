/**
 * Cross-team wiring through SSM parameters instead of CloudFormation exports: an export locks both
 * stacks (the exporter cannot change the value while an importer uses it), a parameter does not.
 * A team publishes its function ARNs under `/onboarding/<service>/functions/<name>/arn`; the
 * orchestration resolves them at deploy time with a CloudFormation SSM parameter type (no lookup at
 * synth time, so synth needs no AWS account).
 */
import { Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** The SSM parameter name that holds the ARN of a team's function. */
export function functionArnParameterName(service: string, functionName: string): string {
  return `/onboarding/${service}/functions/${functionName}/arn`;
}

/** Publishes a function's ARN as an SSM parameter for other teams to use. */
export function publishFunctionArn(scope: Construct, service: string, functionName: string, fn: IFunction): StringParameter {
  return new StringParameter(scope, `${functionName}ArnParameter`, {
    parameterName: functionArnParameterName(service, functionName),
    stringValue: fn.functionArn,
    description: `ARN of ${service}'s ${functionName} function (read by the orchestration).`,
  });
}

/** Imports another team's function from its SSM parameter, resolved at deploy time. */
export function importFunctionArn(scope: Construct, service: string, functionName: string): IFunction {
  const arn = StringParameter.valueForStringParameter(scope, functionArnParameterName(service, functionName));
  return LambdaFunction.fromFunctionAttributes(scope, `${service}-${functionName}`, {
    functionArn: arn,
    sameEnvironment: true,
    skipPermissions: true,
  });
}

/** The region/account-agnostic ARN prefix of the stack, for scoping IAM statements. */
export function stackArn(scope: Construct, service: string, resource: string): string {
  const stack = Stack.of(scope);
  return stack.formatArn({ service, resource });
}
