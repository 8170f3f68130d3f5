/**
 * Findings → the byte spans to rewrite. Overlapping findings (a phone number inside a longer
 * match) merge into one span, so no fragment of either value survives; the merged span is
 * rewritten in the style of its most severe finding.
 */
import { severityRank, type Finding } from '../model/finding.js';
import type { Replacement } from './styles.js';

export interface Span extends Replacement {
  /** Byte offsets in the source, end exclusive. */
  start: number;
  end: number;
}

export function planSpans(findings: readonly Finding[], replacementFor: (f: Finding) => Replacement): Span[] {
  const sorted = [...findings].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const spans: Span[] = [];
  let lead: Finding | undefined;
  for (const f of sorted) {
    const last = spans[spans.length - 1];
    if (last && lead && f.offset < last.end) {
      last.end = Math.max(last.end, f.offset + f.length);
      if (outranks(f, lead)) {
        lead = f;
        Object.assign(last, replacementFor(f));
      }
      continue;
    }
    lead = f;
    spans.push({ start: f.offset, end: f.offset + f.length, ...replacementFor(f) });
  }
  return spans;
}

function outranks(a: Finding, b: Finding): boolean {
  return severityRank(a.severity) - severityRank(b.severity) > 0 || (a.severity === b.severity && a.length > b.length);
}
