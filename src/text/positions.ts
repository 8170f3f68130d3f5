/**
 * Maps character offsets in decoded text to what people and SARIF expect:
 * 1-based line, 1-based column in UTF-16 code units, and the byte offset in the
 * original file. Lines end at '\n' (so CRLF counts once, as in git and ripgrep).
 *
 * The tracker only moves forward, over text the scanner still holds, so it costs
 * one pass over the input however many findings there are.
 */

/** How many source bytes a piece of decoded text came from. */
export interface ByteCounter {
  /** Bytes behind `text[from, to)`, whose first character is at absolute index `absStart`. */
  bytes(text: string, from: number, to: number, absStart: number): number;
  /** Forget bookkeeping before an absolute index (memory stays bounded). */
  release(absIndex: number): void;
}

/** UTF-8 source; `synthetic` marks U+FFFD characters that stand for one invalid byte, not three. */
export class Utf8Counter implements ByteCounter {
  private synthetic: number[] = [];
  private head = 0;
  /**
   * Absolute [start, end) pairs, in order, of text its source said was ASCII only: within one, a
   * character is a byte, and nothing needs counting.
   */
  private ascii: number[] = [];
  private asciiHead = 0;

  addSynthetic(absIndex: number): void {
    this.synthetic.push(absIndex);
  }

  /** Text at [absStart, absEnd) is ASCII only. */
  addAscii(absStart: number, absEnd: number): void {
    const last = this.ascii.length - 1;
    if (this.ascii.length > this.asciiHead && this.ascii[last] === absStart) this.ascii[last] = absEnd;
    else this.ascii.push(absStart, absEnd);
  }

  bytes(text: string, from: number, to: number, absStart: number): number {
    if (to <= from) return 0;
    if (this.allAscii(absStart, absStart + (to - from))) return to - from;
    let n = utf8Length(text, from, to);
    // A segment edge may split a surrogate pair (4 bytes); each lone half counts 3.
    if (isLowSurrogate(text.charCodeAt(from))) n -= 3;
    if (isHighSurrogate(text.charCodeAt(to - 1))) n += 1;
    if (this.head < this.synthetic.length) {
      const end = absStart + (to - from);
      for (let i = this.head; i < this.synthetic.length; i++) {
        const at = this.synthetic[i]!;
        if (at >= end) break;
        if (at >= absStart) n -= 2;
      }
    }
    return n;
  }

  release(absIndex: number): void {
    while (this.head < this.synthetic.length && this.synthetic[this.head]! < absIndex) this.head++;
    if (this.head > 1024 && this.head * 2 > this.synthetic.length) {
      this.synthetic = this.synthetic.slice(this.head);
      this.head = 0;
    }
    while (this.asciiHead < this.ascii.length && this.ascii[this.asciiHead + 1]! <= absIndex) this.asciiHead += 2;
    if (this.asciiHead > 1024 && this.asciiHead * 2 > this.ascii.length) {
      this.ascii = this.ascii.slice(this.asciiHead);
      this.asciiHead = 0;
    }
  }

  /** Whether [absStart, absEnd) lies within text known to be ASCII. */
  private allAscii(absStart: number, absEnd: number): boolean {
    for (let i = this.asciiHead; i < this.ascii.length; i += 2) {
      if (this.ascii[i + 1]! < absEnd) continue;
      return this.ascii[i]! <= absStart;
    }
    return false;
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Spans this short are counted in a loop: cheaper than cutting a slice for Buffer.byteLength. */
const COUNTED_SPAN = 256;

/** `Buffer.byteLength(text.slice(from, to))`: a surrogate pair is 4 bytes, a lone half 3 (as U+FFFD). */
export function utf8Length(text: string, from: number, to: number): number {
  if (to - from > COUNTED_SPAN) return Buffer.byteLength(text.slice(from, to), 'utf8');
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (isHighSurrogate(c) && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-16 source: two bytes per code unit. */
export const utf16Counter: ByteCounter = {
  bytes: (_text, from, to) => (to - from) * 2,
  release: () => {},
};

/** A single-byte code page (EBCDIC): one byte per character. */
export const singleByteCounter: ByteCounter = {
  bytes: (_text, from, to) => to - from,
  release: () => {},
};

export interface Place {
  line: number;
  column: number;
  byte: number;
}

export class PositionTracker {
  private index = 0;
  private line = 1;
  private column = 1;
  private byte: number;
  /**
   * The one line break remembered: none lies in [`from`, `next`), and `next` is a break, or
   * Infinity when the text held up to `to` had none. Each character is read for breaks once
   * (indexOf, memchr speed), and a hop costs nothing when no break lies before its end: no list of
   * every break in the text (an entry per line, of which a scan places few), and no reading on to
   * the end of a long line at every hop.
   */
  private from = 0;
  private next = -1;
  private to = 0;
  /** Set by breaksIn: the last break it counted. */
  private lastBreak = -1;

  constructor(
    private readonly counter: ByteCounter,
    initialByte = 0,
  ) {
    this.byte = initialByte;
  }

  /** Absolute index the tracker stands at; text before it may be dropped. */
  get at(): number {
    return this.index;
  }

  /** Move forward to absolute index `target`; `buf` holds text from absolute index `bufStart`. */
  moveTo(buf: string, bufStart: number, target: number): Place {
    if (target > this.index) {
      const k = this.breaksIn(buf, bufStart, this.index, target);
      if (k > 0) {
        this.line += k;
        this.column = target - this.lastBreak;
      } else this.column += target - this.index;
      this.byte += this.counter.bytes(buf, this.index - bufStart, target - bufStart, this.index);
      this.index = target;
      this.counter.release(target);
    }
    return { line: this.line, column: this.column, byte: this.byte };
  }

  /**
   * Move forward to absolute index `target` over text the caller does not hold as a string: it
   * counted `breaks` line breaks in [at, target), the last at absolute index `lastBreak`, and
   * `bytes` source bytes.
   */
  skip(target: number, breaks: number, lastBreak: number, bytes: number): void {
    if (target <= this.index) return;
    if (breaks > 0) {
      this.line += breaks;
      this.column = target - lastBreak;
    } else this.column += target - this.index;
    this.byte += bytes;
    this.index = target;
    this.next = -1; // what it remembered of breaks ahead was read in text it has now passed
    this.counter.release(target);
  }

  /** Where `end` is, given that `start` (at or after the tracker) is at `from`; does not move. */
  placeOf(buf: string, bufStart: number, from: Place, start: number, end: number): Place {
    const k = this.breaksIn(buf, bufStart, start, end);
    return {
      line: from.line + k,
      column: k > 0 ? end - this.lastBreak : from.column + (end - start),
      byte: from.byte + this.counter.bytes(buf, start - bufStart, end - bufStart, start),
    };
  }

  /** Line breaks in [a, b) (absolute, within the text held); the last of them goes to `lastBreak`. */
  private breaksIn(buf: string, bufStart: number, a: number, b: number): number {
    let k = 0;
    for (let nl = this.breakFrom(buf, bufStart, a); nl < b; nl = this.breakFrom(buf, bufStart, nl + 1)) {
      k++;
      this.lastBreak = nl;
    }
    return k;
  }

  /** The first line break at or after absolute index `pos` in the text held, or Infinity. */
  private breakFrom(buf: string, bufStart: number, pos: number): number {
    const end = bufStart + buf.length;
    let from = pos;
    if (pos >= this.from && pos <= this.next) {
      if (this.next !== Infinity || this.to === end) return this.next;
      // None up to `to`: only the text that arrived since needs reading.
      if (pos <= this.to) {
        from = this.from;
        pos = this.to;
      }
    }
    const i = buf.indexOf('\n', pos - bufStart);
    this.from = from;
    this.next = i === -1 ? Infinity : bufStart + i;
    this.to = end;
    return this.next;
  }
}
