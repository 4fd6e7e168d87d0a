/**
 * The IAM questions of an SES request, v2 (REST JSON, `/v2/email/...`) and v1 (the query protocol,
 * `POST /` with `Action=SendEmail`). Sending is `ses:SendEmail` (`ses:SendRawEmail` for raw
 * content, which is what SES reports for a v2 SendEmail with `Content.Raw`), authorized on the
 * sending identity and, when one is used, on the configuration set, with the condition keys
 * `ses:FromAddress`, `ses:FromDisplayName`, `ses:Recipients`, `ses:FeedbackAddress` and
 * `ses:ApiVersion`.
 *
 * The identity: SES sends under the address's own identity when it is verified, else under its
 * domain's. The local cloud verifies nothing, so a grant on either authorizes the send (a Deny on
 * either refuses it).
 */
import type { AccessRequest } from './policy-evaluator';
import { isRecord, jsonObject, localArn, stringField, type RequestLine, type RequestMapping } from './request-mapping';

const identityArn = (identity: string) => localArn('ses', `identity/${identity}`);

/** `"Welcome" <welcome@example.com>` → address and display name. */
export function parseMailbox(text: string): { address: string; displayName?: string } | undefined {
  const angle = /^(.*)<([^<>]+)>\s*$/.exec(text.trim());
  const address = (angle?.[2] ?? text).trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) return undefined;
  const displayName = angle?.[1]?.trim().replace(/^"(.*)"$/, '$1');
  return displayName ? { address, displayName } : { address };
}

/** The `From:` header of a raw MIME message (base64, as the API carries it). */
function rawFrom(data: string | undefined): string | undefined {
  if (!data) return undefined;
  const text = Buffer.from(data, 'base64').toString('utf8');
  const headers = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  return /^From:[ \t]*(.+(?:\r?\n[ \t].+)*)/im.exec(headers)?.[1]?.replace(/\r?\n[ \t]+/g, ' ');
}

interface Sending {
  action: string;
  from?: string;
  identityArn?: string;
  recipients: string[];
  configurationSet?: string;
  feedback?: string;
  apiVersion: '1' | '2';
}

/** The questions of one send. */
function sendingRequests(sending: Sending, what: string): RequestMapping {
  const mailbox = sending.from !== undefined ? parseMailbox(sending.from) : undefined;
  if (!mailbox && !sending.identityArn) return { kind: 'unknown', what: `${what} without a From address` };
  const context = {
    'ses:FromAddress': mailbox?.address,
    'ses:FromDisplayName': mailbox?.displayName,
    'ses:Recipients': sending.recipients.length ? sending.recipients : undefined,
    'ses:FeedbackAddress': sending.feedback,
    'ses:ApiVersion': sending.apiVersion,
  };
  const list: AccessRequest[] = [];
  if (sending.identityArn) list.push({ action: sending.action, resource: sending.identityArn, context });
  else if (mailbox) {
    const domain = mailbox.address.slice(mailbox.address.lastIndexOf('@') + 1);
    list.push({ action: sending.action, resource: identityArn(mailbox.address), alternatives: [identityArn(domain)], context });
  }
  if (sending.configurationSet) list.push({ action: sending.action, resource: localArn('ses', `configuration-set/${sending.configurationSet}`), context });
  return { kind: 'requests', requests: list };
}

const addresses = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap((v) => (typeof v === 'string' ? [parseMailbox(v)?.address ?? v] : [])) : [];

function destinationOf(value: unknown): string[] {
  if (!isRecord(value)) return [];
  return [...addresses(value.ToAddresses), ...addresses(value.CcAddresses), ...addresses(value.BccAddresses)];
}

/** True for requests whose body the mapper reads. */
export function sesNeedsBody(line: RequestLine): boolean {
  return line.method === 'POST' || line.method === 'PUT';
}

/** The SES API version a request speaks (`/` is the v1 query protocol). */
export function sesApiVersion(line: RequestLine): '1' | '2' {
  return line.path === '/' && line.method === 'POST' ? '1' : '2';
}

function mapV1(body: Buffer | undefined): RequestMapping {
  const form = new URLSearchParams(body?.toString('utf8') ?? '');
  const operation = form.get('Action');
  if (operation !== 'SendEmail' && operation !== 'SendRawEmail') return { kind: 'unknown', what: `SES v1 ${operation ?? '(no Action)'}` };
  const recipients = [...form.entries()].filter(([k]) => /^Destination(s)?\.(To|Cc|Bcc)?Addresses\.member\.\d+$|^Destinations\.member\.\d+$/.test(k)).map(([, v]) => parseMailbox(v)?.address ?? v);
  const from = form.get('Source') ?? (operation === 'SendRawEmail' ? rawFrom(form.get('RawMessage.Data') ?? undefined) : undefined);
  return sendingRequests(
    {
      action: `ses:${operation}`,
      from: from ?? undefined,
      identityArn: form.get('SourceArn') ?? undefined,
      recipients,
      configurationSet: form.get('ConfigurationSetName') ?? undefined,
      apiVersion: '1',
    },
    `SES v1 ${operation}`,
  );
}

/** The IAM questions of one SES request. */
export function mapSesRequest(line: RequestLine, body: Buffer | undefined): RequestMapping {
  if (sesApiVersion(line) === '1') return mapV1(body);
  const path = line.path.replace(/\/+$/, '');
  const unknown: RequestMapping = { kind: 'unknown', what: `SES ${line.method} ${path}` };
  const one = (action: string, resource = '*'): RequestMapping => ({ kind: 'requests', requests: [{ action: `ses:${action}`, resource, context: { 'ses:ApiVersion': '2' } }] });

  if (line.method === 'POST' && (path === '/v2/email/outbound-emails' || path === '/v2/email/outbound-bulk-emails')) {
    const input = jsonObject(body);
    if (!input) return { kind: 'malformed' };
    const bulk = path.endsWith('bulk-emails');
    const content = isRecord(bulk ? input.DefaultContent : input.Content) ? ((bulk ? input.DefaultContent : input.Content) as Record<string, unknown>) : {};
    const raw = !bulk && isRecord(content.Raw);
    const recipients = bulk
      ? (Array.isArray(input.BulkEmailEntries) ? input.BulkEmailEntries : []).flatMap((e) => (isRecord(e) ? destinationOf(e.Destination) : []))
      : destinationOf(input.Destination);
    return sendingRequests(
      {
        action: bulk ? 'ses:SendBulkEmail' : raw ? 'ses:SendRawEmail' : 'ses:SendEmail',
        from: stringField(input, 'FromEmailAddress') ?? (raw ? rawFrom(stringField(content.Raw as Record<string, unknown>, 'Data')) : undefined),
        identityArn: stringField(input, 'FromEmailAddressIdentityArn'),
        recipients,
        configurationSet: stringField(input, 'ConfigurationSetName'),
        feedback: stringField(input, 'FeedbackForwardingEmailAddress'),
        apiVersion: '2',
      },
      `SES v2 ${bulk ? 'SendBulkEmail' : 'SendEmail'}`,
    );
  }
  if (path === '/v2/email/account' && line.method === 'GET') return one('GetAccount');
  if (path === '/v2/email/templates') {
    if (line.method === 'GET') return one('ListEmailTemplates');
    if (line.method !== 'POST') return unknown;
    const name = stringField(jsonObject(body) ?? {}, 'TemplateName');
    return name ? one('CreateEmailTemplate', localArn('ses', `template/${name}`)) : { kind: 'malformed' };
  }
  const template = /^\/v2\/email\/templates\/([^/]+)(\/render)?$/.exec(path);
  if (template) {
    let name: string;
    try {
      name = decodeURIComponent(template[1] as string);
    } catch {
      return { kind: 'malformed' };
    }
    const action = template[2] ? (line.method === 'POST' ? 'TestRenderEmailTemplate' : undefined) : ({ GET: 'GetEmailTemplate', PUT: 'UpdateEmailTemplate', DELETE: 'DeleteEmailTemplate' } as Record<string, string>)[line.method];
    return action ? one(action, localArn('ses', `template/${name}`)) : unknown;
  }
  return unknown;
}
