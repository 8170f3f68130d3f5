/**
 * Precision and recall of the shipped rules on a labelled corpus. A finding is a true
 * positive when it overlaps an unclaimed labelled occurrence of the same entity.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { RuleSet } from '../../src/engine/ruleset.js';
import type { Finding } from '../../src/model/finding.js';
import { fileChunks } from '../../src/sources/file-chunks.js';
import { collectInput } from '../../src/run/scan-input.js';
import { SETTINGS } from './rules.js';

export interface EntityScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Miss {
  file: string;
  entity: string;
  kind: 'fp' | 'fn';
  /** Surrounding text, for a developer reading a failing test (corpus values are synthetic). */
  excerpt: string;
}

interface Label {
  entity: string;
  value: string;
}

/**
 * Each file goes through the CLI's own input path (collectInput, as `pii-scan scan` reads it): a
 * .csv file cell by cell with its column headers as context. Findings carry the character index of
 * the value in the file, which is what the labels are matched against.
 */
export async function evaluateCorpus(dir: string, rules: RuleSet, minConfidence: number): Promise<{ scores: Map<string, EntityScore>; misses: Miss[] }> {
  const labels = parse(readFileSync(join(dir, 'labels.yaml'), 'utf8')) as Record<string, Label[] | null>;
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (entity: string, k: 'tp' | 'fp' | 'fn') => {
    const c = counts.get(entity) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    counts.set(entity, c);
  };
  const misses: Miss[] = [];
  for (const [file, list] of Object.entries(labels)) {
    const text = readFileSync(join(dir, file), 'utf8');
    const spans = labelSpans(text, list ?? []);
    const path = join(dir, file);
    const r = await collectInput({ kind: 'file', path, display: path }, fileChunks(path), {
      ruleSet: rules,
      settings: SETTINGS,
      minConfidence,
      allow: new Set(),
      structured: 'all',
    });
    if (r.status !== 'scanned') throw new Error(`${file}: ${r.status === 'error' ? r.message : r.reason}`);
    const findings: Finding[] = r.findings;
    const excerpt = (at: number, len: number) => text.slice(Math.max(0, at - 40), at + len + 40).replace(/\s+/g, ' ');
    for (const f of findings) {
      const hit = spans.find((s) => !s.claimed && s.entity === f.entity && s.start < f.index + f.value.length && f.index < s.end);
      if (hit) {
        hit.claimed = true;
        bump(f.entity, 'tp');
      } else if (!spans.some((s) => s.entity === f.entity && s.start < f.index + f.value.length && f.index < s.end)) {
        bump(f.entity, 'fp');
        misses.push({ file, entity: f.entity, kind: 'fp', excerpt: `[${f.value}] ${f.why} :: ${excerpt(f.index, f.value.length)}` });
      }
    }
    for (const s of spans.filter((x) => !x.claimed)) {
      bump(s.entity, 'fn');
      misses.push({ file, entity: s.entity, kind: 'fn', excerpt: `[${text.slice(s.start, s.end)}] :: ${excerpt(s.start, s.end - s.start)}` });
    }
  }
  const scores = new Map<string, EntityScore>();
  for (const [entity, c] of [...counts].sort()) {
    scores.set(entity, {
      ...c,
      precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
      recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
    });
  }
  return { scores, misses };
}

/** Labels name values, not positions: the k-th label of a value is its k-th occurrence. */
function labelSpans(text: string, labels: Label[]) {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const k = seen.get(l.value) ?? 0;
    seen.set(l.value, k + 1);
    let at = -1;
    for (let i = 0; i <= k; i++) at = text.indexOf(l.value, at + 1);
    if (at < 0) throw new Error(`label ${l.entity} '${l.value}' does not occur ${k + 1} times`);
    return { entity: l.entity, start: at, end: at + l.value.length, claimed: false };
  });
}

export function formatScores(scores: Map<string, EntityScore>): string {
  const rows = [...scores].map(
    ([e, s]) => `${e.padEnd(18)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
  );
  return rows.join('\n');
}
