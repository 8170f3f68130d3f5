/**
 * Incremental bytes → text: UTF-8 (BOM optional), UTF-16 LE/BE (with a BOM, or recognised by its
 * NUL bytes) and EBCDIC (code page 037). UTF-32 is recognised, not decoded.
 *
 * A multi-byte character split across chunks is held back until complete. An
 * invalid UTF-8 byte becomes one U+FFFD whose index is reported, so the scanner
 * can keep byte offsets exact and an SSN beside a bad byte is still found.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { SourceEncoding } from '../model/text.js';
import { binaryKind } from './binary-kinds.js';
import { CP037 } from './cp037.js';

export interface Decoded {
  text: string;
  /** Indices in `text` of U+FFFD characters that replaced exactly one invalid byte. */
  synthetic: number[];
  /** Every character is ASCII (so each is one byte of the source). */
  ascii?: boolean;
}

/** The source's encoding, as a writer needs it to put replacement text back in the same form. */
export type EncodingLabel = 'utf-8' | 'utf-16le' | 'utf-16be' | 'ibm037';

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

/** UTF-16, after a byte-order mark or without one; code units map to exactly two bytes each. */
export class Utf16Decoder implements TextDecoderStream {
  readonly encoding = 'utf16' as const;
  readonly label: EncodingLabel;
  readonly bomLength: number;
  private readonly inner: TextDecoder;
  /** BOM bytes still to skip (the mark may arrive split across chunks). */
  private bomLeft: number;

  constructor(littleEndian: boolean, bom = true) {
    this.label = littleEndian ? 'utf-16le' : 'utf-16be';
    this.bomLength = this.bomLeft = bom ? 2 : 0;
    this.inner = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });
  }

  decode(chunk: Uint8Array, final: boolean): Decoded {
    const skip = Math.min(this.bomLeft, chunk.length);
    this.bomLeft -= skip;
    const bytes = chunk.subarray(skip);
    return { text: this.inner.decode(bytes, { stream: !final }), synthetic: EMPTY };
  }
}

/** EBCDIC code page 037, a character a byte. NL (0x15), the mainframe's line end, is read as '\n'. */
export class Ebcdic037Decoder implements TextDecoderStream {
  readonly encoding = 'single-byte' as const;
  readonly label = 'ibm037' as const;
  readonly bomLength = 0;

  decode(chunk: Uint8Array): Decoded {
    const units = new Uint16Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) units[i] = EBCDIC_UNITS[chunk[i]!]!;
    return { text: Buffer.from(units.buffer, 0, units.byteLength).toString('utf16le'), synthetic: EMPTY };
  }
}

/** Code page 037 as UTF-16 code units (all in the BMP, one each). */
const EBCDIC_UNITS = Uint16Array.from(CP037, (c, b) => (b === 0x15 ? 0x0a : c.charCodeAt(0)));

/** Text → code page 037 bytes (for a writer putting replacement text back); unmappable characters become '?'. */
export function encodeEbcdic037(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) out[i] = EBCDIC_BYTES.get(text[i]!) ?? 0x6f;
  return out;
}

const EBCDIC_BYTES = new Map([...CP037].map((c, b) => [c, b]));

export type Sniffed =
  | { kind: 'text'; decoder: TextDecoderStream }
  /** `format`: what it is, when known (a magic number's format, an encoding not decoded). */
  | { kind: 'binary'; reason: string; format?: string };

/** Bytes looked at to decide, as git does. */
const SNIFF_WINDOW = 8000;

/**
 * Decide from the first bytes whether a source is text, and how to decode it.
 *
 * - A UTF-16 byte-order mark means text; so does UTF-16 without one, whose code units in
 *   U+0001–U+00FF (Latin scripts, digits, punctuation) put a NUL in every other byte.
 * - A well-known binary format (PNG, ELF, gzip …) is named by its magic number.
 * - NUL bytes are binary evidence by how many separate runs of them there are, not by their number:
 *   binary structures scatter zeros through every field, while a text file's stray NULs (a few
 *   leading ones, a padded tail after a crash) come in one or two runs, and its other bytes read as
 *   text. The rest (NULs aside) must be text too: not mostly control bytes and invalid UTF-8.
 * - Bytes that are not UTF-8 but are mostly EBCDIC letters, digits and spaces, with almost nothing
 *   below 0x40 but EBCDIC's own line ends and tab, are EBCDIC (code page 037).
 */
export function sniff(head: Uint8Array): Sniffed {
  // UTF-32's marks first: FF FE 00 00 would otherwise read as UTF-16's, NULs between the characters.
  const utf32 = utf32Of(head);
  if (utf32) return { kind: 'binary', reason: `unknown encoding (${utf32} text is not decoded)`, format: utf32 };
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'text', decoder: new Utf16Decoder(true) };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'text', decoder: new Utf16Decoder(false) };
  const known = binaryKind(head);
  if (known?.certain) return binaryOf(known, '');
  const window = head.subarray(0, SNIFF_WINDOW);
  const utf16 = utf16WithoutBom(window);
  if (utf16 !== undefined) return { kind: 'text', decoder: new Utf16Decoder(utf16 === 'le', false) };
  let nuls = 0;
  let nulRuns = 0;
  let controls = 0;
  for (let i = 0; i < window.length; i++) {
    const b = window[i]!;
    if (b === 0) {
      nuls++;
      if (i === 0 || window[i - 1] !== 0) nulRuns++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) controls++;
  }
  const rest = window.length - nuls;
  if (nuls > 0 && (rest === 0 || nulRuns > Math.max(MAX_STRAY_NUL_RUNS, window.length / 1000))) {
    return binaryOf(known, 'binary file (NUL bytes)');
  }
  const utf8 = isUtf8(completePrefix(window));
  if (!utf8 && looksEbcdic(window)) return { kind: 'text', decoder: new Ebcdic037Decoder() };
  const invalid = utf8 ? 0 : decodeLenient(Buffer.from(window)).synthetic.length;
  if (controls + invalid > (rest * 3) / 10) {
    return binaryOf(known, nuls > 0 ? 'binary file (NUL bytes)' : utf8 ? 'binary file (control bytes)' : 'binary file (control bytes and invalid UTF-8)');
  }
  return { kind: 'text', decoder: new Utf8Decoder() };
}

/** Separate runs of NUL bytes a text file may hold (more, in a long head: one per thousand bytes). */
const MAX_STRAY_NUL_RUNS = 4;

function binaryOf(known: ReturnType<typeof binaryKind>, reason: string): Sniffed {
  return known ? { kind: 'binary', reason: `binary file (${known.name})`, format: known.name } : { kind: 'binary', reason };
}

/**
 * UTF-16 without a byte-order mark, by its NUL bytes: at least half the code units have a zero
 * high byte (on the odd bytes: little-endian; on the even: big-endian), almost none a zero low
 * byte, and the code units decoded are not mostly control characters.
 */
function utf16WithoutBom(window: Uint8Array): 'le' | 'be' | undefined {
  const units = window.length >> 1;
  if (units < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < units * 2; i += 2) {
    if (window[i] === 0) evenNul++;
    if (window[i + 1] === 0) oddNul++;
  }
  const le = oddNul * 2 >= units && evenNul * 50 <= units;
  const be = evenNul * 2 >= units && oddNul * 50 <= units;
  if (le === be) return undefined;
  let controls = 0;
  for (let i = 0; i < units * 2; i += 2) {
    const unit = le ? window[i]! | (window[i + 1]! << 8) : (window[i]! << 8) | window[i + 1]!;
    if (unit < 0x20 ? unit !== 0x09 && unit !== 0x0a && unit !== 0x0d && unit !== 0x0c : unit >= 0x7f && unit < 0xa0) controls++;
  }
  return controls * 10 <= units ? (le ? 'le' : 'be') : undefined;
}

/**
 * UTF-32, by its byte-order mark, or by three zero bytes in every four-byte unit in the same places
 * (characters below U+0100): text, but in an encoding not decoded here; noted as such.
 */
function utf32Of(head: Uint8Array): 'UTF-32LE' | 'UTF-32BE' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return 'UTF-32LE';
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return 'UTF-32BE';
  const units = Math.min(head.length, SNIFF_WINDOW) >> 2;
  if (units < 2) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < units * 4; i += 4) {
    if (head[i] !== 0 && head[i + 1] === 0 && head[i + 2] === 0 && head[i + 3] === 0) le++;
    if (head[i] === 0 && head[i + 1] === 0 && head[i + 2] === 0 && head[i + 3] !== 0) be++;
  }
  if (le * 10 >= units * 9) return 'UTF-32LE';
  if (be * 10 >= units * 9) return 'UTF-32BE';
  return undefined;
}

/** EBCDIC's tab (0x05), CR (0x0D), NL (0x15) and LF (0x25): the control bytes its text holds. */
const EBCDIC_TEXT_CONTROLS = new Set([0x05, 0x0d, 0x15, 0x25]);

/**
 * Mostly EBCDIC space (0x40), letters (0x81–0xA9, 0xC1–0xE9) and digits (0xF0–0xF9), and hardly a
 * byte below 0x40 but EBCDIC's own controls: ASCII text (spaces at 0x20) and binary data (a quarter
 * of random bytes are below 0x40) both fail that.
 */
function looksEbcdic(window: Uint8Array): boolean {
  if (window.length < 8) return false;
  let low = 0;
  let words = 0;
  for (const b of window) {
    if (b < 0x40) {
      if (!EBCDIC_TEXT_CONTROLS.has(b)) low++;
    } else if (b === 0x40 || (b >= 0x81 && b <= 0xa9) || (b >= 0xc1 && b <= 0xe9) || (b >= 0xf0 && b <= 0xf9)) words++;
  }
  return low * 100 <= window.length && words * 10 >= window.length * 6;
}

/** The window without a multi-byte character cut at its end. */
function completePrefix(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, completeLength(bytes));
}
