/**
 * Static shape of a JavaScript regular expression: how long a match can be and
 * how far around the match start the engine may look.
 *
 * The streaming scanner needs these bounds to promise that findings do not depend
 * on chunk size: a match attempt at position t reads only text in
 * [t - behind, t + reach), so once that much text is buffered the attempt's outcome
 * is final. A pattern with an unbounded quantifier has no such bound and is refused
 * when rules load.
 */

export interface RegexShape {
  minLength: number;
  /** Longest possible match, in UTF-16 code units; Infinity when unbounded. */
  maxLength: number;
  /** Code units the engine may read after the match start (match + lookahead + 1 for \b, $). */
  reach: number;
  /** Code units the engine may read before the match start (lookbehind, \b, ^). */
  behind: number;
}

export class RegexShapeError extends Error {}

interface Len {
  min: number;
  max: number;
}

/** Recursive-descent walk over the pattern source (non-`u` syntax, as the scanner compiles it). */
class ShapeParser {
  private i = 0;
  private groupMax: number[] = [];
  private namedGroups = new Map<string, number>();
  private lookaheadMax = 0;
  private lookbehindMax = 0;
  private usesBoundary = false;

  constructor(private readonly src: string) {}

  parse(): RegexShape {
    const len = this.alternation();
    if (this.i < this.src.length) throw new RegexShapeError(`unbalanced ')' at position ${this.i}`);
    const edge = this.usesBoundary ? 1 : 0;
    return {
      minLength: len.min,
      maxLength: len.max,
      reach: len.max + this.lookaheadMax + edge,
      behind: Math.max(this.lookbehindMax, edge),
    };
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): Len {
    let best = this.sequence();
    while (this.peek() === '|') {
      this.i++;
      const next = this.sequence();
      best = { min: Math.min(best.min, next.min), max: Math.max(best.max, next.max) };
    }
    return best;
  }

  private sequence(): Len {
    const total: Len = { min: 0, max: 0 };
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.quantified(this.atom());
      total.min += atom.min;
      total.max += atom.max;
    }
    return total;
  }

  private quantified(atom: Len): Len {
    const c = this.peek();
    let lo: number;
    let hi: number;
    if (c === '*') [lo, hi] = [0, Infinity];
    else if (c === '+') [lo, hi] = [1, Infinity];
    else if (c === '?') [lo, hi] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom; // a literal '{' in non-unicode syntax
      lo = Number(m[1]);
      hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.peek() === '?') this.i++; // lazy
    return { min: atom.min * lo, max: atom.max === 0 ? 0 : atom.max * hi };
  }

  private atom(): Len {
    const c = this.src[this.i++]!;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        this.charClass();
        return { min: 1, max: 1 };
      case '\\':
        return this.escape();
      case '^':
      case '$':
        this.usesBoundary = true;
        return { min: 0, max: 0 };
      default:
        return { min: 1, max: 1 };
    }
  }

  private group(): Len {
    const rest = this.src.slice(this.i, this.i + 3);
    let kind: 'capture' | 'plain' | 'ahead' | 'behind' = 'capture';
    if (rest.startsWith('?:')) [kind, this.i] = ['plain', this.i + 2];
    else if (rest.startsWith('?=') || rest.startsWith('?!')) [kind, this.i] = ['ahead', this.i + 2];
    else if (rest.startsWith('?<=') || rest.startsWith('?<!')) [kind, this.i] = ['behind', this.i + 3];
    else if (rest.startsWith('?<')) {
      const end = this.src.indexOf('>', this.i);
      if (end < 0) throw new RegexShapeError('unterminated group name');
      this.namedGroups.set(this.src.slice(this.i + 2, end), this.groupMax.length);
      this.i = end + 1;
    }
    const index = kind === 'capture' ? this.groupMax.push(0) - 1 : -1;
    const inner = this.alternation();
    if (this.src[this.i++] !== ')') throw new RegexShapeError('missing )');
    if (index >= 0) this.groupMax[index] = inner.max;
    if (kind === 'ahead') {
      this.lookaheadMax += inner.max;
      return { min: 0, max: 0 };
    }
    if (kind === 'behind') {
      this.lookbehindMax = Math.max(this.lookbehindMax, inner.max);
      return { min: 0, max: 0 };
    }
    return inner;
  }

  private charClass(): void {
    if (this.peek() === '^') this.i++;
    if (this.peek() === ']') this.i++; // ']' first in a class is literal... except "[]" which JS treats as empty
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      this.i += this.src[this.i] === '\\' ? 2 : 1;
    }
    if (this.src[this.i++] !== ']') throw new RegexShapeError('missing ]');
  }

  private escape(): Len {
    const c = this.src[this.i++];
    if (c === undefined) throw new RegexShapeError('trailing backslash');
    if (c === 'b' || c === 'B') {
      this.usesBoundary = true;
      return { min: 0, max: 0 };
    }
    if (c >= '1' && c <= '9') {
      const m = /^\d*/.exec(this.src.slice(this.i))![0];
      this.i += m.length;
      const max = this.groupMax[Number(c + m) - 1];
      return { min: 0, max: max ?? 1 };
    }
    if (c === 'k' && this.peek() === '<') {
      const end = this.src.indexOf('>', this.i);
      const group = this.namedGroups.get(this.src.slice(this.i + 1, end));
      this.i = end + 1;
      return { min: 0, max: group === undefined ? 0 : (this.groupMax[group] ?? 0) };
    }
    if (c === 'x') this.i += 2;
    else if (c === 'u') this.i += 4;
    else if (c === 'c') this.i += 1;
    return { min: 1, max: 1 };
  }
}

export function regexShape(source: string): RegexShape {
  return new ShapeParser(source).parse();
}
