/**
 * The streaming scan: text chunks in, findings out, in order of position.
 *
 * Exactness across chunks: every pattern has a bounded reach (checked when rules
 * load), so an attempt to match at position t is decided by text[t - lookBack,
 * t + horizon). A round commits only matches that start at least `horizon`
 * characters before the end of the buffered text and remembers, per pattern, where
 * the next search resumes; the buffer keeps just the text that undecided attempts,
 * look-behind and context windows may still read. The findings are therefore the
 * same as for the whole text in one piece, whatever the chunk sizes.
 *
 * Where the prefilter (prefilter.ts) watches a pattern, the pattern runs only in the short
 * stretches where a match could end, each searched in a slice wide enough to decide every
 * attempt in it exactly as over the whole buffer; the findings are the same either way.
 */
import { PositionTracker, singleByteCounter, utf16Counter, Utf8Counter, type ByteCounter, type Place } from '../text/positions.js';
import { normalizeValue } from './rule.js';
import { CONTEXT_MARGIN } from './ruleset.js';
import { findSuppression } from './suppression.js';
import { CONTEXT_CHARS, hashContext } from './context-hash.js';
import { detach } from '../text/detach.js';
import type { CompiledContext, CompiledPattern, CompiledRule, CompiledValidator, RuleSet } from './ruleset.js';
import type { Prefilter, PrefilterCursor } from './prefilter.js';
import type { Finding, ScanSettings, ValidatorResult } from './types.js';

/** How characters map to source bytes: UTF-8, UTF-16 (two a code unit), or one byte each (EBCDIC). */
export type SourceEncoding = 'utf8' | 'utf16' | 'single-byte';

export interface ScannerOptions {
  settings: ScanSettings;
  encoding?: SourceEncoding;
  /** Bytes before the first character (a byte-order mark). */
  initialByte?: number;
  /**
   * Findings below this confidence are only counted (`belowThreshold`), never built: placing,
   * fingerprinting and copying them would be wasted on what the report drops anyway.
   */
  minConfidence?: number;
  /**
   * Honour `pii-scan:allow` comments (see suppression.ts). Off unless the caller knows the text
   * is a plain-text source file: in data the marker is just text its writer chose.
   */
  inlineAllow?: boolean;
}

interface Candidate {
  pattern: CompiledPattern;
  /** Absolute index of the match start (orders candidates) and of the reported span. */
  start: number;
  valueStart: number;
  valueEnd: number;
}

interface Judged {
  value: string;
  confidence: number;
  why: string;
}

/** Results kept per costly validator and settings; a bounded cache, emptied when full. */
const VALIDATOR_CACHE = 4096;

function cachedValidate(v: CompiledValidator, value: string, settings: ScanSettings): ValidatorResult {
  if (!v.validator.costly) return v.validator.validate({ value, options: v.options, settings });
  let results = v.lastSettings === settings ? v.lastResults : v.results.get(settings);
  if (!results) v.results.set(settings, (results = new Map()));
  v.lastSettings = settings; // one scan uses one settings object: skip the WeakMap next time
  v.lastResults = results;
  let r = results.get(value);
  if (r === undefined) {
    r = v.validator.validate({ value, options: v.options, settings });
    if (results.size >= VALIDATOR_CACHE) results.clear();
    results.set(detach(value), r); // a slice would keep its whole chunk of text alive
  }
  return r;
}

/** Reported confidence: the score clamped to [0, 1], two decimals. Monotonic, so bounds on scores carry over. */
const confidenceOf = (score: number): number => Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;

/** A candidate known to stay below the reporting threshold, judged no further (it ranks below any other). */
const BELOW: Judged = { value: '', confidence: -1, why: '' };

const sameSpan = (a: Candidate, b: Candidate): boolean =>
  a.pattern.rule === b.pattern.rule && a.valueStart === b.valueStart && a.valueEnd === b.valueEnd && a.start === b.start;

export class StreamScanner {
  private buf = '';
  /**
   * Whether `buf` is one byte per character in memory: a kept tail made so (see oneByteIfLatin1)
   * and ASCII chunks after it, which the decoder copies a byte to a character.
   */
  private oneByte = true;
  /** While set, its first `buf.length` bytes are `buf`'s characters (one-byte buffers only; see pushAscii). */
  private mirror: Buffer | undefined;
  private bufStart = 0;
  /**
   * Per pattern, where its next search starts (absolute), or earlier: no search starts before
   * `floor` either. A round moves the floor to its limit instead of touching every pattern the
   * prefilter saw nothing for, so a round costs what its few live patterns cost.
   */
  private readonly resume: number[];
  private floor = 0;
  /** Watched patterns with ends waiting (`ends[p]` not empty), each once. */
  private withEnds: number[] = [];
  /** Per rule, the furthest end of a kept finding: a candidate inside it is a duplicate. */
  private readonly keptEnd: number[];
  /** Per rule, recent candidate spans, for context groups that attach to the nearest match. */
  private readonly recent: Candidate[][];
  private readonly tracker: PositionTracker;
  /** Chosen at the first text (see PrefilterSource); with it, the DFA's place in the text. */
  private filter: Prefilter | undefined;
  private cursor: PrefilterCursor | undefined;
  private started = false;
  /** Per prefiltered pattern, absolute ends where the prefilter saw a possible match, in order (made on first use). */
  private readonly ends: (number[] | undefined)[];
  private readonly utf8?: Utf8Counter;
  private ended = false;
  /** Findings judged below `minConfidence`, counted instead of returned. */
  belowThreshold = 0;
  /** What the validators of the candidate being judged said, for its explanation. */
  private readonly validated: ValidatorResult[] = [];

  constructor(
    private readonly rules: RuleSet,
    private readonly options: ScannerOptions,
  ) {
    this.resume = rules.patterns.map(() => 0);
    this.keptEnd = rules.rules.map(() => -1);
    this.recent = rules.rules.map(() => []);
    this.ends = new Array<number[] | undefined>(rules.patterns.length);
    let counter: ByteCounter;
    if (options.encoding === 'utf16') counter = utf16Counter;
    else if (options.encoding === 'single-byte') counter = singleByteCounter;
    else counter = this.utf8 = new Utf8Counter();
    this.tracker = new PositionTracker(counter, options.initialByte ?? 0);
  }

  /**
   * Add decoded text. `synthetic` lists indices (within `text`) of U+FFFD characters
   * that replaced a single invalid byte, so byte offsets stay exact. `ascii` when the source
   * knew the text to be ASCII only: byte offsets there need no counting.
   */
  push(text: string, synthetic: readonly number[] = [], ascii = false): Finding[] {
    if (this.ended) throw new Error('scanner already ended');
    this.mirror = undefined;
    return this.append(this.buf + text, text, synthetic, ascii);
  }

  /**
   * Add ASCII text given as its bytes (a character a byte). While the buffer is one byte per
   * character, it is made from the kept tail's bytes and these in one copy: no string of the
   * chunk's own to make and then copy again into the buffer (half the garbage of a scan).
   */
  pushAscii(bytes: Uint8Array): Finding[] {
    if (this.ended) throw new Error('scanner already ended');
    if (!this.oneByte) return this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), [], true);
    const held = this.buf.length;
    const length = held + bytes.length;
    let mirror = this.mirror;
    if (!mirror || mirror.length < length) {
      const bigger = Buffer.allocUnsafe(Math.max(length, 2 * (mirror?.length ?? 0)));
      if (mirror) mirror.copy(bigger, 0, 0, held);
      else bigger.write(this.buf, 0, 'latin1');
      this.mirror = mirror = bigger;
    }
    mirror.set(bytes, held);
    const whole = mirror.toString('latin1', 0, length);
    return this.append(whole, whole.slice(held), [], true);
  }

  /** `text` arrives: `whole` is the buffer with it appended. */
  private append(whole: string, text: string, synthetic: readonly number[], ascii: boolean): Finding[] {
    const base = this.bufStart + this.buf.length;
    for (const i of synthetic) this.utf8?.addSynthetic(base + i);
    if (ascii) this.utf8?.addAscii(base, base + text.length);
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
    this.buf = whole;
    this.oneByte &&= ascii;
    return this.round(false);
  }

  end(): Finding[] {
    if (this.ended) return [];
    if (this.cursor) {
      const hits: number[] = [];
      this.filter!.finish(this.cursor, this.bufStart + this.buf.length, hits);
      this.addEnds(hits);
    }
    const out = this.round(true);
    this.ended = true;
    this.buf = '';
    this.mirror = undefined;
    return out;
  }

  /**
   * Where the text is decided: every later finding starts at or after `index`; `text` is the text
   * held from there on, `place` where it starts, and `before` the context-hash's reach before it. For a wrapper that maps what it pushes
   * (folding-scanner.ts); it moves the position tracker there.
   */
  committed(): { index: number; text: string; place: Place; before: string } {
    const index = Math.max(this.floor, this.bufStart, this.tracker.at);
    const place = this.tracker.moveTo(this.buf, this.bufStart, index);
    const at = index - this.bufStart;
    return { index, text: this.buf.slice(at), place, before: this.buf.slice(Math.max(0, at - CONTEXT_CHARS), at) };
  }

  private addEnds(hits: readonly number[]): void {
    for (let i = 0; i < hits.length; i += 2) {
      const p = hits[i]!;
      const ends = (this.ends[p] ??= []);
      if (ends.length === 0) this.withEnds.push(p);
      ends.push(hits[i + 1]!);
    }
  }

  /** Where pattern `p`'s next search starts, buffer-relative. */
  private resumeOf(p: number): number {
    return Math.max(this.resume[p]!, this.floor) - this.bufStart;
  }

  private round(final: boolean): Finding[] {
    const { buf, bufStart } = this;
    const limit = final ? Infinity : buf.length - this.rules.horizon;
    if (!final && limit <= 0) return [];

    const candidates: Candidate[] = [];
    const patterns = this.rules.patterns;
    const visit = (p: number): void => {
      const next = !this.filter?.covers[p] ? this.search(patterns[p]!, buf, 0, this.resumeOf(p), limit, candidates) : this.searchPrefiltered(p, limit, candidates);
      // Attempts before `limit` are decided; resume at the later of the last match end and the limit.
      this.resume[p] = bufStart + (final ? buf.length : Math.max(next, limit));
    };
    if (!this.filter) {
      for (let p = 0; p < patterns.length; p++) visit(p);
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

    candidates.sort(
      (a, b) => a.start - b.start || b.valueEnd - a.valueEnd || a.valueStart - b.valueStart || a.pattern.rule.index - b.pattern.rule.index,
    );
    const findings: Finding[] = [];
    // Several patterns of one rule may report the same span: keep the most confident.
    for (let i = 0; i < candidates.length; ) {
      const c = candidates[i]!;
      let best = this.judge(c);
      let j = i + 1;
      for (; j < candidates.length && sameSpan(c, candidates[j]!); j++) {
        const other = this.judge(candidates[j]!);
        if (other && (!best || other.confidence > best.confidence)) best = other;
      }
      if (best && (best === BELOW || best.confidence < (this.options.minConfidence ?? 0))) {
        this.keptEnd[c.pattern.rule.index] = c.valueEnd;
        this.belowThreshold++;
      } else if (best) findings.push(this.place(c, best));
      for (let k = i; k < j; k++) this.remember(candidates[k]!);
      i = j;
    }
    if (!final) this.trim();
    return findings;
  }

  /**
   * Matches of `pattern` in `text` (which starts `offset` characters into the buffer) that start
   * at or after `from` and before `before`, buffer-relative; returns where the next search resumes.
   */
  private search(pattern: CompiledPattern, text: string, offset: number, from: number, before: number, out: Candidate[]): number {
    const re = pattern.re;
    const base = this.bufStart + offset;
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

  /**
   * A prefiltered pattern runs only where the prefilter saw a possible match end: a match ending
   * at e starts in [e - maxLength, e), and after the last character before e that the pattern
   * never contains (Prefilter.earliestStart). Each stretch is searched in a slice wide enough for
   * look-behind and look-ahead, so every attempt inside it is decided exactly as over the whole
   * buffer; a match found past the stretch is left to the stretch it belongs to. Ends whose
   * stretch reaches past `limit` are kept for the next round.
   */
  private searchPrefiltered(p: number, limit: number, out: Candidate[]): number {
    const pattern = this.rules.patterns[p]!;
    const { maxLength, behind, reach } = pattern;
    const { buf, bufStart } = this;
    const ends = this.ends[p]!; // non-empty: the caller checked
    let next = this.resumeOf(p);
    const filter = this.filter!;
    const startOf = (end: number) => filter.earliestStart(p, buf, Math.max(0, end - maxLength, next), end);
    let start = startOf(ends[0]! - bufStart);
    for (let k = 0; k < ends.length; ) {
      const a = Math.max(start, next);
      let last = ends[k]! - bufStart - 1;
      // Stretches that touch are searched as one.
      for (k++; k < ends.length && (start = startOf(ends[k]! - bufStart)) <= last + 1; k++) last = ends[k]! - bufStart - 1;
      const b = Math.min(last, limit - 1);
      if (a > b) continue;
      const sliceFrom = Math.max(0, a - behind - 1);
      const text = buf.slice(sliceFrom, Math.min(buf.length, b + reach + 1));
      const found = this.search(pattern, text, sliceFrom, a, b + 1, out);
      if (found > a) next = found;
    }
    // Ends whose stretch reaches past `limit` are searched again next round, from `limit` on.
    let keepFrom = ends.length;
    while (keepFrom > 0 && ends[keepFrom - 1]! - bufStart - 1 >= limit) keepFrom--;
    ends.splice(0, keepFrom);
    return next;
  }

  /** Drop text no undecided attempt, look-behind or context window can still read. */
  private trim(): void {
    let keepFrom = Infinity;
    for (const r of this.resume) keepFrom = Math.min(keepFrom, r);
    keepFrom = Math.max(keepFrom, this.floor);
    keepFrom = Math.max(this.bufStart, keepFrom - this.rules.lookBack);
    if (keepFrom <= this.bufStart) return;
    if (keepFrom > this.tracker.at) this.tracker.moveTo(this.buf, this.bufStart, keepFrom);
    const cut = keepFrom - this.bufStart;
    const tail = this.buf.slice(cut);
    if (this.oneByte) {
      this.mirror?.copyWithin(0, cut, this.buf.length);
      this.buf = tail;
    } else [this.buf, this.oneByte, this.mirror] = oneByteIfLatin1(tail);
    this.bufStart = keepFrom;
  }

  /** Deny-list, validators and context decide whether a candidate is a finding, and how confident. */
  private judge(c: Candidate): Judged | undefined {
    const rule = c.pattern.rule;
    if (c.valueEnd <= c.valueStart) return undefined;
    if (c.valueEnd <= this.keptEnd[rule.index]!) return undefined;
    const value = this.buf.slice(c.valueStart - this.bufStart, c.valueEnd - this.bufStart);
    if (rule.deny.size > 0 && rule.deny.has(normalizeValue(value))) return undefined;

    const { settings } = this.options;
    let score = c.pattern.def.score;
    const results = this.validated;
    for (let i = 0; i < rule.validators.length; i++) {
      const r = (results[i] = cachedValidate(rule.validators[i]!, value, settings));
      if (r === false || (r !== true && !r.valid)) return undefined;
      if (r !== true) score += r.adjust ?? 0;
    }
    const ctx = this.context(rule, c.valueStart, c.valueEnd, score);
    if (!ctx) return BELOW;
    // Most candidates never get here (rejected, or below the threshold): the explanation is written only now.
    const notes: string[] = [c.pattern.def.name];
    for (let i = 0; i < rule.validators.length; i++) {
      const r = results[i] as true | Exclude<ValidatorResult, boolean>;
      const name = rule.validators[i]!.validator.name;
      notes.push(r === true ? `${name} check passed` : (r.note ?? `${name} check passed`));
    }
    if (ctx.why) notes.push(ctx.why);
    score += ctx.adjust;
    return { value, confidence: confidenceOf(score), why: notes.join('; ') };
  }

  private place(c: Candidate, judged: Judged): Finding {
    const rule = c.pattern.rule;
    const { buf, bufStart } = this;
    this.keptEnd[rule.index] = c.valueEnd;
    // Match starts only grow, so the tracker moves to them; the value span is measured from there.
    const matchAt = this.tracker.moveTo(buf, bufStart, c.start);
    const at = this.tracker.placeOf(buf, bufStart, matchAt, c.start, c.valueStart);
    const end: Place = this.tracker.placeOf(buf, bufStart, at, c.valueStart, c.valueEnd);
    const suppression = this.options.inlineAllow ? findSuppression(buf, c.valueStart - bufStart, c.valueEnd - bufStart, rule.def.entity, rule.def.id) : undefined;
    const contextHash = hashContext(buf, c.valueStart - bufStart, c.valueEnd - bufStart);
    // Fields written out, not spread: one object shape for every finding, built without copying.
    const finding: Finding = {
      ruleId: rule.def.id,
      entity: rule.def.entity,
      severity: rule.def.severity,
      value: detach(judged.value),
      confidence: judged.confidence,
      why: judged.why,
      index: c.valueStart,
      line: at.line,
      column: at.column,
      endLine: end.line,
      endColumn: end.column,
      offset: at.byte,
      length: end.byte - at.byte,
      contextHash,
    };
    if (suppression) finding.suppressed = suppression.reason ? { reason: detach(suppression.reason) } : {};
    return finding;
  }

  private remember(c: Candidate): void {
    const rule = c.pattern.rule;
    if (!rule.nearest) return;
    const list = this.recent[rule.index]!;
    const horizon = c.valueStart - rule.window;
    while (list.length > 0 && list[0]!.valueEnd < horizon) list.shift();
    list.push(c);
  }

  /** Whether a match of `rule` stands wholly between `from` and `to`. */
  private matchBetween(rule: CompiledRule, from: number, to: number): boolean {
    return this.recent[rule.index]!.some((c) => c.valueStart >= from && c.valueEnd <= to);
  }

  /**
   * Context words around [start, end): each group counts once, the nearest hit explains it.
   * Undefined once the groups still to look at could not lift `score` to the reporting threshold:
   * the candidate is only counted, so the rest of the search would be wasted.
   */
  private context(rule: CompiledRule, start: number, end: number, score: number): { adjust: number; why: string } | undefined {
    const threshold = this.options.minConfidence ?? 0;
    let adjust = 0;
    let best: { word: string; distance: number; before: boolean } | undefined;
    let lowered: string | undefined;
    const { buf, bufStart } = this;
    for (let g = 0; g < rule.context.length; g++) {
      if (threshold > 0 && confidenceOf(score + adjust + rule.liftFrom[g]!) < threshold) return undefined;
      const group = rule.context[g]!;
      const from = group.side === 'after' ? end : start - group.window;
      const to = group.side === 'before' ? start : end + group.window;
      // A margin either side lets word-edge checks see the characters around the window.
      const sliceFrom = Math.max(bufStart, from - CONTEXT_MARGIN);
      const text = buf.slice(sliceFrom - bufStart, Math.min(bufStart + buf.length, to + CONTEXT_MARGIN) - bufStart);
      group.re.lastIndex = 0;
      let nearest: { word: string; distance: number; before: boolean } | undefined;
      for (let m = group.re.exec(text); m !== null; m = group.re.exec(text)) {
        if (m[0].length === 0) {
          group.re.lastIndex++;
          continue;
        }
        const ms = sliceFrom + m.index;
        const me = ms + m[0].length;
        if (ms < from || me > to) continue; // outside the window
        if (me > start && ms < end) continue; // inside the match itself
        const before = me <= start;
        if (before && group.nearest && this.matchBetween(rule, me, start)) continue;
        const distance = before ? start - me : ms - end;
        if (!nearest || distance < nearest.distance) nearest = { word: contextLabel(m[0], group), distance, before };
      }
      if (!nearest) continue;
      adjust += group.boost;
      if (group.boost < 0) lowered ??= nearest.word;
      else if (!best || nearest.distance < best.distance) best = nearest;
    }
    if (threshold > 0 && confidenceOf(score + adjust) < threshold) return undefined;
    const parts: string[] = [];
    if (best) {
      const chars = best.distance === 1 ? 'char' : 'chars';
      parts.push(`context '${best.word}' ${best.distance} ${chars} ${best.before ? 'before' : 'after'}`);
    }
    if (lowered) parts.push(`lowered by '${lowered}'`);
    if (parts.length === 0 && rule.context.length > 0) parts.push('no context words nearby');
    return { adjust, why: parts.join('; ') };
  }
}

const LATIN1 = /^[\x00-\xff]*$/;

/**
 * The kept tail as a string of its own, one byte per character when its characters allow (with its
 * bytes, the buffer's mirror from then on). A slice of a two-byte buffer stays two-byte even when
 * it is all ASCII, and appending the next chunk to it (one-byte when that chunk is ASCII) makes V8
 * widen the whole chunk a character at a time: on text that mixes the two (changelogs with a few
 * accented names) that cost three times the copy.
 */
function oneByteIfLatin1(tail: string): [string, boolean, Buffer | undefined] {
  if (!LATIN1.test(tail)) return [tail, false, undefined];
  const bytes = Buffer.from(tail, 'latin1');
  return [bytes.toString('latin1'), true, bytes];
}

/**
 * How a context hit is named in `why`. Words come from the rule; a rule's context regex could
 * match anything (an email address), so what it matched is never quoted.
 */
function contextLabel(text: string, group: CompiledContext): string {
  if (group.word && !group.word.test(text)) return 'context pattern';
  return text.length <= 24 && !/\d/.test(text) ? text.replace(/\s+/g, ' ') : 'context pattern';
}

/** Scan a whole string at once (rule examples, tests, small inputs). */
export function scanText(rules: RuleSet, text: string, settings: ScanSettings): Finding[] {
  // Documents come as many short texts (spreadsheet cells, fields): once the prefilter is built, a
  // text where no pattern can match is done in one walk of the DFA, without a scanner.
  const filter = rules.prefilter?.built();
  if (filter?.coversAll && !filter.mayMatch(text)) return [];
  const s = new StreamScanner(rules, { settings });
  return [...s.push(text), ...s.end()];
}
