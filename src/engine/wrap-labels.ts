/**
 * The labels values follow in text (`Card:`, `IBAN`, `SSN#` …), as one regex for the normalised
 * view: a value wrapped across lines after one of them is joined (text/normalised-view.ts). Made
 * from the rules' own `labels`, so a rule file that names its entity's labels takes part.
 *
 * A value is joined to the next line only where the break cuts it: the piece after the label is
 * not already a value of a rule with that label (any confidence). `DL# D1234567` or a whole card
 * at a line end before a log's timestamp stays as it is; `Card: 4532 0151 1283` is cut. The line
 * is read with those rules alone (compiled once per label): the whole rule set, without its
 * prefilter, would run every pattern over it.
 */
import type { WrapLabel } from '../text/normalised-view.js';
import { compileRules, type RuleSet } from './ruleset.js';
import type { Finding, ScanSettings } from '../model/finding.js';

interface Labels {
  re: RegExp;
  /** Per label as matched (lower case, one space between words): the rules that name it, and those rules compiled alone. */
  rules: Map<string, Set<string>>;
  compiled: Map<string, RuleSet>;
}

const made = new WeakMap<RuleSet, Labels | null>();
const withCut = new WeakMap<RuleSet, WeakMap<ScanSettings, WrapLabel>>();

const key = (label: string): string => label.toLowerCase().replace(/\s+/g, ' ');

function labelsOf(rules: RuleSet): Labels | undefined {
  let labels = made.get(rules);
  if (labels === undefined) {
    const byLabel = new Map<string, Set<string>>();
    for (const r of rules.rules) for (const l of r.def.labels ?? []) byLabel.set(key(l), (byLabel.get(key(l)) ?? new Set()).add(r.def.id));
    const escaped = [...byLabel.keys()].sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    labels = escaped.length ? { re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), rules: byLabel, compiled: new Map() } : null;
    made.set(rules, labels);
  }
  return labels ?? undefined;
}

/**
 * The rules' labels with the test of a cut value, for scans with `settings`; `read` scans a line
 * unjoined with the rules given (all findings, any confidence); one test is made per rule set and
 * settings, so every caller passes the same `read`. Undefined when no rule has labels.
 */
export function wrapCutOf(rules: RuleSet, settings: ScanSettings, read: (rules: RuleSet, line: string) => Finding[]): WrapLabel | undefined {
  const labels = labelsOf(rules);
  if (!labels) return undefined;
  const naming = (label: string): RuleSet => {
    let named = labels.compiled.get(label);
    if (!named) {
      const ids = labels.rules.get(label);
      named = compileRules(rules.rules.filter((r) => ids?.has(r.def.id)).map((r) => r.def), { prefilter: false });
      labels.compiled.set(label, named);
    }
    return named;
  };
  let bySettings = withCut.get(rules);
  if (!bySettings) withCut.set(rules, (bySettings = new WeakMap()));
  let wrap = bySettings.get(settings);
  if (!wrap) {
    // The same label line is asked about by a stream's test, then by its window's two readings.
    const asked = new Map<string, boolean>();
    const cut = (line: string, valueStart: number, label: string): boolean => {
      const end = line.replace(/[ \t]+$/, '').length;
      if (/[.-]$/.test(line.slice(0, end))) return true; // a value does not end with its separator
      const id = `${valueStart}:${label}:${line}`;
      let answer = asked.get(id);
      if (answer === undefined) {
        answer = !read(naming(key(label)), line).some((f) => f.index >= valueStart && f.index + f.value.length === end);
        if (asked.size >= 64) asked.clear();
        asked.set(id, answer);
      }
      return answer;
    };
    wrap = { re: labels.re, cut };
    bySettings.set(settings, wrap);
  }
  return wrap;
}
