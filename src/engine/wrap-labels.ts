/**
 * The labels values follow in text (`Card:`, `IBAN`, `SSN#` …), as one regex for the normalised
 * view: a value wrapped across lines after one of them is joined (text/normalised-view.ts). Made
 * from the rules' own `labels`, so a rule file that names its entity's labels takes part.
 */
import type { RuleSet } from './ruleset.js';

const made = new WeakMap<RuleSet, RegExp | null>();

/** The rules' labels as one regex (whole words, case-insensitive), or undefined when no rule has any. */
export function wrapLabelOf(rules: RuleSet): RegExp | undefined {
  let re = made.get(rules);
  if (re === undefined) {
    const labels = [...new Set(rules.rules.flatMap((r) => r.def.labels ?? []).map((l) => l.toLowerCase()))];
    const escaped = labels.sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    re = escaped.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
    made.set(rules, re);
  }
  return re ?? undefined;
}
