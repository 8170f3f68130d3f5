/** Overlap resolution between rules: one finding per span, the others kept as alternatives. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import fc from 'fast-check';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { resolveOverlaps } from '../../src/engine/overlaps.js';
import { compileRules, type RuleSet } from '../../src/engine/ruleset.js';
import { FoldingScanner as StreamScanner, scanText } from '../../src/engine/folding-scanner.js';
import type { Finding, Severity } from '../../src/model/finding.js';
import { parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const SETTINGS = { defaultRegion: 'US' };
let rules: RuleSet;
beforeAll(async () => {
  rules = compileRules(await loadRuleDefs([BUILTIN_RULES_DIR]));
});

function finding(ruleId: string, index: number, value: string, confidence: number, severity: Severity = 'high'): Finding {
  const length = value.length;
  return { ruleId, entity: ruleId.toUpperCase(), severity, confidence, value, why: '', index, line: 1, column: index + 1, endLine: 1, endColumn: index + 1 + length, offset: index, length, contextHash: '' };
}
const ORDER = ['a', 'b', 'c'];
const order = (f: Finding) => ORDER.indexOf(f.ruleId);
const summary = (fs: Finding[]) => fs.map((f) => [f.ruleId, f.index, f.value.length, (f.alternatives ?? []).map((a) => a.ruleId)]);

describe('resolveOverlaps', () => {
  it('keeps the most confident finding of an identical span, the others as alternatives', () => {
    const out = resolveOverlaps([finding('a', 0, 'A12345678', 0.7), finding('b', 0, 'A12345678', 0.75)], order);
    expect(out).toHaveLength(1);
    expect(out[0]!.ruleId).toBe('b');
    expect(out[0]!.alternatives).toEqual([{ entity: 'A', ruleId: 'a', confidence: 0.7 }]);
  });

  it('breaks a confidence tie by severity, then by rule order', () => {
    expect(summary(resolveOverlaps([finding('a', 0, 'x1', 0.6, 'low'), finding('b', 0, 'x1', 0.6, 'critical')], order))).toEqual([['b', 0, 2, ['a']]]);
    expect(summary(resolveOverlaps([finding('b', 0, 'x1', 0.6), finding('a', 0, 'x1', 0.6)], order))).toEqual([['a', 0, 2, ['b']]]);
  });

  it('folds a less confident, no more severe finding inside another into it; keeps crossing spans and surer or more severe insides', () => {
    const outer = finding('a', 0, '0123456789', 0.9);
    expect(summary(resolveOverlaps([outer, finding('b', 2, '2345', 0.6)], order))).toEqual([['a', 0, 10, ['b']]]);
    expect(summary(resolveOverlaps([outer, finding('b', 2, '2345', 0.95)], order))).toEqual([['a', 0, 10, []], ['b', 2, 4, []]]);
    expect(summary(resolveOverlaps([outer, finding('b', 2, '2345', 0.6, 'critical')], order))).toHaveLength(2);
    expect(summary(resolveOverlaps([outer, finding('b', 8, '8901', 0.6)], order))).toHaveLength(2);
  });

  it('folds a name inside a street address into the address, however sure the name', () => {
    const person = (index: number, value: string, confidence: number): Finding => ({ ...finding('b', index, value, confidence, 'low'), entity: 'PERSON' });
    const address: Finding = { ...finding('a', 0, '2029 Calle Rosa Maria', 0.55, 'medium'), entity: 'STREET_ADDRESS' };
    expect(summary(resolveOverlaps([address, person(5, 'Calle Rosa Maria', 0.7)], order))).toEqual([['a', 0, 21, ['b']]]);
    // After the street, a surer name may be a person's.
    const line: Finding = { ...finding('a', 0, '12 Main St, John Smith, Springfield, IL 62704', 0.55, 'medium'), entity: 'STREET_ADDRESS' };
    expect(summary(resolveOverlaps([line, person(12, 'John Smith', 0.7)], order))).toHaveLength(2);
    // Inside a finding of another kind, a surer name stays a finding of its own.
    const other: Finding = { ...address, entity: 'LICENSE_PLATE' };
    expect(summary(resolveOverlaps([other, person(5, 'Calle Rosa Maria', 0.7)], order))).toHaveLength(2);
  });

  it('leaves suppressed findings out of the contest', () => {
    const allowed = { ...finding('b', 0, 'A12345678', 0.9), suppressed: {} };
    const out = resolveOverlaps([finding('a', 0, 'A12345678', 0.7), allowed], order);
    expect(summary(out)).toEqual([['a', 0, 9, []], ['b', 0, 9, []]]);
  });
});

describe('overlaps in a scan', () => {
  it('reports A12345678 once, as the A-number, with the passport as an alternative', () => {
    // As the CLI scans a file: findings under the threshold are never built, so never alternatives.
    const s = new StreamScanner(rules, { settings: SETTINGS, minConfidence: 0.5 });
    const found = [...s.push('Passport: A12345678, A-number on file\n'), ...s.end()];
    expect(found.map((f) => [f.entity, f.alternatives?.map((a) => a.entity)])).toEqual([['A_NUMBER', ['US_PASSPORT']]]);
  });

  it('reports a street named after someone as the address, the name as its alternative', () => {
    const s = new StreamScanner(rules, { settings: SETTINGS, minConfidence: 0.5 });
    const found = [...s.push('2029 Calle Rosa Maria\n'), ...s.end()];
    // A run that starts with a street type is no name at all now; either way the address is reported whole.
    expect(found.map((f) => [f.entity, f.value])).toEqual([['STREET_ADDRESS', '2029 Calle Rosa Maria']]);
  });

  const fragments = fc.constantFrom(
    'A12345678', ' A-number ', ' passport ', '(202) 456-1414', ' 73.162.44.201 ', ' SSN 536-22-4391 ', ' phone ', ' ',
    '\n', ' 4111 1111 1111 1111 ', ' card ', ' 1HGCM82633A004352 ', ' ITIN 912-70-1234 ', 'x', '0',
  );
  const texts = fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join(''));

  it('never reports two findings on an identical span, whatever the chunking', () => {
    fc.assert(
      fc.property(texts, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), (text, sizes) => {
        const whole = scanText(rules, text, SETTINGS);
        const spans = whole.filter((f) => !f.suppressed).map((f) => `${f.index}:${f.value.length}`);
        expect(new Set(spans).size).toBe(spans.length);
        // A stream read in one piece is the reference: whole texts also join labelled wraps, streams do not (yet).
        const one = new StreamScanner(rules, { settings: SETTINGS });
        const read = [...one.push(text), ...one.end()];
        const s = new StreamScanner(rules, { settings: SETTINGS });
        const chunked: Finding[] = [];
        for (let at = 0, k = 0; at < text.length; at += sizes[k++ % sizes.length]!) chunked.push(...s.push(text.slice(at, at + sizes[k % sizes.length]!)));
        chunked.push(...s.end());
        expect(chunked.map((f) => [f.ruleId, f.index, f.confidence, f.alternatives])).toEqual(read.map((f) => [f.ruleId, f.index, f.confidence, f.alternatives]));
      }),
      { numRuns: 150, examples: [[' phone A12345678\n 4111 1111 1111 1111 ', [1]]] },
    );
  });
});

describe('alternatives in the JSON report', () => {
  const dirs = tempDirs();
  afterAll(() => dirs.cleanup());

  it('lists what the reported finding won over, and merge keeps the list', async () => {
    const cwd = writeTree(dirs.make(), { 'a.txt': 'Passport: A12345678, A-number on file\n' });
    const r = await runCli(['--no-config', '-f', 'json', 'a.txt'], { cwd });
    const report = parseJson(r.stdout) as unknown as { findings: { entity: string; alternatives?: unknown }[] };
    expect(report.findings.map((f) => [f.entity, f.alternatives])).toEqual([['A_NUMBER', [{ entity: 'US_PASSPORT', ruleId: 'us-passport', confidence: 0.7 }]]]);
    writeTree(cwd, { 'a.json': r.stdout });
    const merged = parseJson((await runCli(['merge', '-f', 'json', join(cwd, 'a.json')], { cwd })).stdout) as unknown as typeof report;
    expect(merged.findings.map((f) => f.alternatives)).toEqual([[{ entity: 'US_PASSPORT', ruleId: 'us-passport', confidence: 0.7 }]]);
  });
});
