/**
 * The IAM question of a Lambda Invoke request (`POST /2015-03-31/functions/<name>/invocations`):
 * `lambda:InvokeFunction` on the function's ARN, with the qualifier when one is given (in the name,
 * `name:alias`, or as `?Qualifier=`), whichever way the caller names the function (name, ARN or
 * partial ARN `<account>:function:<name>`).
 */
import { LOCAL_REGION } from '../model';
import { localArn, type RequestLine, type RequestMapping } from './request-mapping';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

/** The ARN a function reference stands for. */
export function functionArnOf(reference: string, qualifier?: string): string {
  let arn: string;
  if (reference.startsWith('arn:')) arn = reference;
  else if (/^\d{12}:function:/.test(reference)) arn = `arn:aws:lambda:${LOCAL_REGION}:${reference}`;
  else arn = localArn('lambda', `function:${reference}`);
  return qualifier && !/:function:[^:]+:[^:]+$/.test(arn) ? `${arn}:${qualifier}` : arn;
}

/** The IAM question of one request to the Lambda endpoint. */
export function mapLambdaRequest(line: RequestLine): RequestMapping {
  const match = INVOKE_PATH.exec(line.path);
  if (line.method !== 'POST' || !match) return { kind: 'unknown', what: `Lambda ${line.method} ${line.path}` };
  let reference: string;
  try {
    reference = decodeURIComponent(match[1] as string);
  } catch {
    return { kind: 'malformed' };
  }
  const resource = functionArnOf(reference, line.query.get('Qualifier') ?? undefined);
  return { kind: 'requests', requests: [{ action: 'lambda:InvokeFunction', resource }] };
}
