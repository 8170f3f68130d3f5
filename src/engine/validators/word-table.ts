/**
 * A list of words given as one space-separated string, looked up in place: an open-addressing
 * hash table of entry numbers over the string, instead of a Set or Map holding a string per word.
 * The name tables' 114 k words take about a fifth of the memory this way, and are ready in one pass
 * over the string (docs/performance.md, Memory).
 *
 * Its entries are what `list.split(' ')` gives, numbered in order; a word listed twice is found
 * as its last entry (as a Map set entry by entry keeps the last).
 */
export class WordTable {
  /** Entry k is list[starts[k], starts[k + 1] - 1). */
  private readonly starts: Int32Array;
  /** Entry number + 1 per slot; 0 is an empty slot. At most half full. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly list: string) {
    let count = 1;
    for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === SPACE) count++;
    const starts = new Int32Array(count + 1);
    for (let i = 0, k = 1; i < list.length; i++) if (list.charCodeAt(i) === SPACE) starts[k++] = i + 1;
    starts[count] = list.length + 1;
    this.starts = starts;
    let size = 2;
    while (size < 2 * count) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < count; k++) {
      const from = starts[k]!;
      const to = starts[k + 1]! - 1;
      let slot = hash(list, from, to) & this.mask;
      for (;;) {
        const held = this.slots[slot]!;
        if (held === 0 || this.entryIs(held - 1, list, from, to)) {
          this.slots[slot] = k + 1;
          break;
        }
        slot = (slot + 1) & this.mask;
      }
    }
  }

  /** The number of the entry that is `word` (its place in the list), or -1. */
  indexOf(word: string): number {
    let slot = hash(word, 0, word.length) & this.mask;
    for (;;) {
      const held = this.slots[slot]!;
      if (held === 0) return -1;
      if (this.entryIs(held - 1, word, 0, word.length)) return held - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  has(word: string): boolean {
    return this.indexOf(word) >= 0;
  }

  /** As a Map from each word to its entry number. */
  get(word: string): number | undefined {
    const k = this.indexOf(word);
    return k < 0 ? undefined : k;
  }

  /** Whether entry `k` is `s[from, to)`. */
  private entryIs(k: number, s: string, from: number, to: number): boolean {
    const start = this.starts[k]!;
    if (this.starts[k + 1]! - 1 - start !== to - from) return false;
    for (let i = 0; i < to - from; i++) if (this.list.charCodeAt(start + i) !== s.charCodeAt(from + i)) return false;
    return true;
  }
}

const SPACE = 0x20;

/** FNV-1a over UTF-16 units, its bits then mixed (a product's low bits see only the low bits before it; slots are chosen by the low bits). */
function hash(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
