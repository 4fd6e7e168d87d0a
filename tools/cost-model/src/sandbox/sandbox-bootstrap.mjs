// One Lambda sandbox as a fresh Node.js process: loads the function's bundle (timed: the module
// load of a cold start), then runs the invocations its parent sends, one at a time, timing each and
// counting the log bytes it writes. Plain JavaScript on purpose: the process starts with no loader,
// as clean as a Lambda runtime.
//
// argv: <codeDir> <handler, e.g. index.handler> <logFormat JSON|Text> <timeoutSeconds>
// Protocol (IPC):
//   child → parent  { type: 'loaded', initMs } | { type: 'init-error', error, initMs }
//   parent → child  { type: 'invoke', id, event }
//   child → parent  { type: 'result', id, ok, payload | error, durationMs, cpuMs, logBytes, logEvents, lastLines }
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';

const startedAt = performance.now();
const [codeDir, handlerSetting, logFormat, timeoutSeconds] = process.argv.slice(2);

// Log accounting: what the function writes is what CloudWatch Logs would ingest, one event per line.
let currentRequestId;
let logBytes = 0;
let logEvents = 0;
const lastLines = [];
function capture(stream) {
  let partial = '';
  stream.write = (chunk, encoding, callback) => {
    const text = partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'));
    const lines = text.split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (line.length === 0) continue;
      logBytes += Buffer.byteLength(line);
      logEvents += 1;
      lastLines.push(line);
      if (lastLines.length > 20) lastLines.shift();
    }
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(done);
    return true;
  };
}
capture(process.stdout);
capture(process.stderr);

// Lambda's Node.js runtime turns console calls into log records: JSON objects with the JSON log
// format, tab-separated text otherwise.
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout;
  console[method] = (...args) => {
    const timestamp = new Date().toISOString();
    const message = format(...args);
    stream.write(logFormat === 'JSON' ? `${JSON.stringify({ timestamp, level, requestId: currentRequestId, message })}\n` : `${timestamp}\t${currentRequestId}\t${level}\t${message}\n`);
  };
}

function toError(error) {
  if (error instanceof Error) return { errorType: error.name || 'Error', errorMessage: error.message };
  return { errorType: typeof error, errorMessage: String(error) };
}

async function loadHandler() {
  const dot = handlerSetting.lastIndexOf('.');
  const modulePath = handlerSetting.slice(0, dot);
  const exportName = handlerSetting.slice(dot + 1);
  const file = ['.mjs', '.js', '.cjs'].map((ext) => join(codeDir, modulePath + ext)).find((f) => existsSync(f));
  if (!file) throw new Error(`no ${modulePath}.mjs/.js/.cjs in ${codeDir}`);
  const mod = await import(pathToFileURL(file).href);
  const fn = mod[exportName] ?? mod.default?.[exportName];
  if (typeof fn !== 'function') throw new Error(`${handlerSetting} is not an exported function`);
  return fn;
}

let handler;
try {
  handler = await loadHandler();
  process.send({ type: 'loaded', initMs: performance.now() - startedAt });
} catch (error) {
  process.send({ type: 'init-error', error: toError(error), initMs: performance.now() - startedAt, lastLines });
  process.exit(1);
}

const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
process.on('message', async (message) => {
  if (message?.type !== 'invoke') return;
  const requestId = randomUUID();
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  currentRequestId = requestId;
  logBytes = 0;
  logEvents = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let answer;
  try {
    const payload = await handler(message.event, context);
    answer = { ok: true, payload: payload === undefined ? null : payload };
  } catch (error) {
    answer = { ok: false, error: toError(error) };
  }
  const durationMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  process.send({
    type: 'result',
    id: message.id,
    ...answer,
    durationMs,
    cpuMs: (used.user + used.system) / 1000,
    logBytes,
    logEvents,
    lastLines: answer.ok ? [] : lastLines.slice(-5),
  });
  currentRequestId = undefined;
});
process.on('disconnect', () => process.exit(0));
