/**
 * Labelled values wrapped across lines, in a stream (a plain-text file, standard input, git
 * content). The stream itself is read unjoined (folding-scanner.ts); where a line break cuts a
 * labelled value (text/normalised-view.ts, labelledCut), the text around that break is read again
 * in a window of its own, joined and unjoined, and the values the joined reading finds across the
 * break are added: a join never loses what the unjoined reading finds, and text without a cut
 * costs one look at each line end: a chunk in which no break cuts a value is read where it is (an
 * ASCII chunk as its bytes), without a copy of it joined to the text held, and only its end is kept.
 *
 * Where windows start and end depends on the text alone (the cuts in it), never on where chunks
 * end, so what is added is the same whatever the chunk sizes. Findings are placed in the original
 * text by a position tracker of its own: exact lines, columns and byte offsets.
 */
import { PositionTracker, singleByteCounter, utf16Counter, Utf8Counter, type ByteCounter } from '../text/positions.js';
import { CONTINUATION_READ, endsValuePiece, labelledCut, WRAP_LOOK_BACK, type WrapLabel } from '../text/normalised-view.js';
import { CONTEXT_CHARS } from './context-hash.js';
import { detach } from '../text/detach.js';
import type { ScannerOptions } from './scanner.js';
import type { RuleSet } from './ruleset.js';
import type { Finding } from '../model/finding.js';

/** A window grows by each cut that reaches back into it, up to about this many characters. */
const MAX_WINDOW = 1 << 16;

/** Reads a window (its text, and the indices in it of U+FFFD characters that stand for one byte): the joined values across its breaks. */
export type WindowReader = (text: string, synthetic: number[]) => Finding[];

export class WrapWindows {
  /** Original text held, from absolute index `textStart`. */
  private text = '';
  private textStart = 0;
  private received = 0;
  /** Line breaks before this absolute index are decided. */
  private decided = 0;
  /** The window being gathered: [start, end), absolute, and the breaks in it that cut a value. */
  private window: { start: number; end: number; cuts: number[] } | undefined;
  /** What the window before added (a window grown to its limit may meet the next one). */
  private added = new Set<string>();
  /** Absolute indices of U+FFFD characters that stand for one byte, in the text held. */
  private synthetic: number[] = [];
  private readonly utf8: Utf8Counter | undefined;
  private readonly counter: ByteCounter;
  private readonly tracker: PositionTracker;
  /** A window's reach before a cut and after it: the label's line, look-behind and context before; a match's reach after. */
  private readonly back: number;
  private readonly ahead: number;

  constructor(
    private readonly wrap: WrapLabel,
    rules: RuleSet,
    options: ScannerOptions,
    private readonly read: WindowReader,
  ) {
    let counter: ByteCounter;
    if (options.encoding === 'utf16') counter = utf16Counter;
    else if (options.encoding === 'single-byte') counter = singleByteCounter;
    else counter = this.utf8 = new Utf8Counter();
    this.counter = counter;
    this.tracker = new PositionTracker(counter, options.initialByte ?? 0);
    this.back = 2 * WRAP_LOOK_BACK + rules.lookBack + CONTEXT_CHARS;
    this.ahead = rules.horizon + CONTEXT_CHARS;
  }

  /** No finding added later starts before this absolute index. */
  get from(): number {
    return Math.max(0, Math.min(this.window?.start ?? Infinity, this.decided - this.back));
  }

  push(text: string, synthetic: readonly number[], ascii: boolean): Finding[] {
    const start = this.received;
    this.received += text.length;
    for (const i of synthetic) {
      this.utf8?.addSynthetic(start + i);
      this.synthetic.push(start + i);
    }
    if (ascii && text.length > 0) this.utf8?.addAscii(start, this.received);
    if (this.passed(text, start)) return [];
    this.text += text;
    return this.step(false);
  }

  /** ASCII text given as its bytes (a character a byte): made a string only when a break in it cuts a value. */
  pushAscii(bytes: Uint8Array): Finding[] {
    const start = this.received;
    this.received += bytes.length;
    if (bytes.length > 0) this.utf8?.addAscii(start, this.received);
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.passed(chunk, start)) return [];
    this.text += chunk.toString('latin1');
    return this.step(false);
  }

  end(): Finding[] {
    return this.step(true);
  }

  /**
   * The common case, decided without joining the chunk (received from absolute index `start`) to
   * the text held: no window is open, and no break decided now cuts a value. Then the position
   * tracker passes the chunk by the breaks counted here, and only the chunk's end is kept, as step
   * would keep it. False (nothing changed) otherwise, and for a chunk shorter than what is kept.
   */
  private passed(chunk: string | Buffer, start: number): boolean {
    const until = this.received - CONTINUATION_READ - 1;
    const keepFrom = until - this.back;
    if (this.window || keepFrom < start) return false;
    const textOf = (a: number, b: number): string => (typeof chunk === 'string' ? chunk.slice(a, b) : chunk.toString('latin1', a, b));
    // The breaks held back from the chunk before (their next line starts in this one), then this chunk's.
    const ahead = 2 * CONTINUATION_READ;
    const held = this.text.indexOf('\n', this.decided - this.textStart);
    if (held !== -1) {
      const t = this.text + textOf(0, ahead);
      for (let i = held; i !== -1 && i < this.text.length; i = t.indexOf('\n', i + 1)) if (this.cutAt(t, this.textStart, this.textStart + i)) return false;
    }
    const line = 2 * WRAP_LOOK_BACK + 1; // and a CR
    const end = until - start;
    let breaks = 0;
    let last = -1;
    for (let i = typeof chunk === 'string' ? chunk.indexOf('\n') : chunk.indexOf(0x0a); i !== -1 && i < end; i = typeof chunk === 'string' ? chunk.indexOf('\n', i + 1) : chunk.indexOf(0x0a, i + 1)) {
      if (i < keepFrom - start) {
        breaks++;
        last = start + i;
      }
      if (!mayCut(chunk, i)) continue;
      // Where it may cut, the break is read in a string of its own: its line (begun in the text held, maybe) and what follows.
      const from = Math.max(this.textStart, start + i - line);
      const t = (from < start ? this.text.slice(from - this.textStart) : '') + textOf(Math.max(0, from - start), i + 1 + ahead);
      if (this.cutAt(t, from, start + i)) return false;
    }
    this.tracker.moveTo(this.text, this.textStart, start);
    this.tracker.skip(keepFrom, breaks, last, typeof chunk === 'string' ? this.counter.bytes(chunk, 0, keepFrom - start, start) : keepFrom - start);
    this.text = detach(textOf(keepFrom - start, chunk.length)); // not the chunk's memory: it is done with
    this.textStart = keepFrom;
    this.decided = until;
    if (this.synthetic.length > 0 && this.synthetic[0]! < keepFrom) this.synthetic = this.synthetic.filter((at) => at >= keepFrom);
    return true;
  }

  private step(final: boolean): Finding[] {
    const out: Finding[] = [];
    // A break is decided once the start of the line after it has arrived.
    const until = final ? this.received : this.received - CONTINUATION_READ - 1;
    for (let i = this.text.indexOf('\n', this.decided - this.textStart); i !== -1 && this.textStart + i < until; i = this.text.indexOf('\n', i + 1)) {
      const at = this.textStart + i;
      if (!this.cutAt(this.text, this.textStart, at)) continue;
      const start = Math.max(0, at - this.back);
      if (this.window && (start > this.window.end || this.window.end - this.window.start > MAX_WINDOW)) this.close(out);
      if (this.window) this.window.end = at + this.ahead;
      else this.window = { start, end: at + this.ahead, cuts: [] };
      this.window.cuts.push(at);
    }
    this.decided = Math.max(this.decided, until);
    // Closed once no later cut can reach back into it: where, depends on the text alone.
    if (this.window && (final || this.decided - this.back > this.window.end)) this.close(out);
    if (!final) this.trim();
    return out;
  }

  /**
   * Whether the break at absolute index `at` cuts a labelled value; `t` holds the text from absolute
   * index `tStart`: the break's line (its last 2 × WRAP_LOOK_BACK characters, or from where the text held starts) and what follows.
   */
  private cutAt(t: string, tStart: number, at: number): boolean {
    const i = at - tStart;
    if (!mayCut(t, i)) return false;
    const end = i > 0 && t.charCodeAt(i - 1) === 0x0d ? i - 1 : i;
    const lineStart = end === 0 ? 0 : t.lastIndexOf('\n', end - 1) + 1;
    return labelledCut(t.slice(Math.max(lineStart, end - 2 * WRAP_LOOK_BACK), end), t.slice(i + 1, i + 1 + CONTINUATION_READ), this.wrap);
  }

  /** Read the window joined; its values across breaks, placed in the whole text, go to `out`. */
  private close(out: Finding[]): void {
    const { start, end: reach, cuts } = this.window!;
    this.window = undefined;
    const end = Math.min(reach, this.received);
    const synthetic = this.synthetic.filter((at) => at >= start && at < end).map((at) => at - start);
    const found = this.read(this.text.slice(start - this.textStart, end - this.textStart), synthetic);
    const before = this.added;
    this.added = new Set();
    if (found.length === 0) return;
    const p = this.tracker.moveTo(this.text, this.textStart, start);
    const column = (line: number, c: number): number => (line === 1 ? p.column + c - 1 : c);
    for (const f of found) {
      // Only values across a break the stream found cut: the window's own edges cut lines and words.
      const from = start + f.index;
      if (!cuts.some((c) => c >= from && c < from + f.value.length)) continue;
      const id = `${from}:${f.value.length}:${f.ruleId}`;
      this.added.add(id);
      if (before.has(id)) continue;
      out.push({
        ...f,
        index: start + f.index,
        line: p.line + f.line - 1,
        column: column(f.line, f.column),
        endLine: p.line + f.endLine - 1,
        endColumn: column(f.endLine, f.endColumn),
        offset: p.byte + f.offset,
      });
    }
  }

  /** Forget the text no later break or window reads. */
  private trim(): void {
    const keepFrom = this.from;
    if (keepFrom <= this.textStart) return;
    this.tracker.moveTo(this.text, this.textStart, keepFrom);
    this.text = this.text.slice(keepFrom - this.textStart);
    this.textStart = keepFrom;
    if (this.synthetic.length > 0 && this.synthetic[0]! < keepFrom) this.synthetic = this.synthetic.filter((at) => at >= keepFrom);
  }
}

/**
 * Cheap tests of the break at `i` in `t` (a string, or ASCII bytes), on the characters around it:
 * whether the line before may end with a value's piece and the next start with the next one. Read
 * past either end of `t`, the answer is yes; where it is no, labelledCut's would be too. The view
 * folds only non-ASCII characters, so one of those may be either.
 */
function mayCut(t: string | Buffer, i: number): boolean {
  const s = typeof t === 'string' ? t : undefined;
  const code = (k: number): number => (s !== undefined ? s.charCodeAt(k) : (t as Buffer)[k]!);
  let k = i > 0 && code(i - 1) === 0x0d ? i - 2 : i - 1;
  while (k >= 0 && (code(k) === 0x20 || code(k) === 0x09)) k--;
  if (k >= 0 && code(k) < 0x80 && !endsValuePiece(code(k))) return false;
  let j = i + 1;
  while (j < t.length && (code(j) === 0x20 || code(j) === 0x09 || code(j) === 0x3e)) j++;
  const d = j < t.length ? code(j) : 0x30;
  return d >= 0x80 || (d >= 0x30 && d <= 0x39) || (d >= 0x41 && d <= 0x5a);
}
