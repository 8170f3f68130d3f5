#!/usr/bin/env node
// Precision, recall and F1 of PERSON and STREET_ADDRESS on the labelled sentences in this folder.
//
//   node bench/people/score.mjs [--set held-out] [--bin path/to/pii-scan] [--errors] [-- extra scan flags]
//
// --set names the sentence file (sentences.txt by default; held-out.txt is the second set). A `\n`
// in a sentence is a line break (a letter's closing and the name under it).
// Each sentence is scanned as its own file (so no context crosses sentences) with the default
// threshold unless extra flags say otherwise. A finding counts as a hit when it overlaps a labelled
// span of the same type (each span matched once); "exact" also requires the same start and end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { P: 'PERSON', A: 'STREET_ADDRESS' };

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const own = dash < 0 ? args : args.slice(0, dash);
const extra = dash < 0 ? [] : args.slice(dash + 1);
const bin = own.includes('--bin') ? own[own.indexOf('--bin') + 1] : join(here, '..', '..', 'bin', 'pii-scan');
const showErrors = own.includes('--errors');
const set = own.includes('--set') ? own[own.indexOf('--set') + 1] : 'sentences';

export function parseSentence(raw) {
  const line = raw.replace(/\\n/g, '\n');
  const spans = [];
  let text = '';
  const markup = /\[\[([PA]):([^\]]+)\]\]/g;
  let last = 0;
  for (const m of line.matchAll(markup)) {
    text += line.slice(last, m.index);
    spans.push({ type: TYPES[m[1]], start: text.length, end: text.length + m[2].length });
    text += m[2];
    last = m.index + m[0].length;
  }
  text += line.slice(last);
  return { text, spans };
}

const sentences = readFileSync(join(here, `${set.replace(/\.txt$/, '')}.txt`), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map(parseSentence);

const dir = mkdtempSync(join(tmpdir(), 'people-eval-'));
try {
  sentences.forEach((s, i) => writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), `${s.text}\n`));
  let out;
  try {
    out = execFileSync(process.execPath, [bin, 'scan', dir, '--format', 'json', '--show-values', ...extra], {
      maxBuffer: 1 << 28,
      encoding: 'utf8',
    });
  } catch (err) {
    if (err.status !== 1) throw err;
    out = err.stdout;
  }
  const found = sentences.map(() => []);
  // A finding's line and column as an offset into its sentence.
  const lineStarts = sentences.map((s) => [0, ...[...s.text.matchAll(/\n/g)].map((m) => m.index + 1)]);
  for (const f of JSON.parse(out).findings) {
    const i = Number(basename(f.path, '.txt'));
    const starts = lineStarts[i];
    if (!Object.values(TYPES).includes(f.entity) || f.line > starts.length) continue;
    const at = (line, column) => starts[line - 1] + column - 1;
    found[i].push({ type: f.entity, start: at(f.line, f.column), end: at(f.endLine ?? f.line, f.endColumn), confidence: f.confidence });
  }

  const score = Object.fromEntries(Object.values(TYPES).map((t) => [t, { tp: 0, fp: 0, fn: 0, exact: 0 }]));
  const errors = [];
  sentences.forEach((s, i) => {
    const used = new Set();
    for (const f of found[i]) {
      const j = s.spans.findIndex((g, k) => !used.has(k) && g.type === f.type && g.start < f.end && f.start < g.end);
      if (j < 0) {
        score[f.type].fp++;
        errors.push(`FP ${f.type} "${s.text.slice(f.start, f.end)}" in: ${s.text}`);
        continue;
      }
      used.add(j);
      score[f.type].tp++;
      if (s.spans[j].start === f.start && s.spans[j].end === f.end) score[f.type].exact++;
    }
    s.spans.forEach((g, k) => {
      if (used.has(k)) return;
      score[g.type].fn++;
      errors.push(`FN ${g.type} "${s.text.slice(g.start, g.end)}" in: ${s.text}`);
    });
  });

  const ratio = (a, b) => (b === 0 ? 1 : a / b);
  const gold = sentences.reduce((n, s) => n + s.spans.length, 0);
  const negatives = sentences.filter((s) => s.spans.length === 0).length;
  console.log(`${sentences.length} sentences, ${gold} labelled spans, ${negatives} sentences without any`);
  console.log('type            labelled  found     P      R      F1   exact-span');
  for (const [type, s] of Object.entries(score)) {
    const p = ratio(s.tp, s.tp + s.fp);
    const r = ratio(s.tp, s.tp + s.fn);
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    console.log(
      `${type.padEnd(15)} ${String(s.tp + s.fn).padStart(8)} ${String(s.tp + s.fp).padStart(6)}  ${p.toFixed(3)}  ${r.toFixed(3)}  ${f1.toFixed(3)}  ${ratio(s.exact, s.tp).toFixed(3)}`,
    );
  }
  if (showErrors) for (const e of errors) console.log(e);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
