/**
 * The prefilter the build saves for the shipped rules (prefilter-snapshot.ts): restored, it is the
 * prefilter built from the patterns, hit for hit; it is used only for the patterns it was made for.
 */
import { beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { Prefilter, type PrefilterPattern } from '../../src/engine/prefilter.js';
import { readSnapshot, writeSnapshot } from '../../src/engine/prefilter-snapshot.js';
import { ROOT } from '../cli/helpers.js';

let patterns: PrefilterPattern[];
beforeAll(async () => {
  const defs = await loadRuleDefs([BUILTIN_RULES_DIR]);
  patterns = defs.flatMap((d) => d.patterns.map((p) => ({ source: p.regex, ignoreCase: p.ignoreCase, maxLength: p.shape.maxLength })));
});

const hits = (filter: Prefilter, texts: string[]): number[] => {
  const out: number[] = [];
  const cursor = filter.newCursor();
  let at = 0;
  for (const t of texts) {
    filter.scan(t, at, cursor, out);
    at += t.length;
  }
  filter.finish(cursor, at, out);
  return out;
};

const samples = readdirSync(join(ROOT, 'fixtures', 'corpus', 'positive')).map((n) => readFileSync(join(ROOT, 'fixtures', 'corpus', 'positive', n), 'utf8'));

it('restored from its record, gives the hits of the prefilter built from the patterns', () => {
  const built = new Prefilter(patterns, undefined, 'js');
  const record = writeSnapshot(built.parts(patterns));
  const restored = new Prefilter(patterns, undefined, 'wasm', readSnapshot(record));
  expect(restored.restored).toBe(true);
  expect(restored.parts(patterns)).toEqual(built.parts(patterns));
  const fresh = () => new Prefilter(patterns, undefined, 'js');
  expect(hits(new Prefilter(patterns, undefined, 'js', readSnapshot(record)), samples)).toEqual(hits(fresh(), samples));
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...samples.slice(0, 6), 'é😀 ', 'A# 201-555-987 ', '4929 1234 5678 9015\n', 'x'.repeat(300)), { maxLength: 30 }), (pieces) => {
      expect(hits(new Prefilter(patterns, 40, 'js', readSnapshot(record)), pieces)).toEqual(hits(new Prefilter(patterns, 40, 'js'), pieces));
    }),
    { seed: 3, numRuns: 40 },
  );
});

it('keeps one row per distinct set of classes a state consumes, shared by every state with it (the record holds each once)', () => {
  const rows = new Prefilter(patterns, undefined, 'js').parts(patterns).consumes.filter((r) => r !== undefined);
  expect(new Set(rows).size).toBe(new Set(rows.map((r) => r.join(''))).size);
  expect(new Set(rows).size).toBeLessThan(rows.length / 10);
});

it('is not used for other patterns, nor read in another layout', () => {
  const record = writeSnapshot(new Prefilter(patterns).parts(patterns));
  const fewer = patterns.slice(1);
  const other = new Prefilter(fewer, undefined, 'js', readSnapshot(record));
  expect(other.restored).toBe(false);
  expect(hits(other, samples)).toEqual(hits(new Prefilter(fewer, undefined, 'js'), samples));
  const changed = Int32Array.from(record);
  changed[0] = -1; // another format
  expect(readSnapshot(changed)).toBeUndefined();
});

it('the build saved one the shipped rules use, as the CLI loads them (reads dist/)', async () => {
  const dist = new URL('../../dist/', import.meta.url).href;
  const { loadRules, loadConfig } = (await import(`${dist}config/load.js`)) as typeof import('../../src/config/load.js');
  const { ruleSet } = await loadRules({ config: await loadConfig(false, ROOT), extraRules: [] });
  expect(ruleSet.prefilter!.forScanner(1 << 20)!.restored).toBe(true);
});
