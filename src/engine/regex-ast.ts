/**
 * A small parser for the JavaScript regular expressions rules use (non-`u` syntax, as the scanner
 * compiles them), producing the tree that static analyses walk: the bounds the streaming scanner
 * needs (regex-shape) and the prefilter that decides where a pattern can match at all.
 *
 * Character sets are over-approximated (every character a node could consume is in its set, maybe
 * more), which keeps every analysis built on them on the safe side.
 */

export class RegexShapeError extends Error {}

/** The characters one atom may consume: ASCII by bitmap, anything else as one flag. */
export interface CharSet {
  ascii: Uint8Array; // 128 entries, 1 = member
  nonAscii: boolean;
}

/** Where a node is written in the source, [from, to), for messages that quote the pattern. */
export interface SourceSpan {
  from: number;
  to: number;
}

export type RegexNode =
  | { type: 'char'; set: CharSet }
  | { type: 'seq'; items: RegexNode[] }
  | ({ type: 'alt'; options: RegexNode[] } & SourceSpan)
  | ({ type: 'repeat'; node: RegexNode; min: number; max: number } & SourceSpan)
  | { type: 'group'; node: RegexNode; capture: number | undefined }
  | { type: 'look'; node: RegexNode; behind: boolean; negate: boolean }
  /** ^ $ \b \B: zero width, reads the character on either side. */
  | { type: 'edge'; kind: '^' | '$' | 'b' | 'B' }
  /** \1 or \k<name>: `group` is its capture index, undefined when the name is unknown. */
  | { type: 'backref'; group: number | undefined; named: boolean };

const set = (codes: Iterable<number>, nonAscii = false): CharSet => {
  const ascii = new Uint8Array(128);
  for (const c of codes) ascii[c] = 1;
  return { ascii, nonAscii };
};
const range = (from: string, to: string): number[] => {
  const out: number[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.push(c);
  return out;
};
const DIGITS = range('0', '9');
const WORD = [...range('A', 'Z'), ...range('a', 'z'), ...DIGITS, 95];
const SPACE = [9, 10, 11, 12, 13, 32];

function complement(s: CharSet): CharSet {
  return { ascii: s.ascii.map((b) => 1 - b), nonAscii: true };
}
function union(into: CharSet, s: CharSet): void {
  for (let c = 0; c < 128; c++) into.ascii[c] ||= s.ascii[c]!;
  into.nonAscii ||= s.nonAscii;
}
function ofChar(ch: string): CharSet {
  const c = ch.charCodeAt(0);
  return c < 128 ? set([c]) : set([], true);
}
/** Under the `i` flag a letter also matches its other case (non-`u` folding never maps non-ASCII to ASCII). */
function foldCase(s: CharSet): CharSet {
  const out = set([], s.nonAscii);
  for (let c = 0; c < 128; c++) {
    if (!s.ascii[c]) continue;
    out.ascii[c] = 1;
    if (c >= 65 && c <= 90) out.ascii[c + 32] = 1;
    if (c >= 97 && c <= 122) out.ascii[c - 32] = 1;
  }
  return out;
}

/** \d \w \s and their negations, shared by atoms and classes. */
function classEscape(c: string): CharSet | undefined {
  switch (c) {
    case 'd':
      return set(DIGITS);
    case 'D':
      return complement(set(DIGITS));
    case 'w':
      return set(WORD);
    case 'W':
      return complement(set(WORD));
    case 's':
      return set(SPACE, true);
    case 'S':
      return complement(set(SPACE, true));
    default:
      return undefined;
  }
}

const ANY: CharSet = { ascii: new Uint8Array(128).fill(1), nonAscii: true };

class Parser {
  private i = 0;
  private captures = 0;
  private readonly names = new Map<string, number>();

  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): RegexNode {
    const node = this.alternation();
    if (this.i < this.src.length) throw new RegexShapeError(`unbalanced ')' at position ${this.i}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): RegexNode {
    const from = this.i;
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { type: 'alt', options, from, to: this.i };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const from = this.i;
      items.push(this.quantified(this.atom(), from));
    }
    return { type: 'seq', items };
  }

  /** `node` (written from `from`) with the quantifier that follows it, if any. */
  private quantified(node: RegexNode, from: number): RegexNode {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node; // a literal '{' in non-unicode syntax
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (this.peek() === '?') this.i++; // lazy
    return { type: 'repeat', node, min, max, from, to: this.i };
  }

  private literal(ch: string): RegexNode {
    const s = ofChar(ch);
    return { type: 'char', set: this.ignoreCase ? foldCase(s) : s };
  }

  private atom(): RegexNode {
    const c = this.src[this.i++]!;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return { type: 'char', set: this.charClass() };
      case '\\':
        return this.escape();
      case '^':
      case '$':
        return { type: 'edge', kind: c };
      case '.':
        return { type: 'char', set: ANY };
      default:
        return this.literal(c);
    }
  }

  private group(): RegexNode {
    const rest = this.src.slice(this.i, this.i + 3);
    let kind: 'capture' | 'plain' | 'ahead' | 'behind' = 'capture';
    const negate = rest.startsWith('?!') || rest.startsWith('?<!');
    if (rest.startsWith('?:')) [kind, this.i] = ['plain', this.i + 2];
    else if (rest.startsWith('?=') || rest.startsWith('?!')) [kind, this.i] = ['ahead', this.i + 2];
    else if (rest.startsWith('?<=') || rest.startsWith('?<!')) [kind, this.i] = ['behind', this.i + 3];
    else if (rest.startsWith('?<')) {
      const end = this.src.indexOf('>', this.i);
      if (end < 0) throw new RegexShapeError('unterminated group name');
      this.names.set(this.src.slice(this.i + 2, end), this.captures);
      this.i = end + 1;
    }
    const capture = kind === 'capture' ? this.captures++ : undefined;
    const node = this.alternation();
    if (this.src[this.i++] !== ')') throw new RegexShapeError('missing )');
    if (kind === 'ahead' || kind === 'behind') return { type: 'look', node, behind: kind === 'behind', negate };
    return { type: 'group', node, capture };
  }

  private charClass(): CharSet {
    const negate = this.peek() === '^';
    if (negate) this.i++;
    const out = set([]);
    // `[]` matches nothing and `[^]` anything, as in JavaScript.
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      const from = this.classAtom();
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length && from.code !== undefined) {
        const save = this.i;
        this.i++;
        const to = this.classAtom();
        if (to.code !== undefined) {
          for (let c = from.code; c <= to.code; c++) {
            if (c < 128) out.ascii[c] = 1;
            else out.nonAscii = true;
          }
          continue;
        }
        this.i = save; // `[\d-x]`: the dash is literal
      }
      union(out, from.set);
    }
    if (this.src[this.i++] !== ']') throw new RegexShapeError('missing ]');
    const folded = this.ignoreCase ? foldCase(out) : out;
    return negate ? complement(folded) : folded;
  }

  /** One class member: its set, and its code point when it is a single character (range ends). */
  private classAtom(): { set: CharSet; code?: number } {
    const c = this.src[this.i++]!;
    if (c !== '\\') return { set: ofChar(c), code: c.charCodeAt(0) };
    const e = this.src[this.i++];
    if (e === undefined) throw new RegexShapeError('trailing backslash');
    const cls = classEscape(e);
    if (cls) return { set: cls };
    const code = e === 'b' ? 8 : this.escapedCode(e);
    return { set: code < 128 ? set([code]) : set([], true), code };
  }

  /** The code of a character escape (after the backslash and `e`): \t \xHH \uHHHH \cX, else `e` itself. */
  private escapedCode(e: string): number {
    const simple: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };
    if (e in simple) return simple[e]!;
    if (e === 'x' || e === 'u') {
      const digits = this.src.slice(this.i, this.i + (e === 'x' ? 2 : 4));
      this.i += digits.length;
      const code = Number.parseInt(digits, 16);
      return Number.isNaN(code) ? e.charCodeAt(0) : code;
    }
    if (e === 'c') {
      const letter = this.src[this.i++] ?? '';
      return letter.charCodeAt(0) % 32;
    }
    return e.charCodeAt(0);
  }

  private escape(): RegexNode {
    const c = this.src[this.i++];
    if (c === undefined) throw new RegexShapeError('trailing backslash');
    if (c === 'b' || c === 'B') return { type: 'edge', kind: c };
    if (c >= '1' && c <= '9') {
      const m = /^\d*/.exec(this.src.slice(this.i))![0];
      this.i += m.length;
      return { type: 'backref', group: Number(c + m) - 1, named: false };
    }
    if (c === 'k' && this.peek() === '<') {
      const end = this.src.indexOf('>', this.i);
      const group = this.names.get(this.src.slice(this.i + 1, end));
      this.i = end + 1;
      return { type: 'backref', group, named: true };
    }
    const cls = classEscape(c);
    if (cls) return { type: 'char', set: cls };
    const code = this.escapedCode(c);
    const s = code < 128 ? set([code]) : set([], true);
    return { type: 'char', set: this.ignoreCase ? foldCase(s) : s };
  }
}

export function parseRegex(source: string, ignoreCase = false): RegexNode {
  return new Parser(source, ignoreCase).parse();
}
