/**
 * The port through which Task states reach the outside world. The engine evaluates the state's
 * arguments, writes the history, enforces TimeoutSeconds and HeartbeatSeconds, waits for task
 * tokens and applies Retry and Catch; a {@link TaskInvoker} only performs the call (a Lambda
 * invocation, an EventBridge PutEvents, an AWS SDK call, a nested execution, a mocked response).
 */
import type { ContextObject } from './context';

/** How a Task waits for its resource (developer guide, "Service integration patterns"). */
export type IntegrationPattern = 'request-response' | 'sync' | 'sync:2' | 'waitForTaskToken';

/** What a Task's `Resource` names, as the history and an invoker need it. */
export interface ResourceDescription {
  /** The ARN as written in the definition. */
  arn: string;
  /**
   * `lambda-function`: a function ARN used directly (history: LambdaFunction* events);
   * `activity`: an activity ARN (Activity* events); `integration`:
   * `arn:<partition>:states:::<service>:<action>` (Task* events).
   */
  kind: 'lambda-function' | 'activity' | 'integration';
  /** `resourceType` of the Task* history events: `lambda`, `events`, `aws-sdk:dynamodb`, `states`, ... */
  resourceType: string;
  /** `resource` of the Task* history events: `invoke`, `putEvents`, `startExecution.sync:2`, ... */
  resource: string;
  /** The service's action without the pattern suffix: `invoke`, `putEvents`, `getItem`, ... */
  action: string;
  pattern: IntegrationPattern;
}

const PATTERN_SUFFIXES: [string, IntegrationPattern][] = [
  ['.sync:2', 'sync:2'],
  ['.sync', 'sync'],
  ['.waitForTaskToken', 'waitForTaskToken'],
];

/**
 * Describes a Task resource ARN.
 * @returns undefined when the text is not a resource ARN Step Functions knows the shape of
 */
export function describeResource(arn: string): ResourceDescription | undefined {
  const lambda = /^arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+(:[^:]+)?$/.exec(arn);
  if (lambda) return { arn, kind: 'lambda-function', resourceType: 'lambda', resource: 'invoke', action: 'invoke', pattern: 'request-response' };
  if (/^arn:[^:]+:states:[^:]+:\d{12}:activity:.+$/.test(arn)) {
    return { arn, kind: 'activity', resourceType: 'activity', resource: arn, action: 'activity', pattern: 'request-response' };
  }
  const integration = /^arn:[^:]+:states:::(.+)$/.exec(arn);
  if (!integration) return undefined;
  let rest = integration[1] as string;
  let pattern: IntegrationPattern = 'request-response';
  let suffix = '';
  for (const [text, name] of PATTERN_SUFFIXES) {
    if (rest.endsWith(text)) {
      pattern = name;
      suffix = text;
      rest = rest.slice(0, -text.length);
      break;
    }
  }
  const colon = rest.lastIndexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  const action = rest.slice(colon + 1);
  return { arn, kind: 'integration', resourceType: rest.slice(0, colon), resource: `${action}${suffix}`, action, pattern };
}

/** One call of a Task's resource. */
export interface TaskRequest {
  /** The Task's `Resource`, described. */
  resource: ResourceDescription;
  /** The evaluated `Parameters` (JSONPath) or `Arguments` (JSONata): what AWS would send. */
  arguments: unknown;
  /** The Task state's name. */
  stateName: string;
  /** Retries done before this attempt, in this entry of the state (`$$.State.RetryCount`). */
  retryCount: number;
  /** The task token, for `.waitForTaskToken` resources (also in `context.Task.Token`). */
  taskToken?: string;
  /** The state's effective TimeoutSeconds, when it has one. */
  timeoutSeconds?: number;
  /** The state's effective HeartbeatSeconds, when it has one. */
  heartbeatSeconds?: number;
  /** Aborted when the task times out, the execution stops, or a sibling branch fails. */
  signal: AbortSignal;
  /** Resets the heartbeat deadline, as SendTaskHeartbeat does. */
  heartbeat(): void;
  /**
   * For `.sync` resources: the job was started (a StartExecution or RunTask answer); writes
   * TaskSubmitted with it. The task then completes with the invoker's return value.
   */
  submitted(output: unknown): void;
  /** The context object of the state (`$$`). */
  context: ContextObject;
  /** The `Credentials` field of the state, evaluated, when it has one. */
  credentials?: unknown;
}

/**
 * Performs Task calls. Return (or resolve to) the task's result; throw a `TaskFailure` to fail the
 * task with an error name and cause (any other thrown error fails it with its `name`, or with
 * `States.TaskFailed` when that is the generic `Error`). For `.waitForTaskToken` resources the
 * returned value is ignored: the task completes when its token is sent back.
 */
export interface TaskInvoker {
  invoke(request: TaskRequest): unknown;
}

/** An invoker that fails every task: the default, so a missing invoker is an obvious error, not a hang. */
export const noTaskInvoker: TaskInvoker = {
  invoke(request) {
    throw Object.assign(new Error(`No TaskInvoker was given to run ${request.resource.arn} (state ${request.stateName})`), { name: 'States.TaskFailed' });
  },
};
