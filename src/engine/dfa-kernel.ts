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
const OUT2 = 16; // scan2: position, row, units and hit-buffer length of each chain
const CLASSES = 256; // byte → class (255: continuation byte, skipped; 254: four-byte lead, left to JS)
const HITS = 1024; // (row, UTF-16 end) pairs of accepting steps
const HIT_BYTES = 8 * 2048;
const HITS2 = HITS + HIT_BYTES; // scan2's second chain
const TEXT = 64 * 1024;
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
 *
 * scan2(p1, e1, r1, u1, p2, r2, u2, e2): the same walk for two stretches of the text at once,
 * a byte of each per round. One DFA walk is bound by the latency of its table loads, one after
 * the other; two independent walks overlap them, nearly doubling the speed. Hits go to HITS and
 * HITS2; it stops when the first stretch ends, or either walk meets a stop or fills its buffer,
 * and leaves both walks' state at OUT2.
 */
function kernelModule(): Uint8Array {
  const I32 = 0x7f;
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const c = (n: number) => [0x41, ...sleb(n)];
  const load8 = (off: number) => [0x2d, 0x00, ...uleb(off)];
  const load = (off: number) => [0x28, 0x02, ...uleb(off)];
  const store = (off: number) => [0x36, 0x02, ...uleb(off)];
  const [add, and, shl, eq, ltS, geU] = [0x6a, 0x71, 0x74, 0x46, 0x48, 0x4f];
  const [block, loop, ifThen, orElse, br, brIf, fin] = [[0x02, 0x40], [0x03, 0x40], [0x04, 0x40], 0x05, 0x0c, 0x0d, 0x0b];

  /** One step of one walk; `exit` is the depth of the enclosing exit block as seen from the step. */
  const step = (v: { pos: number; row: number; unit: number; h: number; k: number; e: number }, hits: number, hEnd: number[], exit: number) => [
    ...get(v.pos), ...load8(TEXT), ...load8(CLASSES), ...set(v.k),
    ...get(v.k), ...c(SKIP), eq, ...ifThen,
    ...get(v.pos), ...c(1), add, ...set(v.pos),
    orElse,
    ...get(v.k), ...c(FOUR_BYTE), eq, brIf, exit + 1,
    ...get(v.row), ...get(v.k), add, ...c(2), shl, ...load(TABLE), ...set(v.e),
    ...get(v.e), ...c(0), ltS, brIf, exit + 1,
    ...get(v.e), ...c(-2), and, ...set(v.row),
    ...get(v.pos), ...c(1), add, ...set(v.pos),
    ...get(v.unit), ...c(1), add, ...set(v.unit),
    ...get(v.e), ...c(1), and, ...ifThen,
    ...get(v.h), ...get(v.row), ...store(hits),
    ...get(v.h), ...get(v.unit), ...store(hits + 4),
    ...get(v.h), ...c(8), add, ...set(v.h),
    ...get(v.h), ...hEnd, geU, brIf, exit + 2,
    fin,
    fin,
  ];

  // scan: params pos 0, end 1, row 2, h 3, hEnd 4, unit 5; locals k 6, e 7.
  const one = { pos: 0, row: 2, unit: 5, h: 3, k: 6, e: 7 };
  const scanBody = [
    ...block, ...loop,
    ...get(0), ...get(1), geU, brIf, 1,
    ...step(one, HITS, get(4), 1),
    br, 0,
    fin, fin,
    ...c(OUT), ...get(one.row), ...store(0),
    ...c(OUT + 4), ...get(one.h), ...store(0),
    ...c(OUT + 8), ...get(one.unit), ...store(0),
    ...get(one.pos),
    fin,
  ];
  // scan2: params p1 0, e1 1, r1 2, u1 3, p2 4, r2 5, u2 6, e2 7; locals k 8, e 9, h1 10, h2 11.
  const first = { pos: 0, row: 2, unit: 3, h: 10, k: 8, e: 9 };
  const second = { pos: 4, row: 5, unit: 6, h: 11, k: 8, e: 9 };
  const out2 = [first.pos, first.row, first.unit, first.h, second.pos, second.row, second.unit, second.h];
  const scan2Body = [
    ...block, ...loop,
    ...get(0), ...get(1), geU, brIf, 1,
    ...get(4), ...get(7), geU, brIf, 1,
    ...step(first, HITS, c(HIT_BYTES), 1),
    ...step(second, HITS2, c(HIT_BYTES), 1),
    br, 0,
    fin, fin,
    ...out2.flatMap((local, i) => [...c(OUT2 + 4 * i), ...get(local), ...store(0)]),
    ...c(0),
    fin,
  ];
  const scan = [...vec([[...uleb(2), I32]]), ...scanBody];
  const scan2 = [...vec([[...uleb(4), I32]]), ...scan2Body];
  const i32s = (n: number) => vec(Array.from({ length: n }, () => [I32]));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, ...i32s(6), ...vec([[I32]])], [0x60, ...i32s(8), ...vec([[I32]])]])),
    ...section(3, vec([[0], [1]])),
    ...section(5, vec([[0x00, ...uleb(Math.ceil(TABLE / PAGE))]])),
    ...section(7, vec([[...name('scan'), 0x00, 0], [...name('scan2'), 0x00, 1], [...name('memory'), 0x02, 0]])),
    ...section(10, vec([[...uleb(scan.length), ...scan], [...uleb(scan2.length), ...scan2]])),
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
  private readonly run2: (p1: number, e1: number, r1: number, u1: number, p2: number, r2: number, u2: number, e2: number) => number;
  private bytes!: Uint8Array;
  private words!: Int32Array;
  private readonly encoder = new TextEncoder();

  constructor(classOfAscii: Uint8Array, nonAsciiClass: number) {
    compiled ??= new wasmApi!.Module(kernelModule());
    const instance = new wasmApi!.Instance(compiled, {});
    this.memory = instance.exports['memory'] as WasmMemory;
    this.run = instance.exports['scan'] as WasmStore['run'];
    this.run2 = instance.exports['scan2'] as WasmStore['run2'];
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
   * characters outside ASCII, taken twice by a four-byte character (two UTF-16 units). With
   * `split`, a long piece is walked as two stretches at once (see twoWalks).
   */
  walk(text: string, row: number, nonAscii: number, accept: OnAccept, build: Build, split?: Split): number {
    for (let off = 0; off < text.length; off += TEXT_UNITS) {
      const piece = text.length <= TEXT_UNITS ? text : text.slice(off, off + TEXT_UNITS);
      const { written } = this.encoder.encodeInto(piece, this.bytes.subarray(TEXT, TEXT + 3 * TEXT_UNITS));
      let at = { pos: 0, row, unit: off }; // `unit`: UTF-16 units before byte `pos`
      if (split && written >= 8 * 3 * split.reach) at = this.twoWalks(written, at, split, nonAscii, accept, build);
      let { pos, unit } = at;
      row = at.row;
      while (pos < written) {
        pos = this.run(pos, written, row, 0, HIT_BYTES, unit);
        row = this.words[OUT >> 2]!;
        const hitBytes = this.words[(OUT + 4) >> 2]!;
        unit = this.words[(OUT + 8) >> 2]!;
        for (let h = 0; h < hitBytes; h += 8) accept(this.words[(HITS + h) >> 2]!, this.words[(HITS + h + 4) >> 2]!);
        if (pos >= written || hitBytes >= HIT_BYTES) continue;
        ({ row, unit } = this.slowStep(pos, row, unit, nonAscii, accept, build));
        pos++;
      }
    }
    return row;
  }

  /** Whether the kernel would stop before the character at byte `pos` from row `row`. */
  private stops(pos: number, row: number): boolean {
    const cls = this.bytes[CLASSES + this.bytes[TEXT + pos]!]!;
    return cls === FOUR_BYTE || (cls !== SKIP && this.entries[row + cls]! < 0);
  }

  /** The character at byte `pos` stepped on this side: a four-byte one (two units), or a transition to build. */
  private slowStep(pos: number, row: number, unit: number, nonAscii: number, accept: OnAccept, build: Build): { row: number; unit: number } {
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
    return { row, unit };
  }

  /**
   * The first half of a piece walked from `at`, and at the same time the second half walked from
   * the DFA's start state, begun `split.reach` characters before the middle. A match is at most
   * that long, so every match ending in the second half starts after that second walk began, and
   * its accepts there are all that matter (earlier ones are the first walk's). Returns where the
   * walk goes on: after the second half's walk has passed the middle, or, if either walk stopped
   * (a transition to build, a four-byte character), from the first walk's place, alone.
   */
  private twoWalks(written: number, at: { pos: number; row: number; unit: number }, split: Split, nonAscii: number, accept: OnAccept, build: Build) {
    const boundary = (byte: number) => {
      while (byte < written && (this.bytes[TEXT + byte]! & 0xc0) === 0x80) byte++;
      return byte;
    };
    const mid = boundary(written >> 1);
    const from = boundary(mid - 3 * split.reach); // at least `reach` characters before the middle
    const later: number[] = []; // the second walk's (row, units since `from`), held until the first is done
    const hold: OnAccept = (row, unit) => later.push(row, unit);
    let [p1, r1, u1, p2, r2, u2] = [at.pos, at.row, at.unit, from, split.startRow(), 0];
    for (;;) {
      this.run2(p1, mid, r1, u1, p2, r2, u2, written);
      const w = (i: number) => this.words[(OUT2 >> 2) + i]!;
      [p1, r1, u1, p2, r2, u2] = [w(0), w(1), w(2), w(4), w(5), w(6)];
      for (let h = 0; h < w(3); h += 8) accept(this.words[(HITS + h) >> 2]!, this.words[(HITS + h + 4) >> 2]!);
      for (let h = 0; h < w(7); h += 8) hold(this.words[(HITS2 + h) >> 2]!, this.words[(HITS2 + h + 4) >> 2]!);
      if (p1 >= mid) break;
      if (w(3) >= HIT_BYTES || w(7) >= HIT_BYTES) continue;
      // A walk stopped at a character for this side. Building a state could drop the cache, which
      // would leave the other walk's state meaningless: with no room, the first walk goes on alone.
      if (!split.room()) return { pos: p1, row: r1, unit: u1 };
      if (this.stops(p1, r1)) {
        ({ row: r1, unit: u1 } = this.slowStep(p1, r1, u1, nonAscii, accept, build));
        p1++;
      } else {
        ({ row: r2, unit: u2 } = this.slowStep(p2, r2, u2, nonAscii, hold, build));
        p2++;
      }
    }
    // Units from `from` to the middle, to place the second walk's accepts.
    let between = 0;
    for (let b = from; b < mid; b++) {
      const x = this.bytes[TEXT + b]!;
      if ((x & 0xc0) !== 0x80) between += x >= 0xf0 ? 2 : 1;
    }
    const base = u1 - between;
    for (let i = 0; i < later.length; i += 2) if (base + later[i + 1]! > u1) accept(later[i]!, base + later[i + 1]!);
    return { pos: p2, row: r2, unit: base + u2 };
  }
}

/** What a two-stretch walk needs: the DFA's start state, the longest a match can be (UTF-16 units, with margin), and whether two more states fit in the cache. */
export interface Split {
  /** Read when needed: a dropped cache renumbers states. */
  startRow: () => number;
  reach: number;
  room: () => boolean;
}
