/**
 * Incremental bytes → text. UTF-8 (BOM optional) and UTF-16 LE/BE with a BOM.
 *
 * A multi-byte character split across chunks is held back until complete. An
 * invalid UTF-8 byte becomes one U+FFFD whose index is reported, so the scanner
 * can keep byte offsets exact and an SSN beside a bad byte is still found.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { SourceEncoding } from '../engine/scanner.js';

export interface Decoded {
  text: string;
  /** Indices in `text` of U+FFFD characters that replaced exactly one invalid byte. */
  synthetic: number[];
  /** Every character is ASCII (so each is one byte of the source). */
  ascii?: boolean;
}

/** The source's encoding, as a writer needs it to put replacement text back in the same form. */
export type EncodingLabel = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface TextDecoderStream {
  readonly encoding: SourceEncoding;
  readonly label: EncodingLabel;
  /** Bytes of byte-order mark skipped before the first character. */
  readonly bomLength: number;
  decode(bytes: Uint8Array, final: boolean): Decoded;
  /**
   * Whether these bytes are their own text, a character a byte (ASCII, nothing held back from
   * earlier, the byte-order mark settled): the caller may then take them as they are, without
   * decode(), which would return them unchanged.
   */
  asIs?(bytes: Uint8Array): boolean;
}

const EMPTY: number[] = [];

/** Length a UTF-8 lead byte announces, or 0 if it cannot start a character. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Whether bytes[i..i+n) is one well-formed UTF-8 character (Unicode Table 3-7). */
function wellFormedAt(bytes: Uint8Array, i: number, n: number): boolean {
  if (i + n > bytes.length) return false;
  const b0 = bytes[i]!;
  const b1 = bytes[i + 1]!;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 === 0xe0) lo = 0xa0;
  else if (b0 === 0xed) hi = 0x9f;
  else if (b0 === 0xf0) lo = 0x90;
  else if (b0 === 0xf4) hi = 0x8f;
  if (b1 < lo || b1 > hi) return false;
  for (let k = 2; k < n; k++) {
    const b = bytes[i + k]!;
    if (b < 0x80 || b > 0xbf) return false;
  }
  return true;
}

export class Utf8Decoder implements TextDecoderStream {
  readonly encoding = 'utf8' as const;
  readonly label = 'utf-8' as const;
  bomLength = 0;
  private pending: Uint8Array = new Uint8Array(0);
  private started = false;

  asIs(bytes: Uint8Array): boolean {
    return this.started && this.pending.length === 0 && isAscii(bytes);
  }

  decode(chunk: Uint8Array, final: boolean): Decoded {
    let bytes = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!this.started) {
      if (bytes.length < 3 && !final) {
        this.pending = Uint8Array.prototype.slice.call(bytes); // a copy: the source may reuse its memory
        return { text: '', synthetic: EMPTY };
      }
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        this.bomLength = 3;
        bytes = bytes.subarray(3);
      }
    }
    const cut = final ? bytes.length : completeLength(bytes);
    this.pending = Uint8Array.prototype.slice.call(bytes, cut);
    const body = bytes.subarray(0, cut);
    // ASCII (most text) is copied a byte to a character, without decoding.
    if (isAscii(body)) return { text: body.toString('latin1'), synthetic: EMPTY, ascii: true };
    if (isUtf8(body)) return { text: body.toString('utf8'), synthetic: EMPTY };
    return decodeLenient(body);
  }
}

/** Bytes that form whole characters; a trailing incomplete sequence (≤ 3 bytes) waits for more. */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back]!;
    if (b < 0x80) return n; // ASCII: nothing pending
    if (b >= 0xc0) {
      const need = sequenceLength(b);
      return need > back ? n - back : n;
    }
  }
  return n;
}

/** Slow path for input with invalid sequences: valid runs decode natively, each bad byte becomes U+FFFD. */
function decodeLenient(bytes: Buffer): Decoded {
  let text = '';
  const synthetic: number[] = [];
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = sequenceLength(b);
    if (n > 0 && wellFormedAt(bytes, i, n)) {
      i += n;
      continue;
    }
    text += bytes.toString('utf8', runStart, i);
    synthetic.push(text.length);
    text += '\uFFFD';
    i++;
    runStart = i;
  }
  text += bytes.toString('utf8', runStart, bytes.length);
  return { text, synthetic };
}

/** UTF-16 with a byte-order mark; code units map to exactly two bytes each. */
export class Utf16Decoder implements TextDecoderStream {
  readonly encoding = 'utf16' as const;
  readonly label: EncodingLabel;
  readonly bomLength = 2;
  private readonly inner: TextDecoder;
  /** BOM bytes still to skip (the mark may arrive split across chunks). */
  private bomLeft = 2;

  constructor(littleEndian: boolean) {
    this.label = littleEndian ? 'utf-16le' : 'utf-16be';
    this.inner = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });
  }

  decode(chunk: Uint8Array, final: boolean): Decoded {
    const skip = Math.min(this.bomLeft, chunk.length);
    this.bomLeft -= skip;
    const bytes = chunk.subarray(skip);
    return { text: this.inner.decode(bytes, { stream: !final }), synthetic: EMPTY };
  }
}

export type Sniffed = { kind: 'text'; decoder: TextDecoderStream } | { kind: 'binary'; reason: string };

/** Bytes looked at to decide, as git does. */
const SNIFF_WINDOW = 8000;

/**
 * Decide from the first bytes whether a source is text, and how to decode it. A UTF-16 BOM means
 * text. Otherwise binary data shows itself by runs of NUL bytes, many NULs, or many control bytes
 * and invalid UTF-8 sequences (compressed or encrypted data); a text file with a few stray control
 * bytes or a stray NUL is still text and still scanned.
 */
export function sniff(head: Uint8Array): Sniffed {
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'text', decoder: new Utf16Decoder(true) };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'text', decoder: new Utf16Decoder(false) };
  const window = head.subarray(0, SNIFF_WINDOW);
  let nuls = 0;
  let run = 0;
  let longestRun = 0;
  let controls = 0;
  for (let i = 0; i < window.length; i++) {
    const b = window[i]!;
    if (b === 0) {
      nuls++;
      longestRun = Math.max(longestRun, ++run);
    } else run = 0;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) controls++;
  }
  if (longestRun >= 3 || nuls > window.length / 100) return { kind: 'binary', reason: 'binary file (NUL bytes)' };
  const invalid = isUtf8(completePrefix(window)) ? 0 : decodeLenient(Buffer.from(window)).synthetic.length;
  if (controls + invalid > (window.length * 3) / 10) return { kind: 'binary', reason: 'binary file (control bytes and invalid UTF-8)' };
  return { kind: 'text', decoder: new Utf8Decoder() };
}

/** The window without a multi-byte character cut at its end. */
function completePrefix(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, completeLength(bytes));
}
