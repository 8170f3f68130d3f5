#!/usr/bin/env node
// People findings per MB on text that holds no one's personal data: technical documentation
// (fixtures/benign/ by default; Node's API docs, /usr/share/doc, man pages).
//
//   node bench/people/benign.mjs [--bin path/to/pii-scan] [--list] [DIR|FILE ...]
//
// Per MB of input, at the default threshold: PERSON (a name alone is low: an author's credit is a
// person's name, so these are counted, not judged), STREET_ADDRESS, and what would block a gate:
// PERSON or PROFILE findings at medium severity or above (a name made a profile by an address or a
// number in its record). --list prints each finding (entity, severity, confidence, value, file).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const bin = args.includes('--bin') ? args[args.indexOf('--bin') + 1] : join(here, '..', '..', 'bin', 'pii-scan');
const list = args.includes('--list');
const paths = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--bin');
if (paths.length === 0) paths.push(join(here, '..', '..', 'fixtures', 'benign'));

const size = (p) => {
  const s = statSync(p);
  return s.isDirectory() ? readdirSync(p).reduce((n, e) => n + size(join(p, e)), 0) : s.size;
};

for (const p of paths) {
  let out;
  try {
    out = execFileSync(process.execPath, [bin, 'scan', p, '--format', 'json', '--show-values', '--no-config'], { maxBuffer: 1 << 28, encoding: 'utf8' });
  } catch (err) {
    if (err.status !== 1) throw err;
    out = err.stdout;
  }
  const mb = size(p) / (1 << 20);
  const people = ['PERSON', 'STREET_ADDRESS', 'PROFILE'];
  const findings = JSON.parse(out).findings.filter((f) => people.includes(f.entity));
  const perMb = (n) => `${n} (${(n / mb).toFixed(2)}/MB)`;
  const line = people.map((e) => `${e} ${perMb(findings.filter((f) => f.entity === e).length)}`);
  const blocking = findings.filter((f) => f.entity !== 'STREET_ADDRESS' && ['medium', 'high', 'critical'].includes(f.severity));
  console.log(`${p}: ${mb.toFixed(1)} MB; ${line.join('; ')}; a name at medium or above ${perMb(blocking.length)}`);
  if (list) for (const f of findings) console.log(`  ${f.entity} ${f.severity} ${f.confidence} ${JSON.stringify(f.value)} ${f.path}:${f.line}`);
}
