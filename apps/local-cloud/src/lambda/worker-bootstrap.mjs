// The Lambda runtime inside one worker thread (one sandbox of one function). Plain JavaScript on
// purpose: the worker starts with no TypeScript loader (no tsx, no ts-jest hooks), as clean as a
// Lambda sandbox, and this file must load the same way under jest, tsx and node.
//
// Protocol with the parent (lambda-runtime.ts):
//   worker → parent  { type: 'ready', initDurationMs } | { type: 'init-error', error }
//   parent → worker  { type: 'invoke', id, event: <JSON text>, context: { ... } }
//   worker → parent  { type: 'result', id, payload: <JSON text> } | { type: 'error', id, error }
//   worker → parent  { type: 'logs', lines: [stream, line][] } (also as `lines` on any message)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { codeDir, handler: handlerSetting, functionName } = workerData;

// The functions' clock may run ahead of real time (LambdaRuntime.setClockOffset), so that a drill
// can let idempotency records expire without waiting: `Date` then reads `clockOffsetMs` later.
// Installed only when an offset is set, so a normal sandbox keeps the untouched Date.
const RealDate = Date;
const clockOffsetMs = workerData.clockOffsetMs ?? 0;
function OffsetDate(...args) {
  if (!new.target) return new RealDate(RealDate.now() + clockOffsetMs).toString();
  return args.length === 0 ? new RealDate(RealDate.now() + clockOffsetMs) : new RealDate(...args);
}
OffsetDate.prototype = RealDate.prototype;
OffsetDate.now = () => RealDate.now() + clockOffsetMs;
OffsetDate.parse = RealDate.parse;
OffsetDate.UTC = RealDate.UTC;
if (clockOffsetMs !== 0) globalThis.Date = OffsetDate;

// The request id console lines are stamped with. AsyncLocalStorage would follow interleaved
// invocations exactly, but on Node 20 it slows every promise of the function (the SDK makes many);
// so a line gets the id while a single invocation is in flight, and none when several are.
const inFlight = new Set();
const currentRequestId = () => (inFlight.size === 1 ? inFlight.values().next().value : undefined);

/** The error shape Lambda's Node.js runtime reports: errorType, errorMessage, trace. */
function toLambdaError(error, fallbackType = 'Error') {
  if (error instanceof Error) {
    return {
      errorType: error.name || fallbackType,
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

// Log capture. Whatever the function writes to stdout/stderr (console, Powertools' own Console) is
// cut into lines and sent to the parent in batches, with each invocation's answer or every 50 ms:
// a worker's piped stdio costs a message round trip per chunk, too slow at hundreds of
// invocations per second.
let pendingLines = [];
let flushTimer;
function takeLines() {
  const lines = pendingLines;
  pendingLines = [];
  if (flushTimer) {
    clearTimeout(flushTimer);
    flushTimer = undefined;
  }
  return lines;
}
function captureStream(stream, name) {
  let partial = '';
  stream.write = (chunk, encoding, callback) => {
    const text = partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'));
    const lines = text.split('\n');
    partial = lines.pop();
    for (const line of lines) if (line.length > 0) pendingLines.push([name, line]);
    if (pendingLines.length > 0 && !flushTimer) {
      flushTimer = setTimeout(() => {
        flushTimer = undefined;
        if (pendingLines.length > 0) parentPort.postMessage({ type: 'logs', lines: takeLines() });
      }, 50);
      flushTimer.unref();
    }
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(done);
    return true;
  };
}
captureStream(process.stdout, 'stdout');
captureStream(process.stderr, 'stderr');

// Lambda's JSON log format: console output becomes one JSON record per call, with the request id
// of the invocation that wrote it when that is certain (see currentRequestId).
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout;
  console[method] = (...args) => {
    const record = { timestamp: new Date().toISOString(), level, requestId: currentRequestId(), message: format(...args) };
    stream.write(`${JSON.stringify(record)}\n`);
  };
}

class HandlerNotFound extends Error {
  name = 'Runtime.HandlerNotFound';
}
class ImportModuleError extends Error {
  name = 'Runtime.ImportModuleError';
}
class MalformedHandlerName extends Error {
  name = 'Runtime.MalformedHandlerName';
}

/** `dir/file.export` → the module file in the code folder and the export name, as Lambda resolves them. */
async function loadHandler() {
  const dot = handlerSetting.lastIndexOf('.');
  if (dot <= 0) throw new MalformedHandlerName(`Bad handler ${handlerSetting}`);
  const modulePath = handlerSetting.slice(0, dot);
  const exportPath = handlerSetting.slice(dot + 1);
  const file = ['.mjs', '.js', '.cjs'].map((ext) => join(codeDir, modulePath + ext)).find((f) => existsSync(f));
  if (!file) throw new ImportModuleError(`Error: Cannot find module '${modulePath}' in ${codeDir}`);
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) {
      const wrapped = new Error(`${error.name}: ${error.message}`, { cause: error });
      wrapped.name = 'Runtime.UserCodeSyntaxError';
      throw wrapped;
    }
    throw error;
  }
  let fn = exportPath.split('.').reduce((obj, key) => (obj == null ? undefined : obj[key]), mod);
  if (fn === undefined && mod.default) fn = exportPath.split('.').reduce((obj, key) => (obj == null ? undefined : obj[key]), mod.default);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${modulePath}.${exportPath} is undefined or not exported`);
  return fn;
}

function makeContext(c) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: c.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: c.invokedFunctionArn,
    memoryLimitInMB: String(c.memoryLimitInMB),
    awsRequestId: c.awsRequestId,
    logGroupName: c.logGroupName,
    logStreamName: c.logStreamName,
    identity: undefined,
    clientContext: undefined,
    tenantId: undefined,
    getRemainingTimeInMillis: () => Math.max(0, c.deadlineMs - RealDate.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Calls the handler (async or callback style) and settles with its result. */
function callHandler(fn, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    try {
      const returned = fn(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then((r) => callback(null, r), (e) => callback(e ?? new Error('Handler rejected with no reason')));
      } else if (fn.length < 3) {
        callback(null, returned);
      }
    } catch (error) {
      callback(error);
    }
  });
}

const initStart = performance.now();
let handler;
try {
  handler = await loadHandler();
  parentPort.postMessage({ type: 'ready', initDurationMs: performance.now() - initStart, lines: takeLines() });
} catch (error) {
  parentPort.postMessage({ type: 'init-error', error: toLambdaError(error, 'Runtime.ImportModuleError'), initDurationMs: performance.now() - initStart, lines: takeLines() });
}

parentPort.on('message', async (message) => {
  if (message.type !== 'invoke' || !handler) return;
  const { id, context: c } = message;
  inFlight.add(c.awsRequestId);
  try {
    const event = JSON.parse(message.event);
    const result = await callHandler(handler, event, makeContext(c));
    let payload;
    try {
      payload = result === undefined ? 'null' : JSON.stringify(result);
    } catch (error) {
      throw Object.assign(new Error(`Unable to stringify response body: ${error.message}`), { name: 'Runtime.MarshalError' });
    }
    inFlight.delete(c.awsRequestId);
    parentPort.postMessage({ type: 'result', id, payload: payload ?? 'null', lines: takeLines() });
  } catch (error) {
    inFlight.delete(c.awsRequestId);
    parentPort.postMessage({ type: 'error', id, error: toLambdaError(error), lines: takeLines() });
  }
});

process.on('unhandledRejection', (reason) => {
  // Lambda's Node.js runtime ends the sandbox on an unhandled rejection; so does this one.
  parentPort.postMessage({ type: 'crash', error: toLambdaError(reason, 'Runtime.UnhandledPromiseRejection'), functionName, lines: takeLines() });
  process.exit(128);
});
