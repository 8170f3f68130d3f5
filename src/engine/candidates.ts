/**
 * Finding candidates: every pattern's matches in the buffered text, decided exactly as over the
 * whole text, behind one call per round (`find`).
 *
 * Every pattern has a bounded reach (checked when rules load), so an attempt to match at position t
 * is decided by text[t - lookBack, t + horizon). A round takes only matches that start before its
 * limit and remembers, per pattern, where the next search resumes.
 *
 * Where the prefilter (prefilter.ts) watches a pattern, the pattern runs only in the short
 * stretches where a match could end, each searched in a slice wide enough to decide every attempt
 * in it exactly as over the whole buffer; the candidates are the same either way.
 */
import type { CompiledPattern, RuleSet } from './ruleset.js';
import type { Prefilter, PrefilterCursor } from './prefilter.js';
import type { Span } from './judge.js';
import { holdsAny } from './required-literals.js';

export interface Candidate extends Span {
  pattern: CompiledPattern;
  /** Absolute index of the match start (orders candidates); the value span is in Span. */
  start: number;
}

/**
 * Longest text the literal check runs on: a longer one goes to the prefilter, or (when it gave up)
 * runs every regex, cheaper there than looking for every pattern's literals.
 */
const LITERAL_GATE_MAX = 16 * 1024;

/** Order of judging: by match start, longer values first, then rule order. */
const byPlace = (a: Candidate, b: Candidate): number =>
  a.start - b.start || b.valueEnd - a.valueEnd || a.valueStart - b.valueStart || a.pattern.rule.index - b.pattern.rule.index;

export class CandidateFinder {
  /**
   * Per pattern, where its next search starts (absolute), or earlier: no search starts before
   * `floor` either. A round moves the floor to its limit instead of touching every pattern the
   * prefilter saw nothing for, so a round costs what its few live patterns cost.
   */
  private readonly resume: number[];
  private floor = 0;
  /** Watched patterns with ends waiting (`ends[p]` not empty), each once. */
  private withEnds: number[] = [];
  /**
   * Per prefiltered pattern, the absolute ends where the prefilter saw a possible match, in order,
   * as runs of consecutive ends: pairs of first and last (made on first use). A run of capitalised
   * words is a possible end at nearly every letter; its stretch is searched as one either way.
   */
  private readonly ends: (number[] | undefined)[];
  /** Chosen at the first text (see PrefilterSource); with it, the DFA's place in the text. */
  private filter: Prefilter | undefined;
  private cursor: PrefilterCursor | undefined;
  private started = false;

  constructor(private readonly rules: RuleSet) {
    this.resume = rules.patterns.map(() => 0);
    this.ends = new Array<number[] | undefined>(rules.patterns.length);
  }

  /** `text` arrives, starting at absolute index `base`: the prefilter reads it once, as it comes. */
  arrive(text: string, base: number): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      this.filter = this.rules.prefilter?.forScanner(text.length);
      this.cursor = this.filter?.newCursor();
    } else if (this.filter?.gaveUp) {
      // Every pattern resumes a full scan where its prefiltered search left off: nothing is missed.
      this.filter = undefined;
      this.cursor = undefined;
    }
    if (this.cursor) {
      const hits: number[] = [];
      this.filter!.scan(text, base, this.cursor, hits);
      this.addEnds(hits);
    }
  }

  /** The text ends at absolute index `end`: matches the prefilter could only tell there. */
  finish(end: number): void {
    if (!this.cursor) return;
    const hits: number[] = [];
    this.filter!.finish(this.cursor, end, hits);
    this.addEnds(hits);
  }

  /**
   * The candidates starting before `limit` (buffer-relative; the end of the text when `final`) in
   * `buf`, which starts at absolute `bufStart`, in the order they are judged.
   */
  find(buf: string, bufStart: number, limit: number, final: boolean): Candidate[] {
    const candidates: Candidate[] = [];
    const patterns = this.rules.patterns;
    const visit = (p: number, lower?: string): void => {
      const literals = patterns[p]!.def.literals;
      const next =
        lower !== undefined && literals !== undefined && !holdsAny(lower, literals)
          ? this.resumeOf(p, bufStart) // the text lacks every literal a match holds: no match in it
          : !this.filter?.covers[p]
            ? search(patterns[p]!, buf, bufStart, 0, this.resumeOf(p, bufStart), limit, candidates)
            : this.searchPrefiltered(p, buf, bufStart, limit, candidates);
      // Attempts before `limit` are decided; resume at the later of the last match end and the limit.
      this.resume[p] = bufStart + (final ? buf.length : Math.max(next, limit));
    };
    if (!this.filter) {
      // A short text skips the patterns whose literals it lacks, uncompiled (required-literals.ts).
      const lower = buf.length <= LITERAL_GATE_MAX ? buf.toLowerCase() : undefined;
      for (let p = 0; p < patterns.length; p++) visit(p, lower);
    } else {
      // Watched patterns can match only where the prefilter saw a possible end; the others just move
      // on with the floor. In pattern order, as a full pass would go: candidates of one span keep it.
      const { unwatched } = this.filter;
      const live = unwatched.length > 0 ? this.withEnds.concat(unwatched) : this.withEnds;
      if (live.length > 1) live.sort((a, b) => a - b);
      this.withEnds = [];
      for (const p of live) {
        visit(p);
        if (this.ends[p]?.length) this.withEnds.push(p); // ends past the limit wait for the next round
      }
    }
    this.floor = bufStart + (final ? buf.length : limit);
    return candidates.sort(byPlace);
  }

  /** Every candidate found from now on starts at or after this absolute index. */
  get decidedUpTo(): number {
    return this.floor;
  }

  /** The earliest absolute index a later search may start at (look-behind reads before it). */
  get resumesFrom(): number {
    let from = Infinity;
    for (const r of this.resume) from = Math.min(from, r);
    return Math.max(from, this.floor);
  }

  private addEnds(hits: readonly number[]): void {
    for (let i = 0; i < hits.length; i += 2) {
      const p = hits[i]!;
      const end = hits[i + 1]!;
      const runs = (this.ends[p] ??= []);
      const n = runs.length;
      if (n === 0) this.withEnds.push(p);
      if (n > 0 && end <= runs[n - 1]! + 1) runs[n - 1] = Math.max(runs[n - 1]!, end);
      else runs.push(end, end);
    }
  }

  /** Where pattern `p`'s next search starts, buffer-relative. */
  private resumeOf(p: number, bufStart: number): number {
    return Math.max(this.resume[p]!, this.floor) - bufStart;
  }

  /**
   * A prefiltered pattern runs only where the prefilter saw a possible match end: a match ending
   * at e starts in [e - maxLength, e), and after the last character before e that the pattern
   * never contains, at a character it can start with (Prefilter.earliestStart). Each
   * stretch is searched in a slice wide enough for look-behind and look-ahead, so every attempt
   * inside it is decided exactly as over the whole buffer; a match found past the stretch is left
   * to the stretch it belongs to. Ends whose stretch reaches past `limit` are kept for the next
   * round.
   *
   * A run of consecutive ends is one stretch from its first end's earliest start: each later end
   * of the run would join that stretch anyway, or add to it only attempts at characters no match
   * starts with, or past `next`, where nothing is searched.
   */
  private searchPrefiltered(p: number, buf: string, bufStart: number, limit: number, out: Candidate[]): number {
    const pattern = this.rules.patterns[p]!;
    const { maxLength, behind, reach } = pattern;
    const runs = this.ends[p]!; // non-empty: the caller checked
    let next = this.resumeOf(p, bufStart);
    const filter = this.filter!;
    const startOf = (end: number) => filter.earliestStart(p, buf, Math.max(0, end - maxLength, next), end);
    let start = startOf(runs[0]! - bufStart);
    for (let k = 0; k < runs.length; ) {
      const a = Math.max(start, next);
      let last = runs[k + 1]! - bufStart - 1;
      // Stretches that touch are searched as one.
      for (k += 2; k < runs.length && (start = startOf(runs[k]! - bufStart)) <= last + 1; k += 2) last = runs[k + 1]! - bufStart - 1;
      const b = Math.min(last, limit - 1);
      if (a > b) continue;
      const sliceFrom = Math.max(0, a - behind - 1);
      const text = buf.slice(sliceFrom, Math.min(buf.length, b + reach + 1));
      const found = search(pattern, text, bufStart, sliceFrom, a, b + 1, out);
      if (found > a) next = found;
    }
    // Ends whose stretch reaches past `limit` are searched again next round, from `limit` on: of
    // a run across it, the ends from there.
    const keptEnd = bufStart + limit + 1;
    let keepFrom = runs.length;
    while (keepFrom > 0 && runs[keepFrom - 1]! >= keptEnd) keepFrom -= 2;
    if (keepFrom < runs.length) runs[keepFrom] = Math.max(runs[keepFrom]!, keptEnd);
    runs.splice(0, keepFrom);
    return next;
  }
}

/**
 * Matches of `pattern` in `text` (which starts `offset` characters into a buffer starting at
 * absolute `bufStart`) that start at or after `from` and before `before`, buffer-relative; returns
 * where the next search resumes.
 */
function search(pattern: CompiledPattern, text: string, bufStart: number, offset: number, from: number, before: number, out: Candidate[]): number {
  const re = pattern.re;
  const base = bufStart + offset;
  re.lastIndex = from - offset;
  let next = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index + offset >= before) break;
    if (m[0].length === 0) {
      re.lastIndex++; // never loop on an empty match, whatever the pattern
      continue;
    }
    let vs = m.index;
    let ve = m.index + m[0].length;
    if (pattern.hasValueGroup) {
      const span = m.indices?.groups?.['value'];
      if (span) [vs, ve] = span;
    }
    out.push({ pattern, start: base + m.index, valueStart: base + vs, valueEnd: base + ve });
    next = re.lastIndex + offset;
    // The next match would start at lastIndex or later, past `before`: searching on would only
    // read the rest of the text for nothing (a stretch's slice runs `reach` past its end).
    if (next >= before) break;
  }
  return next;
}
