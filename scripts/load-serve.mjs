#!/usr/bin/env node
/**
 * Load test of `pii-scan serve` on loopback: starts the built server on a free port of 127.0.0.1,
 * sends 1 KB messages to POST /check-message (and POST /analyze) from a few concurrent clients for a
 * bounded number of requests and seconds, prints requests/s and latency percentiles, and stops the
 * server. Run after `npm run build`:  node scripts/load-serve.mjs [--requests 2000] [--seconds 20] [--clients 8]
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Math.max(1, Number(process.argv[i + 1]) || fallback) : fallback;
};
const MAX_REQUESTS = Math.min(arg('requests', 2000), 100_000);
const MAX_SECONDS = Math.min(arg('seconds', 20), 300);
const CLIENTS = Math.min(arg('clients', 8), 64);

const root = fileURLToPath(new URL('..', import.meta.url));
const server = spawn(process.execPath, [`${root}bin/pii-scan`, 'serve', '--host', '127.0.0.1', '--port', '0', '--roster', `${root}fixtures/guard/team.yaml`, '--no-config', '--concurrency', '4'], {
  stdio: ['ignore', 'ignore', 'pipe'],
  env: { ...process.env, PII_SCAN_TOKEN: '' },
});
const killer = setTimeout(() => server.kill(), (MAX_SECONDS + 30) * 1000); // never outlives its bound
const url = await new Promise((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (d) => {
    err += d;
    const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
});
server.stderr.resume();

// A 1 KB draft: ordinary words, one SSN and one phone number, to a stranger over SMS.
const filler = 'Staging at the usual lot, bring the folders and the second radio. ';
let text = 'Team, the plan for tomorrow. Subject SSN 541-40-2160, call (202) 555-0143 when ready. ';
while (text.length < 1024) text += filler;
text = text.slice(0, 1024);
const bodies = {
  '/check-message': JSON.stringify({ text, recipients: ['+1 415 555 2671'], channel: 'sms' }),
  '/analyze': JSON.stringify({ text, language: 'en' }),
};

function once(path) {
  const body = bodies[path];
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

async function run(path) {
  for (let i = 0; i < 20; i++) await once(path); // warm up
  const lat = [];
  const statuses = new Map();
  const until = Date.now() + MAX_SECONDS * 1000;
  let sent = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (sent < MAX_REQUESTS && Date.now() < until) {
        sent++;
        const r = await once(path);
        lat.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  lat.sort((a, b) => a - b);
  const p = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(1);
  console.log(`POST ${path}: ${lat.length} requests of 1 KB, ${CLIENTS} clients, ${secs.toFixed(1)} s: ${(lat.length / secs).toFixed(0)} requests/s; latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms; statuses ${[...statuses].map(([k, v]) => `${k}×${v}`).join(' ')}`);
}

try {
  await run('/check-message');
  await run('/analyze');
} finally {
  agent.destroy();
  clearTimeout(killer);
  server.kill('SIGTERM');
}
