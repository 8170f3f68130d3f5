/** What lets a request in and what bounds it: token, host, content type, body limit, deadline, admission, errors, the log. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { startServer } from '../../src/serve/server.js';
import { post, send, start, type Started } from './helpers.js';

const SSN = '541-40-2160';
const open: Started[] = [];
const started = async (o: Parameters<typeof start>[0] = {}) => {
  const s = await start(o);
  open.push(s);
  return s;
};
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** Sends the headers and part of a body, then nothing: the answer the server gives to that. */
function stall(s: Started, path: string, declared: number, headers = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(s.port, '127.0.0.1', () => {
      sock.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n${headers}\r\n{"text":`);
    });
    let got = '';
    sock.on('data', (d) => (got += d.toString('utf8')));
    sock.on('close', () => resolve(got));
    sock.on('error', reject);
  });
}

describe('bearer token', () => {
  it('with a token every API request needs it: 401 without or with a wrong one, the page and health stay open', async () => {
    const s = await started({ token: 's3cret-token' });
    expect((await post(s, '/analyze', { text: 'x', language: 'en' })).status).toBe(401);
    expect((await post(s, '/analyze', { text: 'x', language: 'en' }, { Authorization: 'Bearer s3cret-tokem' })).status).toBe(401);
    expect((await post(s, '/analyze', { text: 'x', language: 'en' }, { Authorization: 'Bearer s3cret' })).status).toBe(401);
    const ok = await post(s, '/analyze', { text: 'x', language: 'en' }, { Authorization: 'Bearer s3cret-token' });
    expect(ok.status).toBe(200);
    expect((await send(s, 'GET', '/health')).status).toBe(200);
    expect((await send(s, 'GET', '/')).status).toBe(200);
  });

  it('refuses to listen beyond loopback without a token', async () => {
    const io = { cwd: '/', env: {}, stderr: () => {} };
    const { loadRuleOptions } = await import('../../src/cli/shared-options.js');
    const loaded = await loadRuleOptions({ config: false }, io);
    await expect(startServer({ host: '0.0.0.0', port: 0, context: { loaded, showValues: false }, log: () => {} })).rejects.toThrow(/PII_SCAN_TOKEN/);
  });
});

describe('requests that are refused', () => {
  it('a Host that is not loopback (DNS rebinding) is 403', async () => {
    const s = await started();
    expect((await post(s, '/analyze', { text: 'x', language: 'en' }, { Host: 'attacker.example' })).status).toBe(403);
  });

  it('a body that is not JSON is 415 or 400, and no error quotes the body', async () => {
    const s = await started();
    const plain = await post(s, '/scan', `{"text":"${SSN}"}`, { 'Content-Type': 'text/plain' });
    expect(plain.status).toBe(415);
    const broken = await post(s, '/scan', `{"text":"${SSN}`);
    expect(broken.status).toBe(400);
    expect(broken.json.error).toEqual({ code: 'invalid-json', message: expect.any(String) });
    const wrong = await post(s, '/scan', { text: 7, content: SSN });
    expect(wrong.status).toBe(400);
    for (const r of [plain, broken, wrong]) expect(r.text).not.toContain(SSN);
  });

  it('unknown paths are 404 and wrong methods 405, as JSON', async () => {
    const s = await started();
    expect((await send(s, 'GET', '/nothing')).json.error.code).toBe('not-found');
    expect((await send(s, 'GET', '/analyze')).json.error.code).toBe('method-not-allowed');
    expect((await post(s, '/health', {})).status).toBe(405);
  });

  it('a body over the limit is 413, whether declared or streamed', async () => {
    const s = await started({ limits: { maxBodyBytes: 1000 } });
    const big = await post(s, '/scan', { text: 'a'.repeat(2000) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('body-too-large');
    const chunked = await post(s, '/scan', { text: 'a'.repeat(2000) }, { 'Transfer-Encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect((await post(s, '/scan', { text: 'a'.repeat(500) })).status).toBe(200);
  });

  it('a request not finished within the deadline is answered 408', async () => {
    const s = await started({ limits: { timeoutMs: 300 } });
    const answer = await stall(s, '/scan', 1000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"code":"timeout"');
  });

  it('past the requests at work and waiting, 503 with Retry-After; the place is given back after', async () => {
    const s = await started({ limits: { maxActive: 1, maxQueued: 0, timeoutMs: 1500 } });
    // The server's own handler runs first and takes the place before this listener is called.
    const admitted = new Promise((r) => s.server.once('request', r));
    const held = stall(s, '/scan', 1000);
    await admitted;
    const busy = await post(s, '/scan', { text: 'x' });
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    await held; // its deadline ends it
    expect((await post(s, '/scan', { text: 'x' })).status).toBe(200);
  });
});

describe('access log', () => {
  it('one line per request: method, path, status, ms, bytes; never a query, a body or a value', async () => {
    const s = await started();
    await post(s, '/scan', { text: `SSN ${SSN}` });
    await send(s, 'GET', `/health?ssn=${SSN}`);
    await send(s, 'GET', `/${SSN}`);
    await post(s, '/scan', `{"text":"${SSN}`);
    expect(s.log).toHaveLength(4);
    expect(s.log[0]).toMatch(/^POST \/scan 200 \d+\.\dms \d+B$/);
    expect(s.log[1]).toMatch(/^GET \/health 200 /);
    expect(s.log[2]).toMatch(/^GET \(other path\) 404 /);
    for (const line of s.log) expect(line).not.toContain('541');
  });
});
