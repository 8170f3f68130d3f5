/**
 * Catastrophic backtracking is found by measurement, not guesswork: each pattern runs on probe
 * strings made to trigger it — long runs of the characters the pattern itself repeats, ending in
 * a character that makes the match fail — and a pattern that takes too long is refused.
 * Pure and synchronous; the caller runs it where a runaway pattern can be stopped (a worker).
 */

export const PROBE_LENGTH = 2000;

/** Probe texts for one pattern: generic runs plus runs of the pattern's own literal characters. */
export function probeStrings(source: string): string[] {
  const units = new Set(['a', 'A', '1', ' ', 'a1', 'a ', '1 ', '-1', '.1', 'a.', 'a-', 'a@', '\t', 'aA1 -.']);
  // Literal characters of the pattern (outside escapes) are what its repetitions most likely consume.
  const literals = source.replace(/\\./g, '').replace(/[[\]{}()*+?|^$\\]/g, '');
  for (const ch of new Set(literals)) units.add(ch);
  const out: string[] = [];
  for (const unit of units) {
    const run = unit.repeat(Math.ceil(PROBE_LENGTH / unit.length)).slice(0, PROBE_LENGTH);
    out.push(`${run}!`, `${run}\u0000`, `!${run}`);
  }
  return out;
}

/** Milliseconds the pattern needs to scan all its probes (stops early past `budgetMs`). */
export function timeProbes(re: RegExp, probes: readonly string[], budgetMs: number): number {
  const start = performance.now();
  for (const p of probes) {
    re.lastIndex = 0;
    for (let m = re.exec(p); m !== null; m = re.exec(p)) {
      if (m[0].length === 0) re.lastIndex++;
    }
    const spent = performance.now() - start;
    if (spent > budgetMs) return spent;
  }
  return performance.now() - start;
}
