/** Pure filters between the scan and the sinks. Each returns what it keeps; the caller counts the rest. */
import { normalizeValue } from '../engine/rule.js';
import type { Finding } from '../engine/types.js';

/** Findings below the confidence threshold are not reported. */
export function aboveConfidence(findings: readonly Finding[], min: number): Finding[] {
  return findings.filter((f) => f.confidence >= min);
}

/** Values the project allow-listed (compared without separators and case). */
export function notAllowListed(findings: readonly Finding[], allow: ReadonlySet<string>): Finding[] {
  if (allow.size === 0) return [...findings];
  return findings.filter((f) => !allow.has(normalizeValue(f.value)));
}

export function allowSet(values: readonly string[]): Set<string> {
  return new Set(values.map(normalizeValue));
}
