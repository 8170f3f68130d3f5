/** A rule's own examples are its tests: `match` must be found, `nomatch` must not. Pure. */
import type { RuleDef } from '../model/rule.js';
import { compileRules } from './ruleset.js';
import { scanText } from './folding-scanner.js';
import { regionSettings, type ScanSettings } from '../model/finding.js';
import type { ExampleDef } from '../model/rule.js';

export interface ExampleFailure {
  rule: RuleDef;
  kind: 'match' | 'nomatch';
  index: number;
  text: string;
  problem: string;
}

export function testRuleExamples(def: RuleDef, settings: ScanSettings, minConfidence: number): ExampleFailure[] {
  const rules = compileRules([def]);
  const failures: ExampleFailure[] = [];
  const found = (ex: ExampleDef) =>
    scanText(rules, ex.text, ex.region !== undefined ? regionSettings(ex.region) : settings).filter((f) => f.confidence >= minConfidence);
  def.examples.match.forEach((ex, index) => {
    const hits = found(ex);
    if (hits.length === 0) {
      failures.push({ rule: def, kind: 'match', index, text: ex.text, problem: 'expected a finding, got none' });
    } else if (ex.value !== undefined && !hits.some((f) => f.value === ex.value)) {
      const got = hits.map((f) => `'${f.value}'`).join(', ');
      failures.push({ rule: def, kind: 'match', index, text: ex.text, problem: `expected '${ex.value}', found ${got}` });
    }
  });
  def.examples.nomatch.forEach((ex, index) => {
    const hits = found(ex);
    if (hits.length > 0) {
      const got = hits.map((f) => `'${f.value}' (${f.confidence.toFixed(2)}: ${f.why})`).join(', ');
      failures.push({ rule: def, kind: 'nomatch', index, text: ex.text, problem: `expected no finding, found ${got}` });
    }
  });
  return failures;
}
