/**
 * The last filters before a sink, per file: the baseline (known findings) and, for `--staged`,
 * the lines the commit changes. Pure; the run feeds findings in file order and calls `finish`
 * at the end of each file.
 */
import type { Finding } from '../model/finding.js';
import type { LineRange } from '../sources/inputs.js';
import type { FileBaseline } from './baseline.js';

export interface GateCounts {
  /** Known to the baseline. */
  baselined: number;
  /** On lines the commit does not add or change (only with changed lines). */
  unchangedLines: number;
}

/** Whether a finding touches a changed line (its last line is the one before its end when it ends at a line start). */
export function touchesLines(ranges: readonly LineRange[], f: Pick<Finding, 'line' | 'endLine' | 'endColumn'>): boolean {
  const first = f.line;
  const last = f.endLine > f.line && f.endColumn === 1 ? f.endLine - 1 : f.endLine;
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.end < first) lo = mid + 1;
    else hi = mid;
  }
  const r = ranges[lo];
  return r !== undefined && r.start <= last;
}

/**
 * Baseline and changed lines together. Occurrences are counted over the whole file, so a commit
 * that adds a second copy of a known value is caught even when the new copy comes first: the
 * baseline "uses up" the copy on the added line, the old copy on an unchanged line is surplus, and
 * at the end of the file the two are swapped so the added line is reported.
 */
export class FileGate<F extends Finding> {
  /** Known findings on changed lines, by hash, that a surplus elsewhere may turn back into new ones. */
  private readonly held = new Map<string, F[]>();
  /** New findings of a known hash on unchanged lines, by hash. */
  private readonly surplus = new Map<string, number>();

  constructor(
    private readonly lines: readonly LineRange[] | undefined,
    private readonly baseline: FileBaseline | undefined,
    private readonly counts: GateCounts,
    private readonly emit: (f: F) => void,
  ) {}

  offer(f: F): void {
    // Lines inside a document are lines of one segment, not of the file git compared: every finding
    // counts. CSV cells are placed on the file's own lines.
    const loc = 'location' in f ? (f.location as { kind?: string } | undefined) : undefined;
    const changed = this.lines === undefined || (loc !== undefined && loc.kind !== 'csv') || touchesLines(this.lines, f);
    if (this.baseline) {
      const hash = this.baseline.hashOf(f);
      if (this.baseline.take(hash)) {
        this.counts.baselined++;
        if (this.lines !== undefined && changed) push(this.held, hash, f);
        return;
      }
      if (!changed && this.baseline.knows(hash)) this.surplus.set(hash, (this.surplus.get(hash) ?? 0) + 1);
    }
    if (changed) this.emit(f);
    else this.counts.unchangedLines++;
  }

  finish(): void {
    for (const [hash, n] of this.surplus) {
      const swap = (this.held.get(hash) ?? []).slice(0, n);
      for (const f of swap) this.emit(f);
      this.counts.unchangedLines -= swap.length;
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
