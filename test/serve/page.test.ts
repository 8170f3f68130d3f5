/** The check page: self-contained under a strict policy, and in a real headless browser (Chromium; skipped where it is absent). */
import { describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { send, serversForFile, type Started } from './helpers.js';

const SSN = '541-40-2160';
const STRANGER = '+1 415 555 2671';
const chromium = ['chromium', 'chromium-browser'].find((c) => spawnSync('which', [c]).status === 0);
const withBrowser = chromium ? it : it.skip;

const servers = serversForFile();

/** The page's DOM once the check it was linked to has answered (asynchronous: the server answers from this process). */
function dumpDom(url: string): Promise<string> {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--virtual-time-budget=10000', '--dump-dom', url];
  return new Promise((resolve) => execFile(chromium!, args, { encoding: 'utf8', timeout: 60_000 }, (_, stdout) => resolve(stdout)));
}

const link = (server: Started, fields: Record<string, string>) => `${server.url}/#${new URLSearchParams({ ...fields, check: '1' }).toString()}`;

describe('GET /', () => {
  it('is one document with no external asset, under a Content-Security-Policy that allows only its own hashes', async () => {
    const r = await send(servers.masked, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(r.text).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(r.text).toContain('<meta name="viewport"');
    for (const id of ['draft', 'files', 'to', 'channel']) expect(r.text).toMatch(new RegExp(`<label for="${id}"`));
  });

  withBrowser('a worksheet to an unknown number shows BLOCK, names the number, and masks the values it marks', async () => {
    const dom = await dumpDom(link(servers.masked, { text: `FIELD OPERATIONS WORKSHEET\nSSN ${SSN}`, to: STRANGER, channel: 'sms' }));
    expect(dom).toContain('data-verdict="block"');
    expect(dom).toContain('BLOCK: do not send this message');
    expect(dom).toContain(`${STRANGER} is not on the roster`);
    expect(dom).toMatch(/<mark[^>]*>\*\*\*-\*\*-2160<\/mark>/);
    expect(dom).not.toContain(SSN);
  }, 60_000);

  withBrowser('shows the raw value only when the server runs with --show-values', async () => {
    const dom = await dumpDom(link(servers.shown, { text: `SSN ${SSN}`, to: STRANGER, channel: 'signal' }));
    expect(dom).toContain('data-verdict="block"');
    expect(dom).toMatch(new RegExp(`<mark[^>]*>${SSN}</mark>`));
  }, 60_000);

  withBrowser('a message only to the roster over an encrypted channel shows ALLOW', async () => {
    const dom = await dumpDom(link(servers.masked, { text: 'Running late, save me a coffee.', to: '+1 (202) 555-0143', channel: 'signal' }));
    expect(dom).toContain('data-verdict="allow"');
  }, 60_000);
});
