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
const OUT3 = 16; // scan3: position, row and hit-buffer length of each walk
const CLASSES = 256; // byte → class (255: continuation byte, skipped; 254: four-byte lead, left to JS)
const CLASSES3 = 512; // byte → class for scan3: every byte outside ASCII → the stop column
const HITS = 1024; // (row, end) pairs of accepting steps, one buffer per walk
const HIT_BYTES = 8 * 2048;
const WALKS = 3;
const TEXT = 64 * 1024;
/** UTF-16 units encoded per call: at most three bytes each. */
const TEXT_UNITS = 64 * 1024;
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
 * scan3(p0, r0, e0, p1, r1, e1, p2, r2, e2): three walks over three stretches of ASCII text at
 * once, a byte of each per round, until one reaches its end, stops or fills its hit buffer; leaves
 * each walk's position, row and hit-buffer length at OUT3. One walk waits on each table load in
 * turn; three independent ones overlap their loads. With ASCII only, a byte is a character and
 * the kernel needs no unit count nor checks for continuation bytes or four-byte leads, which
 * leaves about half the instructions per step: any byte outside ASCII maps to a column of the
 * table that stays unknown, so the walk stops there and JavaScript steps the character. A hit
 * records (row, position after the byte).
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

  // scan: params pos 0, end 1, row 2, h 3, hEnd 4, unit 5; locals k 6, e 7. `exit` is the exit block's depth.
  const [pos, end, row, h, hEnd, unit, k, e] = [0, 1, 2, 3, 4, 5, 6, 7];
  const step = (exit: number) => [
    ...get(pos), ...load8(TEXT), ...load8(CLASSES), ...set(k),
    ...get(k), ...c(SKIP), eq, ...ifThen,
    ...get(pos), ...c(1), add, ...set(pos),
    orElse,
    ...get(k), ...c(FOUR_BYTE), eq, brIf, exit + 1,
    ...get(row), ...get(k), add, ...c(2), shl, ...load(TABLE), ...set(e),
    ...get(e), ...c(0), ltS, brIf, exit + 1,
    ...get(e), ...c(-2), and, ...set(row),
    ...get(pos), ...c(1), add, ...set(pos),
    ...get(unit), ...c(1), add, ...set(unit),
    ...get(e), ...c(1), and, ...ifThen,
    ...get(h), ...get(row), ...store(HITS),
    ...get(h), ...get(unit), ...store(HITS + 4),
    ...get(h), ...c(8), add, ...set(h),
    ...get(h), ...get(hEnd), geU, brIf, exit + 2,
    fin,
    fin,
  ];
  const scanBody = [
    ...block, ...loop,
    ...get(pos), ...get(end), geU, brIf, 1,
    ...step(1),
    br, 0,
    fin, fin,
    ...c(OUT), ...get(row), ...store(0),
    ...c(OUT + 4), ...get(h), ...store(0),
    ...c(OUT + 8), ...get(unit), ...store(0),
    ...get(pos),
    fin,
  ];

  // scan3: params (pos, row, end) of walk i at 3i, 3i + 1, 3i + 2; locals e 9, and h of walk i at 10 + i.
  const walks = Array.from({ length: WALKS }, (_, i) => ({ pos: 3 * i, row: 3 * i + 1, end: 3 * i + 2, h: 10 + i, hits: HITS + i * HIT_BYTES }));
  const e3 = 9;
  const asciiStep = (w: (typeof walks)[number], exit: number) => [
    ...get(w.pos), ...load8(TEXT), ...load8(CLASSES3),
    ...get(w.row), add, ...c(2), shl, ...load(TABLE), ...set(e3),
    ...get(e3), ...c(0), ltS, brIf, exit,
    ...get(e3), ...c(-2), and, ...set(w.row),
    ...get(w.pos), ...c(1), add, ...set(w.pos),
    ...get(e3), ...c(1), and, ...ifThen,
    ...get(w.h), ...get(w.row), ...store(w.hits),
    ...get(w.h), ...get(w.pos), ...store(w.hits + 4),
    ...get(w.h), ...c(8), add, ...set(w.h),
    ...get(w.h), ...c(HIT_BYTES), geU, brIf, exit + 1,
    fin,
  ];
  const scan3Body = [
    ...block, ...loop,
    ...walks.flatMap((w) => [...get(w.pos), ...get(w.end), geU, brIf, 1]),
    ...walks.flatMap((w) => asciiStep(w, 1)),
    br, 0,
    fin, fin,
    ...walks.flatMap((w, i) => [w.pos, w.row, w.h].flatMap((local, j) => [...c(OUT3 + 12 * i + 4 * j), ...get(local), ...store(0)])),
    ...c(0),
    fin,
  ];
  const scan = [...vec([[...uleb(2), I32]]), ...scanBody];
  const scan3 = [...vec([[...uleb(1 + WALKS), I32]]), ...scan3Body];
  const i32s = (n: number) => vec(Array.from({ length: n }, () => [I32]));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, ...i32s(6), ...vec([[I32]])], [0x60, ...i32s(3 * WALKS), ...vec([[I32]])]])),
    ...section(3, vec([[0], [1]])),
    ...section(5, vec([[0x00, ...uleb(Math.ceil(TABLE / PAGE))]])),
    ...section(7, vec([[...name('scan'), 0x00, 0], [...name('scan3'), 0x00, 1], [...name('memory'), 0x02, 0]])),
    ...section(10, vec([[...uleb(scan.length), ...scan], [...uleb(scan3.length), ...scan3]])),
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
  private readonly run3: (p0: number, r0: number, e0: number, p1: number, r1: number, e1: number, p2: number, r2: number, e2: number) => number;
  private bytes!: Uint8Array;
  private words!: Int32Array;
  private readonly encoder = new TextEncoder();

  /** `stopClass`: a column of the table that is never built, where scan3 stops on a byte outside ASCII. */
  constructor(classOfAscii: Uint8Array, nonAsciiClass: number, stopClass: number) {
    compiled ??= new wasmApi!.Module(kernelModule());
    const instance = new wasmApi!.Instance(compiled, {});
    this.memory = instance.exports['memory'] as WasmMemory;
    this.run = instance.exports['scan'] as WasmStore['run'];
    this.run3 = instance.exports['scan3'] as WasmStore['run3'];
    this.refresh();
    for (let b = 0; b < 256; b++) {
      this.bytes[CLASSES + b] = b < 0x80 ? classOfAscii[b]! : b < 0xc0 ? SKIP : b >= 0xf0 ? FOUR_BYTE : nonAsciiClass;
      this.bytes[CLASSES3 + b] = b < 0x80 ? classOfAscii[b]! : stopClass;
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
   * `split`, a long piece of (mostly) ASCII text is walked as three stretches at once (threeWalks).
   */
  walk(text: string, row: number, nonAscii: number, accept: OnAccept, build: Build, split?: Split): number {
    for (let off = 0; off < text.length; off += TEXT_UNITS) {
      const piece = text.length <= TEXT_UNITS ? text : text.slice(off, off + TEXT_UNITS);
      const { written } = this.encoder.encodeInto(piece, this.bytes.subarray(TEXT, TEXT + 3 * TEXT_UNITS));
      let at: Walk = { pos: 0, row, unit: off, end: written };
      // A character outside ASCII costs a trip to JavaScript there: worth it while they are few.
      if (split && written >= 8 * WALKS * split.reach && written - piece.length <= written >> 6) {
        at = { ...this.threeWalks(written, at, split, nonAscii, accept, build), end: written };
      }
      row = this.single(at, nonAscii, accept, build).row;
    }
    return row;
  }

  /** One walk on to its end, with the kernel that takes any character. */
  private single(at: Walk, nonAscii: number, accept: OnAccept, build: Build): Walk {
    let { pos, row, unit } = at;
    while (pos < at.end) {
      pos = this.run(pos, at.end, row, 0, HIT_BYTES, unit);
      row = this.words[OUT >> 2]!;
      const hitBytes = this.words[(OUT + 4) >> 2]!;
      unit = this.words[(OUT + 8) >> 2]!;
      for (let h = 0; h < hitBytes; h += 8) accept(this.words[(HITS + h) >> 2]!, this.words[(HITS + h + 4) >> 2]!);
      if (pos >= at.end || hitBytes >= HIT_BYTES) continue;
      ({ pos, row, unit } = this.slowStep(pos, row, unit, nonAscii, accept, build));
    }
    return { pos, row, unit, end: at.end };
  }

  /**
   * The character at byte `pos` stepped in JavaScript: one outside ASCII (a four-byte one is two
   * units, each a step), or a transition to build. Returns where the walk goes on.
   */
  private slowStep(pos: number, row: number, unit: number, nonAscii: number, accept: OnAccept, build: Build): { pos: number; row: number; unit: number } {
    const b = this.bytes[TEXT + pos]!;
    const steps = b >= 0xf0 ? 2 : 1;
    const cls = b < 0x80 ? this.bytes[CLASSES + b]! : nonAscii;
    for (let s = 0; s < steps; s++) {
      let e = this.entries[row + cls]!;
      if (e < 0) e = build(row, cls); // may grow or clear the table
      row = e & ~1;
      unit++;
      if (e & 1) accept(row, unit);
    }
    return { pos: pos + (b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2), row, unit };
  }

  /** Whether scan3 would stop before the byte at `pos` from row `row`. */
  private stops(pos: number, row: number): boolean {
    const b = this.bytes[TEXT + pos]!;
    return b >= 0x80 || this.entries[row + this.bytes[CLASSES3 + b]!]! < 0;
  }

  /**
   * The piece from `at` cut into three stretches walked at once. The first walk goes on from `at`;
   * each other starts from the DFA's start state `split.reach` characters before its stretch. A
   * match is at most that long, so every match ending in a stretch starts after its walk began, and
   * its accepts there are all that matter (earlier ones are the previous walk's). Each walk's
   * accepts are held until the walks before it are done, so they arrive in order. A walk counts
   * units from its own start; where its stretch begins in the piece is known once the previous
   * walk has reached it. Building a state could drop the DFA cache, which renumbers states and
   * leaves the other walks' rows meaningless: without room for that, the first walk goes on alone.
   * Returns where a single walk goes on: the end of the piece, or the first walk's place.
   */
  private threeWalks(written: number, at: Walk, split: Split, nonAscii: number, accept: OnAccept, build: Build): Walk {
    const length = Math.ceil((written - at.pos + (WALKS - 1) * split.reach) / WALKS);
    const walks: Walk[] = [{ ...at }];
    const lead = [0]; // per walk, units walked before its own stretch
    for (let i = 1; i < WALKS; i++) {
      const prev = walks[i - 1]!;
      prev.end = this.boundary(Math.min(written, prev.pos + length), written);
      let from = prev.end;
      let units = 0;
      while (units < split.reach && from > prev.pos) {
        const b = this.bytes[TEXT + --from]!;
        if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
      }
      walks.push({ pos: from, row: split.startRow(), unit: 0, end: written });
      lead.push(units);
    }
    const held: number[][] = walks.map(() => []);
    const sinks: OnAccept[] = walks.map((_, i) => (i === 0 ? accept : (row, unit) => void (unit > lead[i]! && held[i]!.push(row, unit))));
    const [w0, w1, w2] = walks as [Walk, Walk, Walk];
    for (;;) {
      this.run3(w0.pos, w0.row, w0.end, w1.pos, w1.row, w1.end, w2.pos, w2.row, w2.end);
      let full = false;
      const words = this.words; // a view of memory as it is now: building states may grow it
      for (let i = 0; i < WALKS; i++) {
        const w = walks[i]!;
        const out = (OUT3 >> 2) + 3 * i;
        const shift = w.unit - w.pos; // ASCII between stops: a unit per byte
        w.pos = words[out]!;
        w.row = words[out + 1]!;
        w.unit = w.pos + shift;
        const hitBytes = words[out + 2]!;
        const hits = (HITS + i * HIT_BYTES) >> 2;
        for (let h = 0; h < hitBytes >> 2; h += 2) sinks[i]!(words[hits + h]!, words[hits + h + 1]! + shift);
        full ||= hitBytes >= HIT_BYTES;
      }
      if (walks.some((w) => w.pos >= w.end)) break;
      if (full) continue;
      // A walk stopped, at a character outside ASCII or a transition to build.
      if (!split.room(2)) return walks[0]!;
      const i = walks.findIndex((w) => this.stops(w.pos, w.row));
      const w = walks[i]!;
      ({ pos: w.pos, row: w.row, unit: w.unit } = this.slowStep(w.pos, w.row, w.unit, nonAscii, sinks[i]!, build));
    }
    // Each walk finishes its stretch alone, in order; a later walk's units are placed from where its
    // stretch begins. A character is at most one new state: with room for them all, no cache drop.
    if (!split.room(walks.reduce((n, w) => n + w.end - w.pos, 2))) return walks[0]!;
    let done = this.single(walks[0]!, nonAscii, accept, build);
    for (let i = 1; i < WALKS; i++) {
      const w = walks[i]!;
      const begins = done.unit;
      const base = begins - lead[i]!;
      const list = held[i]!;
      for (let h = 0; h < list.length; h += 2) accept(list[h]!, base + list[h + 1]!);
      done = this.single({ pos: w.pos, row: w.row, unit: base + w.unit, end: w.end }, nonAscii, (row, unit) => unit > begins && accept(row, unit), build);
    }
    return done;
  }

  /** The first character boundary at or after byte `byte` of the piece encoded in `written` bytes. */
  private boundary(byte: number, written: number): number {
    while (byte < written && (this.bytes[TEXT + byte]! & 0xc0) === 0x80) byte++;
    return byte;
  }
}

/** A walk over the encoded piece: byte position, row, UTF-16 units, and the byte where it stops. */
interface Walk {
  pos: number;
  row: number;
  unit: number;
  end: number;
}

/** What a multi-stretch walk needs: the DFA's start state, the longest a match can be (UTF-16 units, with margin), and the cache's state. */
export interface Split {
  /** Read when needed: a dropped cache renumbers states. */
  startRow: () => number;
  reach: number;
  /** Whether `n` more states fit in the cache before it is dropped. */
  room: (n: number) => boolean;
}
