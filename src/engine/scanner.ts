/**
 * The streaming scan: text chunks in, findings out, in order of position. The scanner keeps the
 * window of text that undecided matches, look-behind and context may still read, and runs the
 * steps of a round over it: candidates (candidates.ts, the prefilter behind it), judging
 * (judge.ts), placing (line, column, byte offset), then suppression (suppression.ts) and the
 * fingerprint of the surroundings (context-hash.ts).
 *
 * Exactness across chunks: a round commits only matches that start at least `horizon`
 * characters before the end of the buffered text; the buffer keeps just the text that undecided
 * attempts, look-behind and context windows may still read. The findings are therefore the
 * same as for the whole text in one piece, whatever the chunk sizes.
 */
import { PositionTracker, singleByteCounter, utf16Counter, Utf8Counter, type ByteCounter, type Place } from '../text/positions.js';
import { findSuppression } from './suppression.js';
import { CONTEXT_CHARS, hashContext } from './context-hash.js';
import { detach } from '../text/detach.js';
import { CandidateFinder, type Candidate } from './candidates.js';
import { BELOW, judgeCandidate, type CandidateWindow, type Judgement } from './judge.js';
import type { RuleSet } from './ruleset.js';
import type { Finding, ScanSettings } from '../model/finding.js';
import type { SourceEncoding } from '../model/text.js';

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
  private readonly finder: CandidateFinder;
  /** Per rule, the furthest end of a kept finding: a candidate inside it is a duplicate. */
  private readonly keptEnd: number[];
  /** Per rule, recent candidate spans, for context groups that attach to the nearest match. */
  private readonly recent: Candidate[][];
  /** The window handed to the judge, one object reused for every candidate. */
  private readonly window: CandidateWindow = { text: '', base: 0, start: 0, end: 0, neighbours: undefined };
  private readonly tracker: PositionTracker;
  private readonly utf8?: Utf8Counter;
  private ended = false;
  /** Findings judged below `minConfidence`, counted instead of returned. */
  belowThreshold = 0;
  /**
   * Whether findings get their line, column, byte span and context fingerprint here: off (for good)
   * for a wrapper that places and hashes them in text of its own (folding-scanner.ts, on the
   * original text), which overwrites every one of them; the position tracker then stays where it
   * is, as nothing reads it any more.
   */
  placesFindings = true;

  constructor(
    private readonly rules: RuleSet,
    private readonly options: ScannerOptions,
  ) {
    this.finder = new CandidateFinder(rules);
    this.keptEnd = rules.rules.map(() => -1);
    this.recent = rules.rules.map(() => []);
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
   * chunk's own to make and then copy again into the buffer.
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

  /**
   * The scanner's input boundary: every chunk of text, whether pushed as a string or as ASCII
   * bytes, enters here once (`whole` is the buffer with it appended).
   */
  private append(whole: string, text: string, synthetic: readonly number[], ascii: boolean): Finding[] {
    const base = this.bufStart + this.buf.length;
    for (const i of synthetic) this.utf8?.addSynthetic(base + i);
    if (ascii) this.utf8?.addAscii(base, base + text.length);
    this.finder.arrive(text, base);
    this.buf = whole;
    this.oneByte &&= ascii;
    return this.round(false);
  }

  end(): Finding[] {
    if (this.ended) return [];
    this.finder.finish(this.bufStart + this.buf.length);
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
    const index = Math.max(this.finder.decidedUpTo, this.bufStart, this.tracker.at);
    const place = this.tracker.moveTo(this.buf, this.bufStart, index);
    const at = index - this.bufStart;
    return { index, text: this.buf.slice(at), place, before: this.buf.slice(Math.max(0, at - CONTEXT_CHARS), at) };
  }

  private round(final: boolean): Finding[] {
    const { buf, bufStart } = this;
    const limit = final ? Infinity : buf.length - this.rules.horizon;
    if (!final && limit <= 0) return [];

    const candidates = this.finder.find(buf, bufStart, limit, final);
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

  /** Drop text no undecided attempt, look-behind or context window can still read. */
  private trim(): void {
    const keepFrom = Math.max(this.bufStart, this.finder.resumesFrom - this.rules.lookBack);
    if (keepFrom <= this.bufStart) return;
    if (this.placesFindings && keepFrom > this.tracker.at) this.tracker.moveTo(this.buf, this.bufStart, keepFrom);
    const cut = keepFrom - this.bufStart;
    const tail = this.buf.slice(cut);
    if (this.oneByte) {
      this.mirror?.copyWithin(0, cut, this.buf.length);
      this.buf = tail;
    } else [this.buf, this.oneByte, this.mirror] = oneByteIfLatin1(tail);
    this.bufStart = keepFrom;
  }

  /** A candidate's judgement (judge.ts); undefined as well when a kept finding of its rule covers it. */
  private judge(c: Candidate): Judgement | undefined {
    const rule = c.pattern.rule;
    if (c.valueEnd <= this.keptEnd[rule.index]!) return undefined;
    const w = this.window;
    w.text = this.buf;
    w.base = this.bufStart;
    w.start = c.valueStart;
    w.end = c.valueEnd;
    w.neighbours = rule.nearest ? this.recent[rule.index] : undefined;
    return judgeCandidate(c.pattern, w, this.options.settings, this.options.minConfidence);
  }

  private place(c: Candidate, judged: Judgement): Finding {
    const rule = c.pattern.rule;
    const { buf, bufStart } = this;
    this.keptEnd[rule.index] = c.valueEnd;
    let at = UNPLACED;
    let end = UNPLACED;
    if (this.placesFindings) {
      // Match starts only grow, so the tracker moves to them; the value span is measured from there.
      const matchAt = this.tracker.moveTo(buf, bufStart, c.start);
      at = this.tracker.placeOf(buf, bufStart, matchAt, c.start, c.valueStart);
      end = this.tracker.placeOf(buf, bufStart, at, c.valueStart, c.valueEnd);
    }
    // Then the two steps that read the surroundings: an allow comment, and the fingerprint.
    const suppression = this.options.inlineAllow ? findSuppression(buf, c.valueStart - bufStart, c.valueEnd - bufStart, rule.def.entity, rule.def.id) : undefined;
    const contextHash = this.placesFindings ? hashContext(buf, c.valueStart - bufStart, c.valueEnd - bufStart) : '';
    // Fields written out, not spread: one object shape for every finding, built without copying.
    const finding: Finding = {
      ruleId: rule.def.id,
      entity: rule.def.entity,
      severity: rule.def.severity,
      // A wrapper that places findings takes the value from its own text: this one is dropped at once.
      value: this.placesFindings ? detach(judged.value) : judged.value,
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
}

/** Where a finding of a scanner that does not place them stands, until its wrapper places it. */
const UNPLACED: Place = Object.freeze({ line: 0, column: 0, byte: 0 });

const LATIN1 = /^[\x00-\xff]*$/;

/**
 * The kept tail as a string of its own, one byte per character when its characters allow (with its
 * bytes, the buffer's mirror from then on). A slice of a two-byte buffer stays two-byte even when
 * it is all ASCII, and appending the next chunk to it (one-byte when that chunk is ASCII) makes V8
 * widen the whole chunk a character at a time, which text that mixes the two (changelogs with a
 * few accented names) would pay on every chunk.
 */
function oneByteIfLatin1(tail: string): [string, boolean, Buffer | undefined] {
  if (!LATIN1.test(tail)) return [tail, false, undefined];
  const bytes = Buffer.from(tail, 'latin1');
  return [bytes.toString('latin1'), true, bytes];
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
