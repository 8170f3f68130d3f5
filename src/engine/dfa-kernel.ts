/**
 * The prefilter's inner loop in WebAssembly: one table step per character, about three times the
 * speed of the same loop in JavaScript. The text is written into the module's memory as UTF-8 and
 * walked byte by byte; continuation bytes are skipped, so each character takes one step as in the
 * JavaScript loop. The kernel stops and hands back to JavaScript for the rare cases it leaves out:
 * a transition not built yet, a four-byte character (two UTF-16 units), a full hit buffer.
 *
 * The module is assembled here from its few instructions (no toolchain, no binary in the tree).
 */

/** Memory layout, fixed in the module's instructions. */
const OUT = 0; // the row, the hit-buffer length and the unit count the kernel stopped with
const CLASSES = 256; // byte → class (255: continuation byte, skipped; 254: four-byte lead, left to JS)
const HITS = 1024; // (row, UTF-16 end) pairs of accepting steps
const HIT_BYTES = 8 * 2048;
const TEXT = 32 * 1024;
/** UTF-16 units encoded per call: at most three bytes each. */
export const TEXT_UNITS = 32 * 1024;
const TABLE = TEXT + 3 * TEXT_UNITS;
const PAGE = 64 * 1024;

export const SKIP = 255;
export const FOUR_BYTE = 254;

// --- A minimal WebAssembly encoder: just what the loop needs. ---
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...Buffer.from(s)].map((b) => [b]));

/**
 * scan(pos, end, row, h, hEnd, unit) → pos: from byte `pos` of the text, step the DFA whose
 * current row offset is `row`, counting UTF-16 units from `unit` (one per character stepped),
 * recording (row, units after the character) at HITS + h for each accepting step, until `end`, an
 * unbuilt transition (entry < 0), a four-byte lead, or a full buffer. Leaves row, h, unit at OUT.
 */
function kernelModule(): Uint8Array {
  const I32 = 0x7f;
  const [pos, end, row, h, hEnd, unit, k, e] = [0, 1, 2, 3, 4, 5, 6, 7];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const c = (n: number) => [0x41, ...sleb(n)];
  const load8 = (off: number) => [0x2d, 0x00, ...uleb(off)];
  const load = (off: number) => [0x28, 0x02, ...uleb(off)];
  const store = (off: number) => [0x36, 0x02, ...uleb(off)];
  const [add, and, shl, eq, ltS, geU] = [0x6a, 0x71, 0x74, 0x46, 0x48, 0x4f];
  const [block, loop, ifThen, br, brIf, fin] = [[0x02, 0x40], [0x03, 0x40], [0x04, 0x40], 0x0c, 0x0d, 0x0b];
  const body = [
    ...block,
    ...loop,
    ...get(pos), ...get(end), geU, brIf, 1,
    ...get(pos), ...load8(TEXT), ...load8(CLASSES), ...set(k),
    ...get(k), ...c(SKIP), eq, ...ifThen, ...get(pos), ...c(1), add, ...set(pos), br, 1, fin,
    ...get(k), ...c(FOUR_BYTE), eq, brIf, 1,
    ...get(row), ...get(k), add, ...c(2), shl, ...load(TABLE), ...set(e),
    ...get(e), ...c(0), ltS, brIf, 1,
    ...get(e), ...c(-2), and, ...set(row),
    ...get(pos), ...c(1), add, ...set(pos),
    ...get(unit), ...c(1), add, ...set(unit),
    ...get(e), ...c(1), and, ...ifThen,
    ...get(h), ...get(row), ...store(HITS),
    ...get(h), ...get(unit), ...store(HITS + 4),
    ...get(h), ...c(8), add, ...set(h),
    ...get(h), ...get(hEnd), geU, brIf, 2,
    fin,
    br, 0,
    fin,
    fin,
    ...c(OUT), ...get(row), ...store(0),
    ...c(OUT + 4), ...get(h), ...store(0),
    ...c(OUT + 8), ...get(unit), ...store(0),
    ...get(pos),
    fin,
  ];
  const func = [...vec([[...uleb(2), I32]]), ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([[I32]])]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, ...uleb(Math.ceil(TABLE / PAGE))]])),
    ...section(7, vec([[...name('scan'), 0x00, 0], [...name('memory'), 0x02, 0]])),
    ...section(10, vec([[...uleb(func.length), ...func]])),
  ]);
}

/** The slice of the WebAssembly API used here (TypeScript's libraries for Node do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | undefined;

/** Where the transition table lives; the prefilter reads and writes entries through `entries`. */
export interface TableStore {
  /** Current view of the table; replaced when the store grows. */
  entries: Int32Array;
  /** Room for at least `count` entries, new ones unknown (-1), existing ones kept. */
  reserve(count: number): void;
  /** Every entry unknown again (the DFA cache was dropped). */
  clear(): void;
}

/** The table in a plain array, walked by the JavaScript loop (when WebAssembly is unavailable). */
export class ArrayStore implements TableStore {
  entries = new Int32Array(0);

  reserve(count: number): void {
    if (count <= this.entries.length) return;
    const bigger = new Int32Array(Math.max(count, this.entries.length * 2)).fill(-1);
    bigger.set(this.entries);
    this.entries = bigger;
  }

  clear(): void {
    this.entries.fill(-1);
  }
}

/** Called for each accepting step: the row offset reached and the UTF-16 end of the character. */
export type OnAccept = (row: number, end: number) => void;
/** Builds the missing transition from `row` on `cls` and returns its entry (may reserve or clear). */
export type Build = (row: number, cls: number) => number;

/** The table in WebAssembly memory, walked by the kernel. */
export class WasmStore implements TableStore {
  entries = new Int32Array(0);
  private readonly memory: WasmMemory;
  private readonly run: (pos: number, end: number, row: number, h: number, hEnd: number, unit: number) => number;
  private bytes!: Uint8Array;
  private words!: Int32Array;
  private readonly encoder = new TextEncoder();

  constructor(classOfAscii: Uint8Array, nonAsciiClass: number) {
    compiled ??= new wasmApi!.Module(kernelModule());
    const instance = new wasmApi!.Instance(compiled, {});
    this.memory = instance.exports['memory'] as WasmMemory;
    this.run = instance.exports['scan'] as WasmStore['run'];
    this.refresh();
    for (let b = 0; b < 256; b++) {
      this.bytes[CLASSES + b] = b < 0x80 ? classOfAscii[b]! : b < 0xc0 ? SKIP : b >= 0xf0 ? FOUR_BYTE : nonAsciiClass;
    }
  }

  /** Whether this runtime runs WebAssembly (not under --jitless, for one). */
  static available(): boolean {
    return wasmApi !== undefined;
  }

  private refresh(): void {
    this.bytes = new Uint8Array(this.memory.buffer);
    this.words = new Int32Array(this.memory.buffer);
    this.entries = new Int32Array(this.memory.buffer, TABLE, (this.memory.buffer.byteLength - TABLE) >> 2);
  }

  reserve(count: number): void {
    const have = this.entries.length;
    if (count <= have) return;
    const want = Math.max(count, have * 2);
    this.memory.grow(Math.ceil(((want - have) * 4) / PAGE));
    this.refresh();
    this.entries.fill(-1, have);
  }

  clear(): void {
    this.entries.fill(-1);
  }

  /**
   * Walk `text` from row offset `row`; returns the row reached. `nonAscii` is the class of
   * characters outside ASCII, taken twice by a four-byte character (two UTF-16 units).
   */
  walk(text: string, row: number, nonAscii: number, accept: OnAccept, build: Build): number {
    for (let off = 0; off < text.length; off += TEXT_UNITS) {
      const piece = text.length <= TEXT_UNITS ? text : text.slice(off, off + TEXT_UNITS);
      const { written } = this.encoder.encodeInto(piece, this.bytes.subarray(TEXT, TEXT + 3 * TEXT_UNITS));
      let pos = 0;
      let unit = off; // UTF-16 units before byte `pos`, counted by the kernel
      while (pos < written) {
        pos = this.run(pos, written, row, 0, HIT_BYTES, unit);
        row = this.words[OUT >> 2]!;
        const hitBytes = this.words[(OUT + 4) >> 2]!;
        unit = this.words[(OUT + 8) >> 2]!;
        for (let h = 0; h < hitBytes; h += 8) accept(this.words[(HITS + h) >> 2]!, this.words[(HITS + h + 4) >> 2]!);
        if (pos >= written || hitBytes >= HIT_BYTES) continue;
        // Stopped before a byte left to this side: a four-byte character, or a transition to build.
        const b = this.bytes[TEXT + pos]!;
        const steps = b >= 0xf0 ? 2 : 1;
        const cls = b >= 0xf0 ? nonAscii : this.bytes[CLASSES + b]!;
        for (let s = 0; s < steps; s++) {
          let e = this.entries[row + cls]!;
          if (e < 0) e = build(row, cls); // may grow or clear the table
          row = e & ~1;
          unit++;
          if (e & 1) accept(row, unit);
        }
        pos++;
      }
    }
    return row;
  }
}
