/**
 * The differential harness: the same requests, over HTTP, to this engine and to AWS's DynamoDB
 * Local, and their answers compared after normalizing only what DynamoDB leaves unspecified:
 *
 * - attribute order in maps, member order in sets;
 * - DynamoDB Local's non-canonical numbers (`3.0` for 1.5 + 1.5): the oracle's numbers lose
 *   trailing fractional zeros; ours must already be canonical;
 * - the order of Scan results and of Query results whose index sort keys tie (`unordered`);
 * - table metadata that differs by nature (creation time, ARNs, ids).
 *
 * Error answers are compared by exception name and message (a step may waive the message, with
 * its reason). After each scenario, every table's full content is compared too, so a refused
 * request that changed something shows up even when its answer looked right.
 */
export type Body = Record<string, unknown>;

export interface Answer {
  status: number;
  body: Body;
}

export interface Endpoint {
  name: string;
  url: string;
}

/** How a step's answers are compared. */
export interface Compare {
  /** Items of a Query/Scan compared as a multiset (Scan always is). */
  unordered?: boolean;
  /** Compare error messages. @default true */
  message?: boolean;
  /** Compare ConsumedCapacity. @default true */
  capacity?: boolean;
  /** Why a comparison is waived (required when `message` is false). */
  reason?: string;
}

export interface Step {
  op: string;
  input: Body;
  compare?: Compare;
  /** Where DynamoDB Local deviates from AWS's documented behaviour: the answer each must give instead of being compared. */
  divergence?: { oracle: (a: Answer) => void; ours: (a: Answer) => void; reason: string };
}

/** Follows LastEvaluatedKey to the end on each side with its own keys; compares pages and the union of items. */
export interface Paginate {
  paginate: 'Query' | 'Scan';
  input: Body;
  unordered?: boolean;
  /** A parallel scan in this many segments: the pages of all segments are compared together. */
  segments?: number;
}

/** Waits (within a deadline) until both sides agree that `until` holds, then compares answers. */
export interface Eventually {
  eventually: Step;
  until: (a: Answer) => boolean;
  timeoutMs: number;
}

export type Action = Step | Paginate | Eventually;

export interface Scenario {
  name: string;
  /** Tables created before the steps and compared (full scans) after them. */
  tables: Body[];
  actions: Action[];
}

export async function call(endpoint: Endpoint, op: string, input: Body): Promise<Answer> {
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${op}`,
      'x-amz-date': '20260101T000000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=differential/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
    },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  let body: Body;
  try {
    body = JSON.parse(text) as Body;
  } catch {
    body = { unparsable: text };
  }
  return { status: response.status, body };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Drops trailing zeros of a fraction ("3.0" → "3", "2.50" → "2.5"): DynamoDB Local's only number quirk. */
function oracleNumber(n: string): string {
  if (!n.includes('.') || /[eE]/.test(n)) return n;
  return n.replace(/0+$/, '').replace(/\.$/, '');
}

/** An attribute value (or item) in a comparable form: sorted map keys, sorted set members. */
export function normalizeValue(value: unknown, oracle: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, oracle));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const type = keys[0] as string;
    const inner = value[type];
    if (type === 'N' && typeof inner === 'string') return { N: oracle ? oracleNumber(inner) : inner };
    if ((type === 'SS' || type === 'BS') && Array.isArray(inner)) return { [type]: [...(inner as string[])].sort() };
    if (type === 'NS' && Array.isArray(inner)) return { NS: (inner as string[]).map((n) => (oracle ? oracleNumber(n) : n)).sort() };
  }
  const out: Record<string, unknown> = {};
  for (const key of keys.sort()) out[key] = normalizeValue(value[key], oracle);
  return out;
}

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0);

/** The table description fields both must agree on. */
function normalizeTable(t: unknown): unknown {
  if (!isObject(t)) return t;
  const indexes = (list: unknown) =>
    Array.isArray(list)
      ? list
          .map((i: Record<string, unknown>) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: normalizeValue(i.Projection, false), IndexStatus: i.IndexStatus, ItemCount: i.ItemCount }))
          .sort(byJson)
      : undefined;
  return {
    TableName: t.TableName,
    TableStatus: t.TableStatus,
    KeySchema: t.KeySchema,
    AttributeDefinitions: Array.isArray(t.AttributeDefinitions) ? [...t.AttributeDefinitions].sort(byJson) : undefined,
    BillingMode: isObject(t.BillingModeSummary) ? t.BillingModeSummary.BillingMode : 'PROVISIONED',
    ItemCount: t.ItemCount,
    GlobalSecondaryIndexes: indexes(t.GlobalSecondaryIndexes),
    LocalSecondaryIndexes: indexes(t.LocalSecondaryIndexes),
    DeletionProtectionEnabled: t.DeletionProtectionEnabled,
  };
}

/** An answer in the form both sides are compared in. */
export function normalizeAnswer(op: string, answer: Answer, oracle: boolean, compare: Compare = {}, input: Body = {}): unknown {
  const body = answer.body;
  // DynamoDB Local sometimes answers ConsumedCapacity unasked (DeleteItem): only the oracle is excused.
  const asked = !oracle || (input.ReturnConsumedCapacity !== undefined && input.ReturnConsumedCapacity !== 'NONE');
  if (answer.status !== 200) {
    const type = String(body.__type ?? '').split('#').pop();
    const message = String(body.message ?? body.Message ?? '');
    const out: Record<string, unknown> = { status: answer.status, type };
    if (compare.message !== false) out.message = message;
    if (body.Item !== undefined) out.Item = normalizeValue(body.Item, oracle);
    if (Array.isArray(body.CancellationReasons)) {
      out.CancellationReasons = body.CancellationReasons.map((r: Record<string, unknown>) => ({
        Code: r.Code,
        // DynamoDB Local ends this message with a period when it returns the item.
        ...(r.Message !== undefined && compare.message !== false ? { Message: String(r.Message).replace(/\.$/, '') } : {}),
        ...(r.Item !== undefined ? { Item: normalizeValue(r.Item, oracle) } : {}),
      }));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'ConsumedCapacity' && (compare.capacity === false || !asked)) continue;
    if (key === 'Table' || key === 'TableDescription') out[key] = normalizeTable(value);
    else if (key === 'Items' && Array.isArray(value)) {
      const items = value.map((i) => normalizeValue(i, oracle));
      out[key] = op === 'Scan' || compare.unordered ? items.sort(byJson) : items;
    } else if (key === 'Responses' && isObject(value)) {
      // BatchGetItem answers items in no particular order.
      out[key] = Object.fromEntries(Object.entries(value).map(([t, items]) => [t, (items as unknown[]).map((i) => normalizeValue(i, oracle)).sort(byJson)]));
    } else if (key === 'ConsumedCapacity' && Array.isArray(value)) out[key] = [...value].sort(byJson);
    else out[key] = normalizeValue(value, oracle);
  }
  return out;
}

/** All items of a table, normalized and sorted. */
export async function tableContents(endpoint: Endpoint, tableName: string, oracle: boolean): Promise<unknown[]> {
  const items: unknown[] = [];
  let start: unknown;
  do {
    const page = await call(endpoint, 'Scan', { TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) });
    if (page.status !== 200) throw new Error(`${endpoint.name}: Scan ${tableName} answered ${page.status} ${JSON.stringify(page.body)}`);
    for (const item of (page.body.Items as unknown[]) ?? []) items.push(normalizeValue(item, oracle));
    start = page.body.LastEvaluatedKey;
  } while (start);
  return items.sort(byJson);
}

/** Every page of a Query or Scan, following its own LastEvaluatedKey. */
export async function allPages(endpoint: Endpoint, op: 'Query' | 'Scan', input: Body, oracle: boolean): Promise<{ pages: number; count: number; scanned: number; items: unknown[]; error?: unknown }> {
  let pages = 0;
  let count = 0;
  let scanned = 0;
  const items: unknown[] = [];
  let start: unknown;
  do {
    const page = await call(endpoint, op, { ...input, ...(start ? { ExclusiveStartKey: start } : {}) });
    if (page.status !== 200) return { pages, count, scanned, items, error: normalizeAnswer(op, page, oracle) };
    pages++;
    count += Number(page.body.Count);
    scanned += Number(page.body.ScannedCount);
    for (const item of (page.body.Items as unknown[]) ?? []) items.push(normalizeValue(item, oracle));
    start = page.body.LastEvaluatedKey;
    if (pages > 1000) throw new Error(`${endpoint.name}: ${op} did not end after 1000 pages`);
  } while (start);
  return { pages, count, scanned, items };
}

export const isStep = (a: Action): a is Step => 'op' in a;
export const isPaginate = (a: Action): a is Paginate => 'paginate' in a;
