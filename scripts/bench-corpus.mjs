/**
 * A deterministic benchmark corpus: ordinary prose, changelog and log lines, with
 * group-text messages carrying planted PII every few kilobytes. Same seed, same bytes.
 *
 *   node scripts/bench-corpus.mjs OUT_FILE SIZE_MB
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the of and to in is for that with on as by it from this be are at or an was which were has have not ' +
  'build release fix update support version module error request server client config option value file ' +
  'report meeting schedule team project customer order invoice shipping account service update policy ' +
  'review draft budget quarter market data analysis result system network user access storage backup ' +
  'morning weather traffic lunch coffee parking office training safety vehicle route delivery warehouse'
).split(' ');

const LOG_LEVELS = ['INFO', 'WARN', 'DEBUG', 'ERROR'];

// Planted values (valid per their checks), as a leaking message would carry them.
const MESSAGES = [
  (r) => `[${hh(r)}] Lt. Brandt: target is RAMIREZ, Jose DOB 04/12/1981 SSN 536-22-4391, tag 7ABC123 (CA)`,
  (r) => `[${hh(r)}] Ortiz: ALPR hit plate 8XYZ221 at 34.05223, -118.24368 cam 12, call me (213) 621-0002`,
  (r) => `[${hh(r)}] Vasquez: FIELD OPERATIONS WORKSHEET attached (U//FOUO), A# 201-555-987, DL# D1234567`,
  (r) => `[${hh(r)}] Pruitt: card 4929 1234 5678 9015 exp 04/27, routing 021000021, email r.lopez@agency-mail.gov`,
  (r) => `[${hh(r)}] Landry: VIN 1HGCM82633A004352, passport 488839667, IBAN DE89 3704 0044 0532 0130 00, host 73.162.44.201`,
];

function hh(r) {
  return `${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`;
}

function sentence(r) {
  const n = 6 + Math.floor(r() * 14);
  const words = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]);
  if (r() < 0.3) words.push(String(Math.floor(r() * 100000)));
  if (r() < 0.1) words.push(`v${Math.floor(r() * 9)}.${Math.floor(r() * 20)}.${Math.floor(r() * 40)}`);
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function block(r) {
  const kind = r();
  if (kind < 0.45) {
    const lines = [];
    for (let i = 0; i < 3 + r() * 5; i++) lines.push(sentence(r));
    return lines.join(' ') + '\n\n';
  }
  if (kind < 0.8) {
    const lines = [];
    for (let i = 0; i < 5 + r() * 20; i++) {
      const lvl = LOG_LEVELS[Math.floor(r() * LOG_LEVELS.length)];
      lines.push(`2024-06-0${1 + Math.floor(r() * 9)}T${hh(r)}:${String(Math.floor(r() * 60)).padStart(2, '0')}Z ${lvl} worker[${Math.floor(r() * 9999)}] ${sentence(r)} id=${Math.floor(r() * 1e9).toString(16)} took ${Math.floor(r() * 900)}ms`);
    }
    return lines.join('\n') + '\n';
  }
  if (kind < 0.97) {
    return `## ${Math.floor(r() * 5)}.${Math.floor(r() * 30)}.${Math.floor(r() * 10)} (2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)})\n- ${sentence(r)}\n- ${sentence(r)}\n\n`;
  }
  return MESSAGES[Math.floor(r() * MESSAGES.length)](r) + '\n';
}

export async function writeCorpus(file, megabytes, seed = 20261126) {
  const r = rng(seed);
  const out = createWriteStream(file);
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let buf = '';
  while (written < target) {
    buf += block(r);
    if (buf.length > 1 << 20) {
      written += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, mb] = process.argv.slice(2);
  await writeCorpus(file, Number(mb ?? 100));
}
