// The console on the embedded stack: the static page from web/ and the same API the Lambda serves.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basicAuthName, principalFromBasicAuth, SignInThrottle, type LocalUser, type Principal } from '../lib/cases/access.ts';
import { API_ROUTES, handleApi, VERIFY_MAX_BYTES, type ApiDeps } from '../lib/http/api.ts';
import { contentSecurityPolicy, crossSiteRefusal, inlineScriptsOf, securityHeaders } from '../lib/http/browser-guard.ts';

const WEB = new URL('../web/', import.meta.url);
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json; charset=utf-8' };

/** The body, up to a limit (past it: what was read, one byte over, so that the API refuses it as too large). */
async function readBody(req: import('node:http').IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) {
      req.destroy();
      return new Uint8Array(limit);
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export async function startConsole(opts: {
  port: number;
  api: ApiDeps;
  users: () => LocalUser[];
  objectStoreOrigin?: string;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  throttle?: SignInThrottle;
}): Promise<{ url: string; close(): Promise<void> }> {
  // Every client here is 127.0.0.1: failures are counted by the name tried, not the address.
  const throttle = opts.throttle ?? new SignInThrottle();
  /** The signed-in user; null without (valid) credentials; a number: refused for that many seconds. */
  const signIn = async (header: string | undefined): Promise<Principal | null | number> => {
    const name = basicAuthName(header);
    if (name === null) return null;
    const keys = [`user:${name}`];
    const wait = throttle.retryAfter(keys);
    if (wait > 0) return wait;
    const who = await principalFromBasicAuth(header, opts.users());
    if (who) throttle.succeeded(keys);
    else {
      throttle.failed(keys);
      opts.log?.('console sign-in failed', { user: name.slice(0, 64) });
    }
    return who;
  };
  const tooMany = (res: import('node:http').ServerResponse, wait: number) =>
    res.writeHead(429, { 'retry-after': String(wait), 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: `too many failed sign-ins; try again in ${wait} s` }));
  // The verify page's one inline script is allowed by its hash; nothing else inline runs.
  const csp = contentSecurityPolicy({ ...(opts.objectStoreOrigin ? { objectStoreOrigin: opts.objectStoreOrigin } : {}), inlineScripts: inlineScriptsOf(await readFile(new URL('verify.html', WEB), 'utf8')) });
  const guard = securityHeaders(csp);
  let selfOrigins: string[] = [];
  const server = createServer(async (req, res) => {
    for (const [k, v] of Object.entries(guard)) res.setHeader(k, v);
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/api/')) {
        res.setHeader('cache-control', 'no-store');
        const refused = crossSiteRefusal(req.method ?? 'GET', { origin: req.headers.origin, 'sec-fetch-site': req.headers['sec-fetch-site'] as string | undefined }, selfOrigins);
        if (refused) {
          req.resume();
          res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: refused }));
          return;
        }
        const who = await signIn(req.headers.authorization);
        if (typeof who === 'number') {
          req.resume();
          return tooMany(res, who);
        }
        // Nobody's body is read before they are known, but for the public verify route (a copy to check).
        const isPublic = API_ROUTES.some((r) => r.public && r.method === req.method && r.path.test(url.pathname));
        if (req.method === 'POST' && !who && !isPublic) {
          req.resume();
          res.writeHead(401, { 'www-authenticate': 'Basic realm="intake", charset="UTF-8"', 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'sign in first' }));
          return;
        }
        const body = req.method === 'POST' ? await readBody(req, VERIFY_MAX_BYTES + 1) : undefined;
        const r = await handleApi(
          { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), ...(body ? { body } : {}) },
          opts.api,
          who,
        );
        res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...r.headers });
        res.end(r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body)));
        return;
      }
      // The verification page is public, like the API it calls: anyone holding a copy may check it.
      if (url.pathname === '/verify' || url.pathname === '/verify.html') {
        res.writeHead(200, { 'content-type': TYPES.html! }).end(await readFile(new URL('verify.html', WEB)));
        return;
      }
      // No config.json here: the page then calls this server's API and signs in with Basic (on AWS the CDK
      // app writes one naming the API and Cognito). Answered without sign-in, as the public /verify page asks too.
      if (url.pathname === '/config.json') {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end('{}');
        return;
      }
      // The page asks for the user too, so the browser signs in once and sends it with every API call.
      const page = await signIn(req.headers.authorization);
      if (typeof page === 'number') return tooMany(res, page);
      if (!page) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="intake", charset="UTF-8"', 'content-type': 'text/plain; charset=utf-8' }).end('sign in first');
        return;
      }
      const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      // The page, its stylesheet and its modules (web/app/); nothing else of the folder.
      if (!/^(app\/)?[a-z0-9-]+\.(html|js|css|json)$/.test(name)) {
        res.writeHead(404).end('not found');
        return;
      }
      const body = await readFile(new URL(name, WEB));
      res.writeHead(200, { 'content-type': TYPES[name.split('.').pop()!]! }).end(body);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      res.writeHead(err.code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain; charset=utf-8' }).end(err.code === 'ENOENT' ? 'not found' : 'internal error');
    }
  });
  // A client reuses an idle connection; with Node's 5 s default the server may close it just as a request
  // goes out on it (ECONNRESET), above all while the pipeline in this process keeps the event loop busy.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${opts.port} for the console is in use; set INTAKE_CONSOLE_PORT to a free port`) : e),
    );
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  // Reached as 127.0.0.1 (the URL printed) or as localhost.
  selfOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
