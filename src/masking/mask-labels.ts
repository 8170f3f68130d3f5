/**
 * A document names its own places: a CSV header (or, in a file without one, the first row's
 * data), a JSON key, a sheet, zip entry or attachment name, a property name. Those labels are
 * the document's content as much as its text is, so they are scanned with the same rules and
 * what the rules find in them is masked as a finding's value is (maskValue, the rule's style).
 * Every string in a location is a label (only `kind` is ours), so a new kind of location is
 * covered without being listed here.
 */
import type { FindingLocation } from '../model/location.js';
import type { MaskStyle } from '../model/rule.js';
import type { RuleSet } from '../engine/ruleset.js';
import { scanText } from '../engine/folding-scanner.js';
import type { ScanSettings } from '../model/finding.js';
import { remembered } from '../text/remembered.js';
import { maskValue } from './mask.js';

export interface LabelMasker {
  /** `text` with every value the rules find in it masked (the same string when there is none). */
  text(text: string): string;
  /** `loc` with its labels masked; the same object when nothing in it is a value. */
  location(loc: FindingLocation): FindingLocation;
}

/** A stricter style wins where two rules' matches overlap. */
const STRICTNESS: Record<MaskStyle, number> = { none: 0, last4: 1, full: 2 };

/** What the rules find in a label at or above `minConfidence` (the run's threshold: a label is judged as a value is) is masked. */
export function labelMasker(rules: RuleSet, settings: ScanSettings, minConfidence: number): LabelMasker {
  const styles = new Map(rules.rules.map((r) => [r.def.id, r.def.mask]));
  // Labels repeat on every record (a column's header, a sheet's name, a container's chain).
  const text = remembered((s: string) => maskSpans(s, rules, settings, minConfidence, styles));
  const walk = <T>(v: T): T => {
    if (typeof v === 'string') return text(v) as T;
    if (v === null || typeof v !== 'object') return v;
    let out: T | undefined;
    if (Array.isArray(v)) {
      const items = v.map(walk);
      if (items.some((x, i) => x !== v[i])) out = items as T;
    } else {
      for (const k in v) {
        if (k === 'kind') continue;
        const m = walk(v[k]);
        if (m !== v[k]) (out ??= { ...v })[k] = m;
      }
    }
    return out ?? v;
  };
  // The findings of one segment share its location and come one after another: the last answer is kept.
  let last: { loc: FindingLocation; masked: FindingLocation } | undefined;
  const location = (loc: FindingLocation): FindingLocation => {
    if (last?.loc !== loc) last = { loc, masked: walk(loc) };
    return last.masked;
  };
  return { text, location };
}

function maskSpans(label: string, rules: RuleSet, settings: ScanSettings, minConfidence: number, styles: ReadonlyMap<string, MaskStyle>): string {
  const found = scanText(rules, label, settings).filter((f) => f.confidence >= minConfidence);
  if (found.length === 0) return label;
  const spans = found
    .map((f) => ({ start: f.index, end: f.index + f.value.length, style: styles.get(f.ruleId) ?? 'full' }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (let i = 0; i < spans.length; ) {
    let { start, end, style } = spans[i]!;
    start = Math.max(start, at);
    for (i++; i < spans.length && spans[i]!.start < end; i++) {
      end = Math.max(end, spans[i]!.end);
      if (STRICTNESS[spans[i]!.style] > STRICTNESS[style]) style = spans[i]!.style;
    }
    if (end <= start) continue;
    out += label.slice(at, start) + maskValue(label.slice(start, end), style);
    at = end;
  }
  return out + label.slice(at);
}
