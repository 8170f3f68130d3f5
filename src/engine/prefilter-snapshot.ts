/**
 * A prefilter as the build saves it and a scan restores it (scripts/snapshot-rules.mjs): what its
 * patterns decide (the NFA, the character classes, the entry closures), which takes a fresh
 * process 15–20 ms to work out and 3–5 ms to read back. A record serves only the patterns it was
 * made from (`key`), and only this code's layout (`FORMAT`): anything else is built as usual.
 *
 * DFA states are not saved: states warmed on sample text made the table several times larger than
 * a scan's own, and its walk slower by more than the states saved (measured on 20 MB).
 */

/** Bumped whenever the layout, or what the prefilter keeps, changes. */
const FORMAT = 2;

export interface PrefilterParts {
  /** The patterns and settings it was built for (Prefilter.keyOf). */
  key: string;
  covers: boolean[];
  alphabets: (Uint8Array | undefined)[];
  reach: number;
  /** Guard state → pattern. */
  guards: Map<number, number>;
  asciiClass: Uint8Array;
  classCount: number;
  /** Per NFA state: where its character transition goes, the pattern it accepts (-1 none), its ε moves. */
  out: ArrayLike<number>;
  accept: ArrayLike<number>;
  eps: ArrayLike<number>[];
  /** Per NFA state, whether it consumes each class (undefined: ε only); states share rows. */
  consumes: (Uint8Array | undefined)[];
  entryAfter: Int32Array[];
  entryAtStart: Int32Array;
}

export function writeSnapshot(p: PrefilterParts): Int32Array {
  const out: number[] = [FORMAT];
  const ints = (a: ArrayLike<number>) => {
    out.push(a.length);
    for (let i = 0; i < a.length; i++) out.push(a[i]!);
  };
  const lists = (a: readonly ArrayLike<number>[]) => {
    out.push(a.length);
    a.forEach(ints);
  };
  ints(Array.from(p.key, (c) => c.charCodeAt(0)));
  ints(p.covers.map(Number));
  lists(p.alphabets.map((a) => a ?? []));
  out.push(p.reach, p.classCount);
  ints([...p.guards].flat());
  ints(p.asciiClass);
  ints(p.out);
  ints(p.accept);
  lists(p.eps);
  const rows = [...new Set(p.consumes.filter((r): r is Uint8Array => r !== undefined))];
  lists(rows);
  ints(p.consumes.map((r) => (r ? rows.indexOf(r) : -1)));
  lists(p.entryAfter);
  ints(p.entryAtStart);
  return Int32Array.from(out);
}

/** The parts a record holds, or undefined when it is of another format. */
export function readSnapshot(data: Int32Array): PrefilterParts | undefined {
  if (data[0] !== FORMAT) return undefined;
  let at = 1;
  const int = () => data[at++]!;
  const ints = () => {
    const n = int();
    return data.subarray(at, (at += n));
  };
  const lists = () => Array.from({ length: int() }, ints);
  const codes = ints();
  let key = '';
  for (let i = 0; i < codes.length; i += 4096) key += String.fromCharCode(...codes.subarray(i, i + 4096));
  const covers = Array.from(ints(), Boolean);
  const alphabets = lists().map((a) => (a.length > 0 ? Uint8Array.from(a) : undefined));
  const reach = int();
  const classCount = int();
  const pairs = ints();
  const guards = new Map<number, number>();
  for (let i = 0; i < pairs.length; i += 2) guards.set(pairs[i]!, pairs[i + 1]!);
  const asciiClass = Uint8Array.from(ints());
  const out = ints();
  const accept = ints();
  const eps = lists();
  const rows = lists().map((r) => Uint8Array.from(r));
  const consumes = Array.from(ints(), (r) => (r >= 0 ? rows[r] : undefined));
  const entryAfter = lists();
  const entryAtStart = ints();
  return { key, covers, alphabets, reach, guards, asciiClass, classCount, out, accept, eps, consumes, entryAfter, entryAtStart };
}
