// The load generator of bench/dynamodb-bench.ts, in a worker thread: closed-loop callers, each on
// its own keep-alive connection, sending the requests the AWS SDK v3 would send. Plain JavaScript
// so that the worker needs no TypeScript loader.
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { url, callers, seconds, warmup, workload } = workerData;
const target = new URL(url);
// A minimal HTTP/1.1 keep-alive client (one connection per caller, one request at a time, like
// the SDK's agent): far cheaper than node:http, so the load generator is not what is measured.
function connect() {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname, () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}
// The date of x-amz-date changes once a second: computed once a second, not per request.
let dateSecond = 0;
let dateText = '';
function amzDate() {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
  }
  return dateText;
}
const fixedHeaders = '\r\nx-amz-content-sha256: UNSIGNED-PAYLOAD\r\namz-sdk-invocation-id: bench\r\namz-sdk-request: attempt=1; max=3\r\nuser-agent: aws-sdk-js/3 bench' +
  '\r\nauthorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-target;x-amz-user-agent, Signature=' + '0'.repeat(64);
function client(socket) {
  let buffer = Buffer.alloc(0);
  let waiting;
  socket.on('data', (chunk) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    if (waiting) waiting();
  });
  return function send(operation, body) {
    const payload = JSON.stringify(body);
    socket.write('POST / HTTP/1.1\r\nhost: ' + target.host + '\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: DynamoDB_20120810.' + operation +
      '\r\nx-amz-date: ' + amzDate() + fixedHeaders + '\r\ncontent-length: ' + Buffer.byteLength(payload) + '\r\n\r\n' + payload);
    return new Promise((resolve, reject) => {
      const check = () => {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const at = buffer.indexOf('content-length:', 0, 'latin1');
        const lengthAt = at >= 0 && at < end ? at : buffer.indexOf('Content-Length:', 0, 'latin1');
        if (lengthAt < 0 || lengthAt > end) { waiting = undefined; reject(new Error(operation + ': no content-length in ' + buffer.toString('latin1', 0, end))); return; }
        const length = parseInt(buffer.toString('latin1', lengthAt + 15, buffer.indexOf('\r\n', lengthAt)), 10);
        if (buffer.length < end + 4 + length) return;
        const status = (buffer[9] - 48) * 100 + (buffer[10] - 48) * 10 + (buffer[11] - 48);
        const failed = status !== 200 ? buffer.toString('utf8', end + 4, end + 4 + length) : undefined;
        buffer = buffer.length === end + 4 + length ? Buffer.alloc(0) : buffer.subarray(end + 4 + length);
        waiting = undefined;
        if (failed !== undefined && !failed.includes('ConditionalCheckFailed')) reject(new Error(operation + ' answered ' + status + ': ' + failed.slice(0, 300)));
        else resolve();
      };
      waiting = check;
      check();
    });
  };
}
const run = Date.now().toString(36);
function requestsOf(caller, n) {
  const id = run + '-' + caller + '-' + n;
  if (workload === 'put') {
    return [['PutItem', { TableName: 'bench-users', Item: { pk: { S: 'TENANT#bench' }, sk: { S: 'PROBE#' + id }, signupId: { S: id } }, ConditionExpression: 'attribute_not_exists(sk)' }]];
  }
  const now = Date.now();
  const requests = [];
  for (let step = 0; step < 6; step++) {
    const key = 'step' + step + '#' + id;
    requests.push(['PutItem', {
      TableName: 'bench-idempotency',
      Item: { id: { S: key }, expiration: { N: String(Math.floor(now / 1000) + 3600) }, status: { S: 'INPROGRESS' }, in_progress_expiration: { N: String(now + 60000) } },
      ExpressionAttributeNames: { '#id': 'id', '#expiry': 'expiration', '#in_progress_expiry': 'in_progress_expiration', '#status': 'status' },
      ExpressionAttributeValues: { ':now': { N: String(now / 1000) }, ':now_in_millis': { N: String(now) }, ':inprogress': { S: 'INPROGRESS' } },
      ConditionExpression: 'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }]);
    requests.push(['UpdateItem', {
      TableName: 'bench-idempotency',
      Key: { id: { S: key } },
      UpdateExpression: 'SET #expiry = :expiry, #status = :status, #response_data = :response_data',
      ExpressionAttributeNames: { '#expiry': 'expiration', '#status': 'status', '#response_data': 'data' },
      ExpressionAttributeValues: { ':expiry': { N: String(Math.floor(now / 1000) + 86400) }, ':status': { S: 'COMPLETED' }, ':response_data': { S: JSON.stringify({ signupId: id, userId: 'u-' + id, status: 'created' }) } },
    }]);
  }
  const user = { pk: { S: 'TENANT#bench' }, sk: { S: 'USER#u-' + id } };
  requests.push(['PutItem', { TableName: 'bench-users', Item: { ...user, type: { S: 'user' }, tenantId: { S: 'bench' }, userId: { S: 'u-' + id }, signupId: { S: id }, email: { S: id + '@example.com' }, name: { S: 'Bench User' }, plan: { S: 'pro' }, status: { S: 'pending' }, createdAt: { S: new Date(now).toISOString() } }, ConditionExpression: 'attribute_not_exists(sk)' }]);
  requests.push(['PutItem', { TableName: 'bench-users', Item: { pk: { S: 'TENANT#bench' }, sk: { S: 'EMAIL#' + id + '@example.com' }, type: { S: 'email-claim' }, tenantId: { S: 'bench' }, email: { S: id + '@example.com' }, userId: { S: 'u-' + id }, signupId: { S: id } }, ConditionExpression: 'attribute_not_exists(sk)' }]);
  requests.push(['UpdateItem', { TableName: 'bench-users', Key: user, UpdateExpression: 'SET #status = :status', ConditionExpression: 'attribute_exists(sk) AND signupId = :signupId', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':status': { S: 'active' }, ':signupId': { S: id } } }]);
  requests.push(['GetItem', { TableName: 'bench-users', Key: user, ConsistentRead: true }]);
  return requests;
}
async function phase(durationMs) {
  let done = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(sends.map(async (send, caller) => {
    for (let n = 0; performance.now() < deadline; n++) {
      for (const [operation, body] of requestsOf(caller + '-' + durationMs, n)) {
        await send(operation, body);
        done++;
      }
    }
  }));
  return done / ((performance.now() - started) / 1000);
}
let sends;
(async () => {
  const sockets = await Promise.all(Array.from({ length: callers }, connect));
  sends = sockets.map(client);
  await phase(warmup * 1000);
  const perSecond = await phase(seconds * 1000);
  for (const socket of sockets) socket.destroy();
  parentPort.postMessage({ perSecond });
})().catch((error) => parentPort.postMessage({ error: error.message }));
