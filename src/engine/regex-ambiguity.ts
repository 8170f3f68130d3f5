/**
 * Static check for catastrophic backtracking, on the tree regex-ast.ts parses. A backtracking
 * engine that fails to match tries every way the pattern can split the text; the number of ways
 * explodes when a repetition repeats something that can match the same text in more than one way:
 *
 *   - nested repetition that can trade characters: `(a{1,20}){1,20}`, `(\w{1,9}\s?){1,9}` — an
 *     inner variable-count repetition whose characters may also start what follows it in the loop;
 *   - an alternation whose branches overlap (one can match what another matches, or a prefix of
 *     it): `(?:a|ab|b){1,40}`, `(a|a)*`, `(\w|\d)+`;
 *   - adjacent variable-count repetitions of overlapping characters: `\d{1,40}\d{1,40}x`.
 *
 * Each construct contributes a factor (how many ways it can match one text); a repetition raises
 * the ambiguity of its body to the number of times it may repeat, and a sequence multiplies. A
 * pattern whose estimate exceeds MAX_WAYS is refused, naming the construct with the largest factor.
 * Bounds count: `(?:[-. ]?\d{1,4}){2,5}` can split a run of digits about 4^5 ways, which is fine.
 * Character sets are over-approximated (regex-ast.ts), so the estimate errs on the side of refusing.
 * Pure.
 */
import { parseRegex, type CharSet, type RegexNode } from './regex-ast.js';

/** Ways one match attempt may split the text before the estimate counts as catastrophic. */
export const MAX_WAYS = 10_000;

export type AmbiguityKind = 'nested' | 'alternation' | 'adjacent';

export interface Ambiguity {
  kind: AmbiguityKind;
  /** The offending part of the pattern, as written. */
  part: string;
  /** Estimated ways one attempt can split a text (Infinity for an unbounded repetition). */
  ways: number;
}

const EMPTY: CharSet = { ascii: new Uint8Array(128), nonAscii: false };
const ANY: CharSet = { ascii: new Uint8Array(128).fill(1), nonAscii: true };

function union(a: CharSet, b: CharSet): CharSet {
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = a.ascii[c]! | b.ascii[c]!;
  return { ascii, nonAscii: a.nonAscii || b.nonAscii };
}

function intersects(a: CharSet, b: CharSet): boolean {
  if (a.nonAscii && b.nonAscii) return true;
  for (let c = 0; c < 128; c++) if (a.ascii[c] && b.ascii[c]) return true;
  return false;
}

function nullable(n: RegexNode): boolean {
  switch (n.type) {
    case 'char':
      return false;
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.options.some(nullable);
    case 'repeat':
      return n.min === 0 || nullable(n.node);
    case 'group':
      return nullable(n.node);
    default:
      return true; // look-arounds, edges; a back-reference may be empty
  }
}

/** Characters a match of `n` may start with. */
function first(n: RegexNode): CharSet {
  switch (n.type) {
    case 'char':
      return n.set;
    case 'seq': {
      let out = EMPTY;
      for (const item of n.items) {
        out = union(out, first(item));
        if (!nullable(item)) break;
      }
      return out;
    }
    case 'alt':
      return n.options.map(first).reduce(union, EMPTY);
    case 'repeat':
      return n.max > 0 ? first(n.node) : EMPTY;
    case 'group':
      return first(n.node);
    case 'backref':
      return ANY;
    default:
      return EMPTY;
  }
}

function consumes(n: RegexNode): boolean {
  switch (n.type) {
    case 'char':
    case 'backref':
      return true;
    case 'seq':
      return n.items.some(consumes);
    case 'alt':
      return n.options.some(consumes);
    case 'repeat':
      return n.max > 0 && consumes(n.node);
    case 'group':
      return consumes(n.node);
    default:
      return false;
  }
}

/** How many different counts a repetition may stop at. */
const choices = (n: { min: number; max: number }): number => n.max - n.min + 1;

/**
 * The first characters of a branch, position by position, as far as they are fixed; `open` when
 * the branch may go on (or differ) after them.
 */
function prefix(n: RegexNode, limit: number): { sets: CharSet[]; open: boolean } {
  switch (n.type) {
    case 'char':
      return { sets: [n.set], open: false };
    case 'edge':
    case 'look':
      return { sets: [], open: false };
    case 'group':
      return prefix(n.node, limit);
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of n.items) {
        if (sets.length >= limit) return { sets, open: true };
        const p = prefix(item, limit - sets.length);
        sets.push(...p.sets);
        if (p.open) return { sets, open: true };
      }
      return { sets, open: false };
    }
    case 'repeat': {
      const body = prefix(n.node, limit);
      const sets: CharSet[] = [];
      for (let k = 0; k < n.min && sets.length < limit; k++) {
        sets.push(...body.sets);
        if (body.open) return { sets, open: true };
      }
      return { sets, open: n.max > n.min || sets.length >= limit };
    }
    default:
      return { sets: [], open: true };
  }
}

/** Whether two branches can match the same text, or one a prefix of the other's. */
function overlap(a: RegexNode, b: RegexNode): boolean {
  const pa = prefix(a, 16);
  const pb = prefix(b, 16);
  const n = Math.min(pa.sets.length, pb.sets.length);
  for (let i = 0; i < n; i++) if (!intersects(pa.sets[i]!, pb.sets[i]!)) return false;
  return true;
}

class Estimator {
  worst: Ambiguity | undefined;

  constructor(private readonly source: string) {}

  private blame(kind: AmbiguityKind, at: { from: number; to: number }, ways: number): void {
    if (ways > 1 && (!this.worst || ways > this.worst.ways)) this.worst = { kind, part: this.source.slice(at.from, at.to), ways };
  }

  /** Ways `n` can match one text. */
  ways(n: RegexNode): number {
    switch (n.type) {
      case 'seq': {
        let ways = 1;
        n.items.forEach((item, i) => {
          ways *= this.ways(item);
          // A variable-count repetition whose next character may also start what follows it: each stop is a way.
          const r = asRepeat(item);
          if (r && r.min < r.max && consumes(r.node) && intersects(first(r.node), firstOf(n.items, i + 1))) {
            const factor = choices(r);
            this.blame('adjacent', r, factor);
            ways *= factor;
          }
        });
        return ways;
      }
      case 'alt': {
        const each = n.options.map((o) => this.ways(o));
        const overlapping = n.options.some((o, i) => n.options.some((p, j) => j > i && overlap(o, p)));
        if (!overlapping) return Math.max(...each);
        const ways = each.reduce((a, b) => a + b, 0);
        this.blame('alternation', n, ways);
        return ways;
      }
      case 'repeat': {
        const body = this.ways(n.node);
        // Within the loop, what follows an inner repetition includes the start of the next round.
        const trade = n.max > 1 ? tradeFactor(n.node, first(n.node)) : 1;
        const per = body * trade;
        if (per <= 1) return 1;
        const ways = n.max === Infinity ? Infinity : Math.min(Number.MAX_VALUE, per ** n.max);
        this.blame(trade > 1 && trade >= body ? 'nested' : body > 1 && isAlt(n.node) ? 'alternation' : 'nested', n, ways);
        return ways;
      }
      case 'group':
      case 'look':
        return this.ways(n.node);
      default:
        return 1;
    }
  }
}

/** `n` as a repetition, through groups around it. */
function asRepeat(n: RegexNode): Extract<RegexNode, { type: 'repeat' }> | undefined {
  if (n.type === 'repeat') return n;
  if (n.type === 'group') return asRepeat(n.node);
  if (n.type === 'seq' && n.items.length === 1) return asRepeat(n.items[0]!);
  return undefined;
}

function isAlt(n: RegexNode): boolean {
  return n.type === 'alt' || (n.type === 'group' && isAlt(n.node)) || (n.type === 'seq' && n.items.length === 1 && isAlt(n.items[0]!));
}

/** First characters of items[from…] (through items that may match nothing). */
function firstOf(items: readonly RegexNode[], from: number): CharSet {
  let out = EMPTY;
  for (let i = from; i < items.length; i++) {
    out = union(out, first(items[i]!));
    if (!nullable(items[i]!)) break;
  }
  return out;
}

/**
 * The largest number of stops of an inner variable-count repetition inside a loop body whose
 * characters may also start what follows it (`after`: what may come next, the next round included).
 */
function tradeFactor(n: RegexNode, after: CharSet): number {
  switch (n.type) {
    case 'seq': {
      let factor = 1;
      let next = after;
      for (let i = n.items.length - 1; i >= 0; i--) {
        const item = n.items[i]!;
        factor = Math.max(factor, tradeFactor(item, next));
        next = nullable(item) ? union(first(item), next) : first(item);
      }
      return factor;
    }
    case 'alt':
      return Math.max(...n.options.map((o) => tradeFactor(o, after)));
    case 'group':
      return tradeFactor(n.node, after);
    case 'repeat': {
      const inner = tradeFactor(n.node, n.max > 1 ? union(first(n.node), after) : after);
      const own = n.min < n.max && consumes(n.node) && intersects(first(n.node), after) ? choices(n) : 1;
      return Math.max(inner, own);
    }
    default:
      return 1;
  }
}

/** Estimated ways one attempt can split a text, and the construct that contributes most. */
export function estimateWays(source: string, ignoreCase = false): { ways: number; worst: Ambiguity | undefined } {
  const e = new Estimator(source);
  const ways = e.ways(parseRegex(source, ignoreCase));
  return { ways, worst: e.worst };
}

/** The most ambiguous construct of a pattern when its estimate exceeds MAX_WAYS, else undefined. */
export function findAmbiguity(source: string, ignoreCase = false): Ambiguity | undefined {
  const { ways, worst } = estimateWays(source, ignoreCase);
  if (ways <= MAX_WAYS) return undefined;
  return worst ?? { kind: 'nested', part: source, ways };
}

/** The estimate in words: "about 10^26 ways", "unboundedly many ways". */
export function describeWays(ways: number): string {
  if (ways === Infinity) return 'unboundedly many ways';
  if (ways >= 1e6) return `about 10^${Math.round(Math.log10(ways))} ways`;
  return `about ${Math.round(ways).toLocaleString('en-US')} ways`;
}

export const AMBIGUITY_ADVICE: Record<AmbiguityKind, string> = {
  nested:
    'a repetition repeats something that can split the same text in several ways; repeat it once ((a{1,20}){1,20} → a{1,400}) ' +
    'or put a required separator between the rounds ((\\w{1,20}\\s?){1,20} → \\w{1,20}(?:\\s\\w{1,20}){0,19})',
  alternation:
    'the branches of a repeated alternation can match the same text or start of it; make them exclusive: ' +
    'a class for single characters ((a|ab|b) → [ab], (\\w|\\d) → \\w), one branch for a shared start ((ab|ac) → a[bc])',
  adjacent:
    'adjacent repetitions of the same characters can split a run in many ways; merge them (\\d{1,40}\\d{1,40} → \\d{2,80})',
};
