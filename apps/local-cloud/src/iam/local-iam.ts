/**
 * Local IAM: every AWS call a function makes in the local cloud is checked against the policy of
 * the function's execution role, as synthesized, and refused with the AccessDenied answer of the
 * service's protocol when AWS would refuse it. Removing a grant in CDK therefore makes the local
 * flow fail at the same step as the deployed one.
 *
 * Where the check sits:
 * - the local cloud's own servers (EventBridge, Step Functions, SSM, Secrets Manager, Lambda
 *   Invoke): a gate in front of the handler ({@link LocalIam.gate});
 * - the third-party emulators (dynalite, s3rver, aws-ses-v2-local): an authorizing reverse proxy on
 *   the public port, the emulator on an internal one ({@link LocalIam.startProxy});
 * - the state machines' own calls (lambda:invoke, events:putEvents tasks): checked against the
 *   state machine's role ({@link LocalIam.taskCalls}).
 *
 * Callers that are not functions (tests, the CLI, the console) are administrators and pass
 * unchecked, with no buffering.
 */
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen } from '../emulators/listen';
import type { CloudModel, InvokeFunction, PutEvents, StateMachineModel } from '../model';
import {
  accessDeniedMessage,
  deleteObjectsBody,
  deleteObjectsError,
  deleteObjectsResult,
  mergeDeleteObjectsErrors,
  sendJsonAccessDenied,
  sendRestJsonAccessDenied,
  sendS3AccessDenied,
  sendSesV1AccessDenied,
  unknownRequestMessage,
  type MessageStyle,
} from './access-denied';
import { normalizeContext, type ContextLookup, type NormalizedContext } from './conditions';
import { accessKeyIdOf, forward, readBodyLimited, replayRequest } from './http-plumbing';
import { jsonServiceSpecs, mapJsonRequest, type JsonServiceName } from './json-services';
import { functionArnOf, mapLambdaRequest } from './lambda-requests';
import { evaluatePolicy, type AccessRequest, type PolicyDecision } from './policy-evaluator';
import { principalContext, principalDirectory, sessionArnOf, type Principal, type PrincipalDirectory } from './principals';
import { localArn, requestLine, type RequestLine, type RequestMapping } from './request-mapping';
import { deleteObjectRequest, mapS3Request, s3NeedsBody, type S3Mapping } from './s3-requests';
import { mapSesRequest, sesApiVersion, sesNeedsBody } from './ses-requests';

/** The local cloud's own servers the gate can stand in front of. */
export type GatedServer = Exclude<JsonServiceName, 'dynamodb'> | 'lambda';

/** The third-party emulators the proxy stands in front of. */
export type ProxiedEmulator = 'dynamodb' | 's3' | 'sesv2';

/** One refused call, for the console and tests. */
export interface AccessDenial {
  time: string;
  /** The function (or state machine) that called. */
  caller: string;
  roleArn: string;
  action: string;
  resource: string;
  /** `explicit-deny`, `implicit-deny` or `unknown-request` (the local cloud could not map it: fail closed). */
  reason: PolicyDecision['reason'] | 'unknown-request';
  message: string;
}

/** Options of {@link LocalIam}. */
export interface LocalIamOptions {
  model: CloudModel;
  /** Refused calls kept for {@link LocalIam.denials}. @default 1000 */
  maxDenials?: number;
  /** Called with every refused call. */
  onDenied?: (denial: AccessDenial) => void;
}

/** What one service needs to be checked: which bodies to read, how to map, how to refuse. */
interface ServiceCheck {
  needsBody(line: RequestLine): boolean;
  map(line: RequestLine, body: Buffer | undefined): S3Mapping;
  refuse(res: ServerResponse, message: string, line: RequestLine): void;
  style(line: RequestLine): MessageStyle;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The largest body read to authorize a request (DynamoDB batches are at most 16 MB, SES raw mail 40 MB). */
const MAX_AUTHORIZED_BODY_BYTES = 48 * 1024 * 1024;

/** A refusal: the AccessDenied message to answer with. */
interface Refusal {
  message: string;
}

export class LocalIam {
  /** What the IAM check cannot cover (functions without a role, ...), for the boot notes. */
  readonly notes: string[];
  private readonly directory: PrincipalDirectory;
  private readonly checks: Record<GatedServer | ProxiedEmulator, ServiceCheck>;
  private readonly recent: AccessDenial[] = [];
  private readonly contexts = new WeakMap<Principal, NormalizedContext>();

  constructor(private readonly options: LocalIamOptions) {
    this.directory = principalDirectory(options.model);
    this.notes = [...this.directory.notes];
    const json = jsonServiceSpecs(options.model);
    const jsonCheck = (name: JsonServiceName): ServiceCheck => {
      const spec = json[name];
      return {
        needsBody: () => true,
        map: (line, body) => mapJsonRequest(spec, line, body),
        refuse: (res, message) => sendJsonAccessDenied(res, spec.accessDeniedType, spec.jsonVersion, message),
        style: () => 'standard',
      };
    };
    this.checks = {
      dynamodb: jsonCheck('dynamodb'),
      eventbridge: jsonCheck('eventbridge'),
      stepfunctions: jsonCheck('stepfunctions'),
      ssm: jsonCheck('ssm'),
      secretsmanager: jsonCheck('secretsmanager'),
      lambda: {
        needsBody: () => false,
        map: (line) => mapLambdaRequest(line),
        refuse: (res, message) => sendRestJsonAccessDenied(res, message, { Type: 'User' }),
        style: () => 'standard',
      },
      s3: {
        needsBody: s3NeedsBody,
        map: mapS3Request,
        refuse: (res, message, line) => sendS3AccessDenied(res, message, line.method === 'HEAD'),
        style: () => 's3',
      },
      sesv2: {
        needsBody: sesNeedsBody,
        map: mapSesRequest,
        refuse: (res, message, line) => (sesApiVersion(line) === '1' ? sendSesV1AccessDenied(res, message) : sendRestJsonAccessDenied(res, message)),
        style: () => 'ses',
      },
    };
  }

  /** The principals behind an access key id; undefined for callers that are not checked. */
  principalsOf(accessKeyId: string | undefined): readonly Principal[] | undefined {
    return accessKeyId === undefined ? undefined : this.directory.byAccessKeyId.get(accessKeyId);
  }

  /** The calls refused so far, oldest first. */
  denials(): AccessDenial[] {
    return [...this.recent];
  }

  /**
   * Checks requests for principals (every principal must allow every request). Records and
   * returns the refusal, or undefined when everything is allowed.
   */
  check(principals: readonly Principal[], requests: readonly AccessRequest[], style: MessageStyle = 'standard'): Refusal | undefined {
    const time = new Date();
    for (const principal of principals) {
      const global = this.globalContext(principal);
      const base: ContextLookup = {
        get: (key) => (key === 'aws:currenttime' ? [time.toISOString()] : key === 'aws:epochtime' ? [String(Math.floor(time.getTime() / 1000))] : global.get(key)),
      };
      for (const request of requests) {
        const decision = evaluatePolicy(principal.statements, request, base);
        if (decision.allowed) continue;
        const message = accessDeniedMessage(principal, request, decision, style);
        this.record({ time: time.toISOString(), caller: principal.name, roleArn: principal.roleArn, action: request.action, resource: request.resource, reason: decision.reason, message });
        return { message };
      }
    }
    return undefined;
  }

  /** A principal's global condition keys, normalized once. */
  private globalContext(principal: Principal): NormalizedContext {
    let context = this.contexts.get(principal);
    if (!context) this.contexts.set(principal, (context = normalizeContext(principal.context)));
    return context;
  }

  /** Decides a mapped request: a refusal, or undefined to let it through. */
  private decide(principals: readonly Principal[], mapping: RequestMapping, style: MessageStyle): Refusal | undefined {
    if (mapping.kind === 'malformed') return undefined;
    if (mapping.kind === 'unknown') {
      const first = principals[0] as Principal;
      const message = unknownRequestMessage(first, mapping.what);
      this.record({ time: new Date().toISOString(), caller: first.name, roleArn: first.roleArn, action: '(unknown)', resource: mapping.what, reason: 'unknown-request', message });
      return { message };
    }
    return this.check(principals, mapping.requests, style);
  }

  private record(denial: AccessDenial): void {
    this.recent.push(denial);
    const limit = this.options.maxDenials ?? 1000;
    if (this.recent.length > limit) this.recent.splice(0, this.recent.length - limit);
    this.options.onDenied?.(denial);
  }

  /**
   * Runs the check for one request, then either refuses it or calls `pass` with the body that
   * was read (undefined when the body was not needed and is still unread).
   */
  private async authorize(check: ServiceCheck, principals: readonly Principal[], req: IncomingMessage, res: ServerResponse, pass: (body: Buffer | undefined, mapping: S3Mapping) => void): Promise<void> {
    const line = requestLine(req.method, req.url, req.headers);
    const body = check.needsBody(line) ? await readBodyLimited(req, MAX_AUTHORIZED_BODY_BYTES) : undefined;
    if (body === 'too-large') {
      check.refuse(res, `The request body is over ${MAX_AUTHORIZED_BODY_BYTES} bytes, more than local IAM reads to authorize a call`, line);
      return;
    }
    const mapping = check.map(line, body);
    if (mapping.kind === 'delete-objects') {
      pass(body, mapping);
      return;
    }
    const refusal = this.decide(principals, mapping, check.style(line));
    if (refusal) check.refuse(res, refusal.message, line);
    else pass(body, mapping);
  }

  /** Wraps one of the local cloud's own servers: checked callers are authorized before the handler runs. */
  gate(server: GatedServer, handler: Handler): Handler {
    const check = this.checks[server];
    return (req, res) => {
      const principals = this.principalsOf(accessKeyIdOf(req));
      if (!principals) return handler(req, res);
      this.authorize(check, principals, req, res, (body) => handler(body ? replayRequest(req, body) : req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(400).end();
        else res.destroy();
      });
    };
  }

  /**
   * Starts the authorizing front of an emulator on `port` (0: a free one). A request goes to the
   * emulator's own request listener in this process when it can (no second HTTP hop): always for
   * dynalite, which reads a replayed body like any stream, and for S3 and SES when the check did
   * not need the body; otherwise (a body read for the check, a multi-object delete rewritten) it is
   * forwarded over HTTP to the emulator's internal URL. Resolves with the public URL.
   */
  async startProxy(emulator: ProxiedEmulator, port: number, backend: { url: string; handler?: Handler }): Promise<{ url: string; close(): Promise<void> }> {
    const check = this.checks[emulator];
    const upstream = new URL(backend.url);
    const local = backend.handler;
    const replaysBodies = emulator === 'dynamodb';
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      const principals = this.principalsOf(accessKeyIdOf(req));
      if (!principals) return local ? local(req, res) : forward(req, res, upstream, agent);
      this.authorize(check, principals, req, res, (body, mapping) => {
        if (mapping.kind === 'delete-objects') this.forwardDeleteObjects(principals, mapping, req, res, upstream, agent, body);
        else if (local && body === undefined) local(req, res);
        else if (local && replaysBodies && body) local(replayRequest(req, body), res);
        else forward(req, res, upstream, agent, body ? { body } : {});
      }).catch(() => {
        if (!res.headersSent) res.writeHead(400).end();
        else res.destroy();
      });
    });
    const url = await listen(server, port, `${emulator} emulator (local IAM)`);
    return {
      url,
      close: async () => {
        await closeServer(server);
        agent.destroy();
      },
    };
  }

  /**
   * A multi-object delete is authorized key by key, as S3 does: refused keys come back as
   * `AccessDenied` errors in the result, the allowed ones are deleted.
   */
  private forwardDeleteObjects(
    principals: readonly Principal[],
    mapping: Extract<S3Mapping, { kind: 'delete-objects' }>,
    req: IncomingMessage,
    res: ServerResponse,
    upstream: URL,
    agent: Agent,
    body: Buffer | undefined,
  ): void {
    const refused: string[] = [];
    const allowed: string[] = [];
    for (const entry of mapping.objects) {
      if (this.check(principals, [deleteObjectRequest(mapping.bucket, entry)], 's3')) refused.push(deleteObjectsError(entry.key, entry.versionId));
      else allowed.push(entry.xml);
    }
    if (refused.length === 0) {
      forward(req, res, upstream, agent, body ? { body } : {});
      return;
    }
    if (allowed.length === 0) {
      const text = deleteObjectsResult(refused);
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(text)) }).end(text);
      return;
    }
    forward(req, res, upstream, agent, {
      body: Buffer.from(deleteObjectsBody(allowed, mapping.quiet)),
      // The body changed: its checksums no longer hold.
      dropHeaders: ['content-md5', ...Object.keys(req.headers).filter((h) => h.startsWith('x-amz-checksum-') || h === 'x-amz-sdk-checksum-algorithm')],
      rewrite: (status, answer) => (status === 200 ? Buffer.from(mergeDeleteObjectsErrors(answer.toString('utf8'), refused)) : answer),
    });
  }

  /**
   * The calls a state machine makes from its Task states, checked against its role: a refused
   * `lambda:invoke` fails the task with `Lambda.AWSLambdaException`, a refused `events:putEvents`
   * with `EventBridge.AmazonEventBridgeException`, with AWS's AccessDenied cause.
   */
  taskCalls = (machine: StateMachineModel, calls: { invokeFunction: InvokeFunction; putEvents: PutEvents }): { invokeFunction: InvokeFunction; putEvents: PutEvents } => {
    const role = machine.roleArn ? this.options.model.roles[machine.roleArn] : undefined;
    if (!machine.roleArn || !role) return calls;
    const principal: Principal = {
      name: machine.name,
      roleArn: machine.roleArn,
      sessionArn: sessionArnOf(machine.roleArn, machine.name),
      statements: role.statements,
      context: principalContext(machine.roleArn, { 'aws:SourceArn': machine.arn }),
    };
    const refused = (service: string, exception: string, message: string) =>
      Object.assign(new Error(`${message} (Service: ${service}; Status Code: ${service === 'AWSLambda' ? 403 : 400}; Error Code: AccessDeniedException; Request ID: local)`), { name: exception });
    return {
      invokeFunction: async (functionArnOrName, payload) => {
        const refusal = this.check([principal], [{ action: 'lambda:InvokeFunction', resource: functionArnOf(functionArnOrName) }]);
        if (refusal) throw refused('AWSLambda', 'AWSLambdaException', refusal.message);
        return calls.invokeFunction(functionArnOrName, payload);
      },
      putEvents: async (entries) => {
        const busArn = (name: string | undefined) => (name?.startsWith('arn:') ? name : localArn('events', `event-bus/${name || 'default'}`));
        const refusal = this.check(
          [principal],
          entries.map((e) => ({ action: 'events:PutEvents', resource: busArn(e.EventBusName), context: { 'events:source': e.Source, 'events:detail-type': e.DetailType } })),
        );
        if (refusal) throw refused('AmazonEventBridge', 'AmazonEventBridgeException', refusal.message);
        return calls.putEvents(entries);
      },
    };
  };
}

/** Creates the local IAM check of a model. */
export function createLocalIam(options: LocalIamOptions): LocalIam {
  return new LocalIam(options);
}
