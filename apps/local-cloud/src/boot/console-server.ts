/**
 * The local cloud's console: a read-only view of what runs. `GET /` is a small HTML page with the
 * endpoints and functions; `GET /api/<what>` answers JSON: `model`, `endpoints`, `functions`
 * (counters), `logs` (`?function=<name>`), `dead-letters`, `events`, `executions`, `requests`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudModel } from '../model';

/** What the console reads; every source is optional so the console works while others are missing. */
export interface ConsoleSources {
  model: CloudModel;
  endpoints: () => Record<string, string>;
  functions?: () => unknown[];
  logs?: (functionName?: string) => unknown[];
  deadLetters?: () => unknown[];
  events?: () => unknown[];
  executions?: () => Promise<unknown> | unknown;
  requests?: () => unknown[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(sources: ConsoleSources): string {
  const endpoints = Object.entries(sources.endpoints())
    .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td><a href="${escapeHtml(v)}">${escapeHtml(v)}</a></td></tr>`)
    .join('');
  const functions = sources.model.functions
    .map((f) => `<tr><td>${escapeHtml(f.app)}</td><td><a href="/api/logs?function=${encodeURIComponent(f.functionName)}">${escapeHtml(f.functionName)}</a></td><td>${escapeHtml(f.runtime)}</td><td>${f.timeoutSeconds}s</td></tr>`)
    .join('');
  const links = ['model', 'functions', 'logs', 'events', 'executions', 'dead-letters', 'requests'].map((p) => `<a href="/api/${p}">${p}</a>`).join(' · ');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Local cloud</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}td{padding:2px 12px 2px 0}h2{margin-top:1.5em}</style></head>
<body><h1>Onboarding local cloud</h1><p>${links}</p>
<h2>Endpoints</h2><table>${endpoints}</table>
<h2>Functions</h2><table><tr><th>app</th><th>function</th><th>runtime</th><th>timeout</th></tr>${functions}</table>
</body></html>`;
}

export function createConsole(sources: ConsoleSources) {
  const json = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://console');
    if (req.method !== 'GET') return json(res, 405, { error: 'MethodNotAllowed', message: 'The console is read-only' });
    switch (url.pathname) {
      case '/': {
        const html = page(sources);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
        return void res.end(html);
      }
      case '/api/model':
        return json(res, 200, sources.model);
      case '/api/endpoints':
        return json(res, 200, sources.endpoints());
      case '/api/functions':
        return json(res, 200, sources.functions?.() ?? []);
      case '/api/logs':
        return json(res, 200, sources.logs?.(url.searchParams.get('function') ?? undefined) ?? []);
      case '/api/dead-letters':
        return json(res, 200, sources.deadLetters?.() ?? []);
      case '/api/events':
        return json(res, 200, sources.events?.() ?? []);
      case '/api/executions':
        return json(res, 200, (await sources.executions?.()) ?? []);
      case '/api/requests':
        return json(res, 200, sources.requests?.() ?? []);
      default:
        return json(res, 404, { error: 'NotFound', message: `No console page ${url.pathname}` });
    }
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: Error) => json(res, 500, { error: 'InternalError', message: error.message }));
  };
}
