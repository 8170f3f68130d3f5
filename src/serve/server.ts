/**
 * `pii-scan serve`: the HTTP front door. Each request is let in (host, token, admission), its body
 * read within the limits, handed to its route and answered as JSON; one access-log line per request
 * (method, known path, status, milliseconds, bytes out) and never a body, a query or a value.
 */
import type { Answer } from './answer.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerCheck, hostCheck, isLoopback } from './auth.js';
import { Admission, ApiError, deadline, DEFAULT_LIMITS, readBody, type Limits } from './limits.js';
import { errorAnswer, ROUTES, type ServeContext } from './routes.js';

export interface ServeOptions {
  host: string;
  port: number;
  /** Required of every API request when set (PII_SCAN_TOKEN). */
  token?: string;
  limits?: Partial<Limits>;
  context: Omit<ServeContext, 'tokenRequired'>;
  /** One line per request (stderr for the CLI). */
  log: (line: string) => void;
}

export interface RunningServer {
  server: Server;
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A server that would answer other machines without a token is refused before it starts. */
export class ServeError extends Error {}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  if (!isLoopback(opts.host) && opts.token === undefined) {
    throw new ServeError(`${opts.host} is not a loopback address: set PII_SCAN_TOKEN so that only those who have it can send text to this server`);
  }
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const ctx: ServeContext = { ...opts.context, tokenRequired: opts.token !== undefined };
  const authorize = bearerCheck(opts.token);
  const checkHost = hostCheck(opts.host);
  const admission = new Admission(limits.maxActive, limits.maxQueued);

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const path = pathOf(req.url);
    let finished = false;
    let bytes = 0;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      opts.log(`${req.method} ${ROUTES[path] ? path : '(other path)'} ${res.statusCode} ${ms.toFixed(1)}ms ${bytes}B`);
    });
    const send = (a: Answer, close = false) => {
      if (finished) return;
      finished = true;
      const body = Buffer.from(a.body, 'utf8');
      bytes = body.length;
      res.writeHead(a.status, { ...SECURITY_HEADERS, 'Content-Type': a.type, 'Content-Length': body.length, ...(close ? { Connection: 'close' } : {}), ...a.headers });
      // The unread rest of a body is dropped with the connection, which also ends the work still reading it.
      res.end(body, close ? () => req.destroy() : undefined);
    };
    const clock = deadline(limits.timeoutMs);
    handle(req, path, ctx, { limits, authorize, checkHost, admission }, clock.expired)
      .then((a) => send(a))
      .catch((e: unknown) => {
        const err = e instanceof ApiError ? e : new ApiError(500, 'internal', 'the server failed to answer this request');
        if (!(e instanceof ApiError)) opts.log(`internal error: ${(e as Error)?.name ?? 'error'}`); // the message may hold content
        // A body left unread (too large, too slow) cannot be skipped over: the connection ends with the answer.
        send(errorAnswer(err), err.status === 413 || err.status === 408);
      })
      .finally(() => clock.clear());
  });
  // The per-request deadline answers first, as JSON; these stop clients that never finish their headers.
  server.headersTimeout = Math.min(limits.timeoutMs, 60_000);
  server.requestTimeout = limits.timeoutMs + 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    server,
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

interface Gates {
  limits: Limits;
  authorize: (authorization: string | undefined) => void;
  checkHost: (host: string | undefined) => void;
  admission: Admission;
}

async function handle(req: IncomingMessage, path: string, ctx: ServeContext, g: Gates, expired: Promise<never>): Promise<Answer> {
  g.checkHost(req.headers.host);
  const route = ROUTES[path];
  if (!route) throw new ApiError(404, 'not-found', 'no such path; the service answers GET /, GET /health, POST /analyze, /anonymize, /scan and /check-message');
  if (req.method !== route.method && !(route.method === 'GET' && req.method === 'HEAD')) {
    throw new ApiError(405, 'method-not-allowed', `use ${route.method} for this path`);
  }
  if (route.method === 'GET') return route.handle(ctx, {});
  g.authorize(req.headers.authorization);
  // JSON only: a browser cannot send it from another site's page without asking first (CORS), and this server never says yes.
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    throw new ApiError(415, 'unsupported-media-type', 'send the request body as Content-Type: application/json');
  }
  const entering = g.admission.enter();
  let leave: () => void;
  try {
    leave = await Promise.race([entering, expired]);
  } catch (e) {
    entering.then((l) => l(), () => {}); // a place granted after the deadline is given straight back
    throw e;
  }
  const work = (async () => {
    const raw = await readBody(req, g.limits.maxBodyBytes);
    return route.handle(ctx, parseObject(raw));
  })();
  // The place is held until the work ends, even past its deadline: what runs stays bounded.
  work.finally(leave).catch(() => {});
  return await Promise.race([work, expired]);
}

function parseObject(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid-json', 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiError(400, 'bad-request', 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

function pathOf(url: string | undefined): string {
  const q = (url ?? '/').indexOf('?');
  return q < 0 ? (url ?? '/') : url!.slice(0, q);
}
