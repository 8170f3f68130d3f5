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
import type { RegexShape } from '../model/rule.js';
import { parseRegex, type RegexNode } from './regex-ast.js';

export { RegexShapeError } from './regex-ast.js';

interface Len {
  min: number;
  max: number;
}

/** Walks the tree in source order, so a back-reference sees the groups closed before it. */
class ShapeWalker {
  private readonly groupMax: number[] = [];
  lookaheadMax = 0;
  lookbehindMax = 0;
  usesBoundary = false;

  len(node: RegexNode): Len {
    switch (node.type) {
      case 'char':
        return { min: 1, max: 1 };
      case 'edge':
        this.usesBoundary = true;
        return { min: 0, max: 0 };
      case 'seq': {
        const total: Len = { min: 0, max: 0 };
        for (const item of node.items) {
          const l = this.len(item);
          total.min += l.min;
          total.max += l.max;
        }
        return total;
      }
      case 'alt': {
        const ls = node.options.map((o) => this.len(o));
        return { min: Math.min(...ls.map((l) => l.min)), max: Math.max(...ls.map((l) => l.max)) };
      }
      case 'repeat': {
        const l = this.len(node.node);
        return { min: l.min * node.min, max: l.max === 0 ? 0 : l.max * node.max };
      }
      case 'group': {
        if (node.capture !== undefined) this.groupMax[node.capture] = 0;
        const l = this.len(node.node);
        if (node.capture !== undefined) this.groupMax[node.capture] = l.max;
        return l;
      }
      case 'look': {
        const l = this.len(node.node);
        if (node.behind) this.lookbehindMax = Math.max(this.lookbehindMax, l.max);
        else this.lookaheadMax += l.max;
        return { min: 0, max: 0 };
      }
      case 'backref': {
        const max = node.group === undefined ? undefined : this.groupMax[node.group];
        return { min: 0, max: max ?? (node.named ? 0 : 1) };
      }
    }
  }
}

export function regexShape(source: string): RegexShape {
  const walker = new ShapeWalker();
  const len = walker.len(parseRegex(source));
  const edge = walker.usesBoundary ? 1 : 0;
  return {
    minLength: len.min,
    maxLength: len.max,
    reach: len.max + walker.lookaheadMax + edge,
    behind: Math.max(walker.lookbehindMax, edge),
  };
}
