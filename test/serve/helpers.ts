/** A server on 127.0.0.1, port 0, with the built-in rules and the guard fixtures' roster; requests over real HTTP. */
import { afterAll, beforeAll } from '@jest/globals';
import { request } from 'node:http';
import { join } from 'node:path';
import { loadRuleOptions } from '../../src/cli/shared-options.js';
import { loadRoster } from '../../src/guard/check-message.js';
import { startServer, type RunningServer, type ServeOptions } from '../../src/serve/server.js';
import { ROOT } from '../cli/helpers.js';

export interface Started extends RunningServer {
  log: string[];
}

export async function start(over: Partial<ServeOptions> & { showValues?: boolean; noRoster?: boolean } = {}): Promise<Started> {
  const io = { cwd: ROOT, env: {}, stderr: () => {} };
  const loaded = await loadRuleOptions({ config: false }, io);
  const roster = over.noRoster ? undefined : loadRoster(join(ROOT, 'fixtures/guard/team.yaml'), undefined, ROOT, 'US');
  const log: string[] = [];
  const { showValues, noRoster: _, ...rest } = over;
  const running = await startServer({
    host: '127.0.0.1',
    port: 0,
    context: { loaded, ...(roster ? { roster } : {}), showValues: showValues === true },
    log: (line) => log.push(line),
    ...rest,
  });
  return { ...running, log };
}

/** Two servers for a test file, started before its tests and closed after: one masking (`masked`), one with --show-values (`shown`). */
export function serversForFile(): { masked: Started; shown: Started } {
  const servers = {} as { masked: Started; shown: Started };
  beforeAll(async () => {
    servers.masked = await start();
    servers.shown = await start({ showValues: true });
  });
  afterAll(async () => {
    await servers.masked.close();
    await servers.shown.close();
  });
  return servers;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function send(
  s: RunningServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const data = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}${path}`, { method, headers: { ...(data !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

export const post = (s: RunningServer, path: string, body: unknown, headers?: Record<string, string>) => send(s, 'POST', path, body, headers);
