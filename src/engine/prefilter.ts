/**
 * One pass over the text that tells, for every pattern at once, where a match could end.
 *
 * Each pattern is loosened into a plain regular language that contains every string the pattern
 * can match: look-arounds and anchors are dropped, a back-reference may repeat its group or
 * nothing, and a long bounded repetition keeps its minimum but loses its maximum. What the edges
 * say about single characters is kept: a leading `(?<![\w.])` or `^` decides after which
 * characters the pattern may start, a trailing `(?![\w-])` or `$` which character may follow its
 * end. The union of those languages runs as a lazily built DFA over character classes, one table
 * step per character (dfa-kernel.ts), so the cost no longer grows with the number of rules. Where
 * the DFA accepts for a pattern, the real pattern runs over the few characters a match ending
 * there could span (the scanner's searchPrefiltered).
 *
 * Sound by construction: a real match is a string of its pattern's loosened language, met at an
 * allowed start and end, so the DFA accepts at its end. A pattern whose loosened form would be
 * too large to build simply scans all text instead. Tests compare both ways on the same inputs.
 */
import { parseRegex, type CharSet, type RegexNode } from './regex-ast.js';
import { ArrayStore, WasmStore, type TableStore } from './dfa-kernel.js';
import { regexShape } from './regex-shape.js';
import type { PrefilterParts } from './prefilter-snapshot.js';

/** Matches at most this long are searched from `maxLength` back, without narrowing (see earliestStart). */
const SHORT_MATCH = 64;
/** Repetitions are unrolled up to this many copies, then loop: keeps `\d{9}` exact, the DFA small. */
const UNROLL_CHARS = 16;
const UNROLL_GROUPS = 3;
/**
 * Texts shorter than this are walked by the JavaScript loop over the same table: copying a short
 * text into WebAssembly memory and calling in costs more than the walk (document cells, fields).
 */
const WASM_MIN_TEXT = 128;
/** NFA states one pattern may add; larger patterns scan all text. */
const MAX_PATTERN_STATES = 4000;
/** Cached DFA states before the cache is dropped and rebuilt as text needs it (as RE2 does). */
const MAX_DFA_STATES = 8000;
/**
 * Text per cached state between two cache drops below which the DFA is thrashing: rules whose
 * loosened union needs more states than the cache holds. Building states costs far more than
 * the prefilter saves, so it gives up (`gaveUp`) and scanners go back to the full scan.
 */
const THRASH_TEXT_PER_STATE = 32;

interface NfaState {
  /** Character transition: the set it consumes and where it goes; undefined for ε-only states. */
  set?: CharSet;
  out: number;
  eps: number[];
  /** Pattern index accepted here, or -1. */
  accept: number;
}

/** A pattern the prefilter leaves to the full scan: too large, or back-references that refer in a circle. */
class Unsupported extends Error {}

class NfaBuilder {
  readonly states: NfaState[] = [];
  private budget = 0;
  private groups = new Map<number, RegexNode>();
  /** Groups being copied for a back-reference, to catch one that reaches itself. */
  private readonly copying = new Set<number>();

  /** Guard states: the character after a match, which must not be one the pattern refuses there. */
  readonly guards = new Map<number, number>();

  add(node: RegexNode, pattern: number): number | undefined {
    const mark = this.states.length;
    this.budget = mark + MAX_PATTERN_STATES;
    this.groups = new Map();
    collectGroups(node, this.groups);
    try {
      let end = this.state({ out: -1, eps: [], accept: pattern });
      const refused = refusedAfter(node);
      if (refused) {
        end = this.state({ set: { ascii: refused.ascii.map((r) => 1 - r), nonAscii: true }, out: end, eps: [], accept: -1 });
        this.guards.set(end, pattern);
      }
      return this.build(node, end);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      this.states.length = mark;
      for (const g of this.guards.keys()) if (g >= mark) this.guards.delete(g);
      return undefined;
    }
  }

  private state(s: NfaState): number {
    if (this.states.length >= this.budget) throw new Unsupported();
    return this.states.push(s) - 1;
  }

  /** States for `node` followed by `next`; returns the entry state. */
  private build(node: RegexNode, next: number): number {
    switch (node.type) {
      case 'char':
        return this.state({ set: node.set, out: next, eps: [], accept: -1 });
      case 'edge':
      case 'look':
        return next;
      case 'group':
        return this.build(node.node, next);
      case 'seq': {
        let entry = next;
        for (let i = node.items.length - 1; i >= 0; i--) entry = this.build(node.items[i]!, entry);
        return entry;
      }
      case 'alt':
        return this.state({ out: -1, eps: node.options.map((o) => this.build(o, next)), accept: -1 });
      case 'backref': {
        const group = node.group === undefined ? undefined : this.groups.get(node.group);
        // The same text as the group matched, or nothing when it did not take part.
        if (group === undefined) return next;
        if (this.copying.has(node.group!)) throw new Unsupported();
        this.copying.add(node.group!);
        try {
          return this.state({ out: -1, eps: [this.build(group, next), next], accept: -1 });
        } finally {
          this.copying.delete(node.group!);
        }
      }
      case 'repeat': {
        const cap = node.node.type === 'char' ? UNROLL_CHARS : UNROLL_GROUPS;
        const copies = Math.min(node.min, cap);
        let entry = next;
        if (node.max > copies) {
          const loop = this.state({ out: -1, eps: [], accept: -1 });
          this.states[loop]!.eps.push(this.build(node.node, loop), next);
          entry = loop;
        }
        for (let i = 0; i < copies; i++) entry = this.build(node.node, entry);
        return entry;
      }
    }
  }
}

function collectGroups(node: RegexNode, into: Map<number, RegexNode>): void {
  switch (node.type) {
    case 'group':
      if (node.capture !== undefined) into.set(node.capture, node.node);
      collectGroups(node.node, into);
      return;
    case 'seq':
      node.items.forEach((n) => collectGroups(n, into));
      return;
    case 'alt':
      node.options.forEach((n) => collectGroups(n, into));
      return;
    case 'repeat':
    case 'look':
      collectGroups(node.node, into);
      return;
    default:
      return;
  }
}

/** In an alphabet: the character may be part of a match. */
const MEMBER = 1;
/** In an alphabet: a match may start with the character. */
const STARTS = 2;

/**
 * Every character a match of `tree` can consume (look-arounds consume none), each marked too when
 * a match can start with it; undefined when that is nearly anything.
 */
function alphabetOf(tree: RegexNode): Uint8Array | undefined {
  const member = new Uint8Array(129); // ASCII codes, and 128 for any other character
  const visit = (node: RegexNode): void => {
    switch (node.type) {
      case 'char':
        for (let c = 0; c < 128; c++) if (node.set.ascii[c]) member[c] = MEMBER;
        if (node.set.nonAscii) member[128] = MEMBER;
        return;
      case 'seq':
        return node.items.forEach(visit);
      case 'alt':
        return node.options.forEach(visit);
      case 'repeat':
      case 'group':
        return visit(node.node);
      default:
        return; // look-arounds, anchors, back-references (their group's characters are counted there)
    }
  };
  visit(tree);
  let count = 0;
  for (let c = 0; c < 128; c++) count += member[c]!;
  if (count >= 96) return undefined;
  // A pattern that can match nothing at all starts anywhere.
  if (markStarts(tree, member)) startsAnywhere(member);
  return member;
}

function startsAnywhere(member: Uint8Array): void {
  for (let c = 0; c < member.length; c++) if (member[c]) member[c]! |= STARTS;
}

/** Marks the characters a match of `node` can start with; whether it can match nothing at all. */
function markStarts(node: RegexNode, member: Uint8Array): boolean {
  switch (node.type) {
    case 'char':
      for (let c = 0; c < 128; c++) if (node.set.ascii[c]) member[c]! |= STARTS;
      if (node.set.nonAscii) member[128]! |= STARTS;
      return false;
    case 'seq':
      for (const item of node.items) if (!markStarts(item, member)) return false;
      return true;
    case 'alt': {
      let empty = false;
      for (const o of node.options) if (markStarts(o, member)) empty = true;
      return empty;
    }
    case 'repeat':
      return markStarts(node.node, member) || node.min === 0;
    case 'group':
      return markStarts(node.node, member);
    case 'backref':
      // The text a group matched, maybe inside a look-ahead: any character may come first.
      startsAnywhere(member);
      return true;
    default:
      return true; // look-arounds and anchors consume nothing
  }
}

export interface PrefilterPattern {
  source: string;
  ignoreCase: boolean;
  /** The pattern's longest match (RegexShape.maxLength), when the caller has it already. */
  maxLength?: number;
}

/** The DFA's position between chunks of one text. */
export interface PrefilterCursor {
  state: number;
  /** The cache generation `state` belongs to, and its NFA states, to re-enter after a cache drop. */
  generation: number;
  nfa: Int32Array;
}

/**
 * Characters after which a pattern cannot start: the single characters its leading negative
 * look-behind refuses (`(?<![\w.])`), or anything but a line break before a leading `^`.
 * Only sure refusals count; everything else is left for the real pattern to decide.
 */
function refusedBefore(tree: RegexNode): CharSet {
  return refusedAtEdge(tree.type === 'seq' ? tree.items : [tree], '^', true);
}

/** Characters that cannot follow a match (trailing `(?![\w-])` or `$`), or undefined if none. */
function refusedAfter(tree: RegexNode): CharSet | undefined {
  const refused = refusedAtEdge((tree.type === 'seq' ? tree.items : [tree]).slice().reverse(), '$', false);
  return refused.ascii.some(Boolean) ? refused : undefined;
}

/** Walks the zero-width items at one end of a pattern, from the outside in. */
function refusedAtEdge(items: readonly RegexNode[], anchor: '^' | '$', behind: boolean): CharSet {
  const refused: CharSet = { ascii: new Uint8Array(128), nonAscii: false };
  for (const item of items) {
    if (item.type === 'edge' && item.kind === anchor) {
      for (let c = 0; c < 128; c++) if (c !== 10 && c !== 13) refused.ascii[c] = 1;
    } else if (item.type === 'look' && item.behind === behind && item.negate) {
      const options = item.node.type === 'alt' ? item.node.options : [item.node];
      for (const option of options) {
        const set = singleChar(option);
        if (set) for (let c = 0; c < 128; c++) refused.ascii[c] ||= set.ascii[c]!;
      }
    } else if (item.type !== 'edge' && item.type !== 'look') break;
  }
  return refused;
}

/** The set of an alternative that matches one character when its optional parts are empty. */
function singleChar(node: RegexNode): CharSet | undefined {
  const items = node.type === 'seq' ? node.items : [node];
  let only: CharSet | undefined;
  for (const item of items) {
    if (item.type === 'repeat' && item.min === 0) continue;
    if (item.type !== 'char' || only) return undefined;
    only = item.set;
  }
  return only;
}

/**
 * Splits ASCII into classes of characters that every set either holds all of or none of; writes
 * each character's class into `classOf` and returns the class count. One refinement pass per set
 * (each class splits into its members and the rest), not a string signature per character over
 * every set: this runs at every start. Each pass numbers classes in order of their first
 * character, so the numbering does not depend on the order of the sets.
 */
function partitionAscii(sets: Iterable<CharSet>, classOf: Uint8Array): number {
  classOf.fill(0); // one class to begin with
  let count = 1;
  const split = new Int16Array(2 * 128);
  for (const set of sets) {
    split.fill(-1, 0, 2 * count);
    let next = 0;
    for (let c = 0; c < 128; c++) {
      const key = 2 * classOf[c]! + set.ascii[c]!;
      if (split[key] === -1) split[key] = next++;
      classOf[c] = split[key]!;
    }
    count = next;
  }
  return count;
}

/** An accept callback that ends the walk at the first accepting step. */
const STOP = (): boolean => true;

function sameStates(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Prefilter {
  /** Which patterns the DFA watches; the rest scan all text. */
  readonly covers: boolean[];
  /** Whether its automaton came from a saved record rather than being worked out. */
  readonly restored: boolean;
  /** Whether it watches every pattern: then text where it sees no possible match has no match at all. */
  readonly coversAll: boolean;
  /** The patterns it does not watch (they search all text). */
  readonly unwatched: number[];
  /** Per pattern, the characters its matches are made of (see earliestStart). */
  private readonly alphabets: (Uint8Array | undefined)[] = [];
  /** The longest match of any watched pattern, plus the characters either side its edges read. */
  private readonly reach: number;
  private readonly nfa: NfaState[];
  /** Guard state → pattern; such a pattern's accept comes one character after the match ends. */
  private readonly guards: Map<number, number>;
  private readonly delay: Uint8Array;
  /** Character class of each ASCII code; every other character is class `nonAsciiClass`. */
  private readonly asciiClass: Uint8Array;
  private readonly nonAsciiClass: number;
  private readonly classCount: number;
  /** Table entries per DFA state. */
  private readonly stride: number;
  /** Per NFA state with a character transition, whether it consumes each class. */
  private readonly consumes: (Uint8Array | undefined)[];
  /** Closure of the pattern entries allowed after a character of each class, and at the very start. */
  private readonly entryAfter: Int32Array[];
  private readonly entryAtStart: Int32Array;

  private generation = 0;
  /** Set once the cache thrashes: scanners stop using this prefilter (results are the same). */
  gaveUp = false;
  /** Text walked so far, and when the cache was last dropped. */
  private walked = 0;
  private droppedAt = 0;
  /** DFA states by a hash of their NFA state sets (collisions share a bucket). */
  private keys = new Map<number, number[]>();
  private sets: Int32Array[] = [];
  private accepts: Int32Array[] = [];
  /** Per DFA state, the patterns with a match waiting only for its next character (see finish). */
  private waiting: Int32Array[] = [];
  /** The transition table: entries are a state's row offset (state × stride, even), bit 0 set when it accepts; -1 unknown. */
  private readonly store: TableStore;
  private startState = 0;
  /** Scratch for ε-closures: a stamp per NFA state instead of a Set per step. */
  private readonly stamp: Uint32Array;
  private stampNow = 0;
  /** Scratch for closures: each NFA state at most once. */
  private readonly scratch: Int32Array;

  constructor(
    patterns: readonly PrefilterPattern[],
    private readonly maxStates = MAX_DFA_STATES,
    /** `js` runs the JavaScript loop even where WebAssembly is available (tests compare the two). */
    kernel: 'wasm' | 'js' = 'wasm',
    /** What the build saved (prefilter-snapshot.ts): used when it was made for these very patterns. */
    saved?: PrefilterParts,
  ) {
    const restored = saved?.key === Prefilter.keyOf(patterns) ? saved : undefined;
    this.restored = restored !== undefined;
    const entries: { state: number; refused: CharSet }[] = [];
    if (restored) {
      this.covers = restored.covers;
      this.alphabets = restored.alphabets;
      this.reach = restored.reach;
      this.nfa = Array.from(restored.out, (out, q) => ({ out, eps: Array.from(restored.eps[q]!), accept: restored.accept[q]! }));
      this.guards = restored.guards;
      this.asciiClass = restored.asciiClass;
      this.classCount = restored.classCount;
      this.nonAsciiClass = this.classCount - 1;
      this.consumes = restored.consumes;
    } else {
      const builder = new NfaBuilder();
      let longest = 0;
      this.covers = patterns.map((p, i) => {
        const tree = parseRegex(p.source, p.ignoreCase);
        const maxLength = p.maxLength ?? regexShape(p.source).maxLength;
        // Walking back over a short pattern's characters costs more than searching its few characters.
        this.alphabets.push(maxLength > SHORT_MATCH ? alphabetOf(tree) : undefined);
        const state = builder.add(tree, i);
        if (state !== undefined) entries.push({ state, refused: refusedBefore(tree) });
        if (state !== undefined) longest = Math.max(longest, maxLength);
        return state !== undefined;
      });
      this.reach = longest + 2;
      this.nfa = builder.states;
      this.guards = builder.guards;
      this.asciiClass = new Uint8Array(128);
      // Characters no pattern (and no start condition) tells apart share a class.
      const charSets = new Set([...this.nfa.filter((s) => s.set).map((s) => s.set!), ...entries.map((e) => e.refused)]);
      this.classCount = partitionAscii(charSets, this.asciiClass) + 1;
      this.nonAsciiClass = this.classCount - 1;
      // One row per distinct row: unrolled repetitions share their node's set, and the letters of
      // literals (a list of names) are thousands of sets with a few hundred rows among them.
      const bySet = new Map<CharSet, Uint8Array>();
      const byContent = new Map<string, Uint8Array>();
      this.consumes = this.nfa.map((s) => {
        if (!s.set) return undefined;
        let row = bySet.get(s.set);
        if (!row) {
          const made = this.classRow(s.set);
          const key = made.join('');
          row = byContent.get(key) ?? made;
          byContent.set(key, row);
          bySet.set(s.set, row);
        }
        return row;
      });
    }
    this.coversAll = this.covers.every(Boolean);
    this.unwatched = this.covers.flatMap((watched, p) => (watched ? [] : [p]));
    this.delay = new Uint8Array(patterns.length);
    for (const p of this.guards.values()) this.delay[p] = 1;
    this.stamp = new Uint32Array(this.nfa.length);
    this.scratch = new Int32Array(this.nfa.length);
    // One column more, never built: the WebAssembly kernel stops there on a byte outside ASCII. Even,
    // so bit 0 of a row offset is free.
    this.stride = this.classCount + 1 + ((this.classCount + 1) % 2);
    this.store = kernel === 'wasm' && WasmStore.available() ? new WasmStore(this.asciiClass, this.nonAsciiClass, this.classCount) : new ArrayStore();
    if (restored) {
      this.entryAfter = restored.entryAfter;
      this.entryAtStart = restored.entryAtStart;
    } else {
      const refused = entries.map((e) => this.classRow(e.refused));
      this.entryAfter = [];
      for (let k = 0; k < this.classCount; k++) {
        this.entryAfter.push(this.closure(entries.filter((_, i) => !refused[i]![k]).map((e) => e.state)));
      }
      this.entryAtStart = this.closure(entries.map((e) => e.state));
    }
    this.reset();
  }

  /** What decides a prefilter's automaton: its patterns (a saved one serves only these). */
  static keyOf(patterns: readonly PrefilterPattern[]): string {
    return patterns.map((p) => `${p.ignoreCase ? 'i' : '-'}${p.maxLength ?? ''} ${p.source}`).join('\n');
  }

  /** What the patterns decided, for the build to save (prefilter-snapshot.ts). */
  parts(patterns: readonly PrefilterPattern[]): PrefilterParts {
    return {
      key: Prefilter.keyOf(patterns),
      covers: this.covers,
      alphabets: this.alphabets,
      reach: this.reach,
      guards: this.guards,
      asciiClass: this.asciiClass,
      classCount: this.classCount,
      out: this.nfa.map((s) => s.out),
      accept: this.nfa.map((s) => s.accept),
      eps: this.nfa.map((s) => s.eps),
      consumes: this.consumes,
      entryAfter: this.entryAfter,
      entryAtStart: this.entryAtStart,
    };
  }

  newCursor(): PrefilterCursor {
    return { state: this.startState, generation: this.generation, nfa: this.sets[this.startState]! };
  }

  /**
   * Run the DFA over `text`, whose first character is at absolute index `absStart`, appending a
   * (pattern, end) pair to `hits` wherever a loosened match ends. The cursor carries the state
   * to the next chunk.
   */
  scan(text: string, absStart: number, cursor: PrefilterCursor, hits: number[]): void {
    if (cursor.generation !== this.generation) this.restore(cursor);
    const stride = this.stride;
    const accept = (row: number, end: number) => {
      const acc = this.accepts[row / stride]!;
      for (let j = 0; j < acc.length; j++) hits.push(acc[j]!, absStart + end - this.delay[acc[j]!]!);
    };
    const build = (row: number, cls: number) => this.step(row / stride, cls);
    const split = Number.isFinite(this.reach)
      ? {
          startRow: () => this.startState * stride,
          reach: this.reach,
          room: (n: number) => this.sets.length + n < this.maxStates,
        }
      : undefined;
    const row =
      this.store instanceof WasmStore && text.length >= WASM_MIN_TEXT
        ? this.store.walk(text, cursor.state * stride, this.nonAsciiClass, accept, build, split)
        : this.walk(text, cursor.state * stride, accept, build);
    cursor.state = row / stride;
    cursor.generation = this.generation;
    cursor.nfa = this.sets[cursor.state]!;
    this.walked += text.length;
  }

  /**
   * Whether a watched pattern may match somewhere in `text` taken alone. False means none can: the
   * DFA accepts at the end of every match.
   */
  mayMatch(text: string): boolean {
    const stride = this.stride;
    this.walked += text.length;
    const row = this.walk(text, this.startState * stride, STOP, (r, k) => this.step(r / stride, k));
    return row < 0 || this.waiting[row / stride]!.length > 0;
  }

  /**
   * The same walk in JavaScript, a character (UTF-16 unit) a step. Returns the row reached, or -1
   * when `accept` returned true (enough seen).
   */
  private walk(text: string, row: number, accept: (row: number, end: number) => boolean | void, build: (row: number, cls: number) => number): number {
    const ascii = this.asciiClass;
    const other = this.nonAsciiClass;
    let table = this.store.entries;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const k = c < 128 ? ascii[c]! : other;
      let e = table[row + k]!;
      if (e < 0) {
        e = build(row, k); // an entry of the table as it is now, even if building dropped the cache
        table = this.store.entries; // building may grow the table or drop the cache
      }
      row = e & ~1;
      if (e & 1 && accept(row, i + 1) === true) return -1;
    }
    return row;
  }

  /**
   * The earliest start, not before `from`, of a match of pattern `p` that ends at `end` in `text`:
   * a match consists only of characters of its pattern, so it cannot reach back past one that is not,
   * and it starts at a character a match can start with. An e-mail address ends at the `@`'s domain
   * but starts at most a word or so earlier, not 400 characters; a name in running text starts at a
   * capital, not at the lower-case prose before it. `end` when no match can end there.
   */
  earliestStart(p: number, text: string, from: number, end: number): number {
    const member = this.alphabets[p];
    if (!member) return from;
    let s = end;
    let start = end;
    while (s > from) {
      const c = text.charCodeAt(s - 1);
      const m = member[c < 128 ? c : 128]!;
      if (!m) break;
      s--;
      if (m & STARTS) start = s;
    }
    return start;
  }

  /** At the end of the text, a match waiting for its next character to be checked has none: it ends here. */
  finish(cursor: PrefilterCursor, absEnd: number, hits: number[]): void {
    if (cursor.generation !== this.generation) this.restore(cursor);
    for (const p of this.waiting[cursor.state]!) hits.push(p, absEnd);
  }

  private classRow(set: CharSet): Uint8Array {
    const row = new Uint8Array(this.classCount);
    for (let c = 0; c < 128; c++) if (set.ascii[c]) row[this.asciiClass[c]!] = 1;
    row[this.nonAsciiClass] = set.nonAscii ? 1 : 0;
    return row;
  }

  private reset(): void {
    this.generation++;
    this.keys = new Map();
    this.sets = [];
    this.accepts = [];
    this.waiting = [];
    this.store.clear();
    this.store.reserve(256 * this.stride);
    this.startState = this.intern(this.entryAtStart);
  }

  /** After a cache drop, a cursor from before it re-enters through its NFA state set. */
  private restore(cursor: PrefilterCursor): void {
    cursor.state = this.intern(cursor.nfa);
    cursor.generation = this.generation;
  }

  /**
   * ε-closure of `from` (plus `also`, already closed), keeping states that consume or accept,
   * sorted. Built in a scratch array and sorted as a typed array (a numeric sort without a
   * comparator call per pair): building states is the prefilter's start-up cost.
   */
  private closure(from: readonly number[], also: ArrayLike<number> = []): Int32Array {
    const now = ++this.stampNow;
    const out = this.scratch;
    let n = 0;
    for (let i = 0; i < also.length; i++) {
      this.stamp[also[i]!] = now;
      out[n++] = also[i]!;
    }
    const stack = from.slice();
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.stamp[s] === now) continue;
      this.stamp[s] = now;
      const st = this.nfa[s]!;
      if (this.consumes[s] || st.accept >= 0) out[n++] = s;
      for (const e of st.eps) stack.push(e);
    }
    return out.slice(0, n).sort();
  }

  private intern(states: Int32Array): number {
    let key = 0x811c9dc5;
    for (let i = 0; i < states.length; i++) key = Math.imul(key ^ states[i]!, 0x01000193);
    const bucket = this.keys.get(key);
    if (bucket) {
      for (const id of bucket) if (sameStates(this.sets[id]!, states)) return id;
    }
    const id = this.sets.length;
    this.store.reserve((id + 1) * this.stride);
    if (bucket) bucket.push(id);
    else this.keys.set(key, [id]);
    this.sets.push(states);
    const accepts = new Set<number>();
    const waiting: number[] = [];
    for (const s of states) {
      if (this.nfa[s]!.accept >= 0) accepts.add(this.nfa[s]!.accept);
      const guarded = this.guards.get(s);
      if (guarded !== undefined) waiting.push(guarded);
    }
    this.accepts.push(Int32Array.from(accepts));
    this.waiting.push(Int32Array.from(waiting));
    return id;
  }

  /** Build the transition of DFA state `s` on class `k` (entries allowed after `k` join); returns its table entry. */
  private step(s: number, k: number): number {
    const generation = this.generation;
    const targets: number[] = [];
    for (const q of this.sets[s]!) {
      if (this.consumes[q]?.[k]) targets.push(this.nfa[q]!.out);
    }
    const closed = this.closure(targets, this.entryAfter[k]!);
    if (this.sets.length >= this.maxStates) {
      if (this.walked - this.droppedAt < this.maxStates * THRASH_TEXT_PER_STATE) this.gaveUp = true;
      this.droppedAt = this.walked;
      this.reset();
    }
    const t = this.intern(closed);
    const entry = t * this.stride + (this.accepts[t]!.length > 0 ? 1 : 0);
    if (this.generation === generation) this.store.entries[s * this.stride + k] = entry;
    return entry;
  }
}
