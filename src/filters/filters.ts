/** Pure filters between the scan and the sinks: which findings are reported, with the rest counted. */
import { normalizeValue } from '../model/rule.js';
import type { Finding } from '../model/finding.js';

export interface FilterCounts {
  belowThreshold: number;
  allowListed: number;
  /** Covered by a `pii-scan:allow` comment. */
  suppressed: number;
}

/**
 * A predicate that keeps findings at or above the confidence threshold whose value is not
 * allow-listed (compared without separators and case), counting what it drops so reports can
 * say how much was not reported.
 */
export function reportFilter(minConfidence: number, allow: ReadonlySet<string>, counts: FilterCounts): (f: Finding) => boolean {
  return (f) => {
    if (f.confidence < minConfidence) {
      counts.belowThreshold++;
      return false;
    }
    if (allow.size > 0 && allow.has(normalizeValue(f.value))) {
      counts.allowListed++;
      return false;
    }
    if (f.suppressed) {
      counts.suppressed++;
      return false;
    }
    return true;
  };
}

export function allowSet(values: readonly string[]): Set<string> {
  return new Set(values.map(normalizeValue));
}
