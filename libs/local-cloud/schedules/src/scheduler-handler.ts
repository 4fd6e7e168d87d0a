/**
 * The EventBridge Scheduler endpoint (restJson1, signing name `scheduler`), for the SDK v3 and
 * Debian's AWS CLI v2 alike: `POST|GET|PUT|DELETE /schedules/{Name}`, `GET /schedules`.
 * Timestamps travel as epoch seconds; errors as `x-amzn-ErrorType` with `{"Message"}`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, asAwsError, readBody, unknownOperation } from '@onboarding/local-aws-core';
import type { ScheduleInput, SchedulerService } from './scheduler-service';

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID() };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

// Not `instanceof Date`: a Date made in another realm (structuredClone under jest) must convert too.
const toSeconds = (value: unknown): unknown => (Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() / 1000 : value);
const fromSeconds = (value: unknown, field: string): Date | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw new AwsError('ValidationException', `${field} must be a timestamp`);
  return new Date(value * 1000);
};

function wire(object: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) out[k] = toSeconds(v);
  return out;
}

/** The Scheduler endpoint of a {@link SchedulerService}. Every request is answered, never dropped. */
export function createSchedulerHandler(service: SchedulerService): (req: IncomingMessage, res: ServerResponse) => void {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const query = url.searchParams;
    const named = /^\/schedules\/([^/]+)$/.exec(url.pathname);
    const body = (await readBody(req)).toString('utf8');
    let input: Record<string, unknown> = {};
    if (body.trim()) {
      try {
        input = JSON.parse(body) as Record<string, unknown>;
      } catch {
        throw new AwsError('SerializationException', 'The request body is not valid JSON');
      }
    }
    if (url.pathname === '/schedules' && req.method === 'GET') {
      const max = query.get('MaxResults');
      const out = service.listSchedules({
        GroupName: query.get('ScheduleGroup') ?? undefined,
        NamePrefix: query.get('NamePrefix') ?? undefined,
        State: query.get('State') ?? undefined,
        NextToken: query.get('NextToken') ?? undefined,
        MaxResults: max === null ? undefined : Number(max),
      });
      send(res, 200, { ...out, Schedules: out.Schedules.map(wire) });
      return;
    }
    if (!named) throw unknownOperation('EventBridge Scheduler', `${req.method} ${url.pathname}`);
    const Name = decodeURIComponent(named[1] as string);
    const GroupName = query.get('groupName') ?? (input['GroupName'] as string | undefined);
    const scheduleInput = (): ScheduleInput => ({
      ...(input as unknown as ScheduleInput),
      Name,
      GroupName,
      StartDate: fromSeconds(input['StartDate'], 'StartDate'),
      EndDate: fromSeconds(input['EndDate'], 'EndDate'),
    });
    switch (req.method) {
      case 'POST':
        send(res, 200, service.createSchedule(scheduleInput()));
        return;
      case 'PUT':
        send(res, 200, service.updateSchedule(scheduleInput()));
        return;
      case 'GET':
        send(res, 200, wire(service.getSchedule({ Name, GroupName })));
        return;
      case 'DELETE':
        send(res, 200, service.deleteSchedule({ Name, GroupName }));
        return;
      default:
        throw unknownOperation('EventBridge Scheduler', `${req.method} ${url.pathname}`);
    }
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const aws = asAwsError(error, 'InternalServerException');
      send(res, aws.statusCode, { Message: aws.message }, aws.code);
    });
  };
}
