/**
 * Redacting JSON keeps it JSON (property): random documents with values planted as plain strings,
 * strings written with \u escapes and numbers, in any layout, redact into text that JSON.parse
 * reads, that rescans clean, and that keeps every key and container where it was.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDirs } from '../cli/helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 0);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A value planted under a key that gives it context, as a number or a string. */
const PLANTED: Array<[string, Json, string]> = [
  ['ssn', 536224391, '536224391'],
  ['ssn', '536-22-4391', '536-22-4391'],
  ['note', 'her SSN is 536-22-4391, on file', '536-22-4391'],
  ['card', 4929123456789015, '4929123456789015'],
  ['card_number', '4929 1234 5678 9015', '4929 1234 5678 9015'],
  ['phone', '(213) 621-0002', '621-0002'],
  ['email', 'r.lopez@agency-mail.gov', 'r.lopez@agency-mail.gov'],
];

/** JSON text with the chosen strings' characters written as \u escapes, and the layout chosen. */
function serialize(v: Json, escape: (s: string) => boolean, indent: string, depth = 0): string {
  const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
  const end = indent ? `\n${indent.repeat(depth)}` : '';
  if (typeof v === 'string') {
    if (!escape(v)) return JSON.stringify(v);
    return `"${[...v].map((c) => (c.length === 1 && c !== '"' && c !== '\\' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : JSON.stringify(c).slice(1, -1))).join('')}"`;
  }
  if (Array.isArray(v)) return v.length ? `[${v.map((x) => nl + serialize(x, escape, indent, depth + 1)).join(',')}${end}]` : '[]';
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length ? `{${entries.map(([k, x]) => `${nl}${JSON.stringify(k)}: ${serialize(x, escape, indent, depth + 1)}`).join(',')}${end}}` : '{}';
  }
  return JSON.stringify(v);
}

/** The shape without the leaves: keys and containers, which redaction must keep. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return typeof v === 'string' || typeof v === 'number' ? 'leaf' : v;
}

const filler = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
const planted = fc.subarray(PLANTED, { minLength: 1 }).map((ps) => ps.map(([k, v]) => ({ [k]: v })));

describe('JSON redaction (property)', () => {
  it('yields valid JSON that rescans clean, with keys and containers kept', async () => {
    const cwd = dirs.make();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        filler,
        planted,
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('', '  ', '\t'),
        fc.boolean(),
        async (noise, people, at, indent, escapeAll) => {
          // The planted records go into the noise at a chosen place: first, last or nested.
          const doc: Json = at === 0 ? { people } : at === 1 ? { data: noise, people } : at === 2 ? [noise, { nested: { people } }] : { people, data: noise };
          const strings = new Set(PLANTED.map(([, v]) => v).filter((v): v is string => typeof v === 'string'));
          const text = serialize(doc, (s) => escapeAll && strings.has(s), indent);
          const name = `doc-${n++}.json`;
          writeFileSync(join(cwd, name), text);
          const r = await runCli(['redact', '--no-config', name], { cwd });
          expect(r.stderr).not.toContain('error');
          expect(r.code).toBe(0);
          const out: unknown = JSON.parse(r.stdout);
          expect(shape(out)).toEqual(shape(JSON.parse(text)));
          const flat = JSON.stringify(out);
          for (const [, , raw] of PLANTED) expect(flat).not.toContain(raw);
          writeFileSync(join(cwd, `out-${name}`), r.stdout);
          const rescan = await runCli(['scan', '--no-config', '--format', 'json', `out-${name}`], { cwd });
          expect(JSON.parse(rescan.stdout).findings).toEqual([]);
        },
      ),
      { seed: 11, numRuns: RUNS > 0 ? RUNS : 25 },
    );
  });
});
