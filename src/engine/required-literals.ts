/**
 * Literals one of which every match of a regex contains, lower-cased: a text whose lower-cased
 * form holds none of them cannot match, so the scanner skips the regex there without running it.
 * V8 compiles a regex at its first run and keeps no compiled regex in any cache, so on a short
 * text (a draft) compiling the patterns that cannot match would cost more than the whole scan.
 *
 * Worked out on the regex tree (regex-ast.ts) as RE2's prefilter does: a node's exact strings
 * while they are few, else the best set of literals one of which each of its matches contains.
 * Letters are taken without case (the text is lower-cased too): each ASCII character of a text
 * lower-cases to one ASCII character, so a literal a match contains stays whole in the lower-cased
 * text, and no analysis here is ever unsafe, only sometimes unhelpful.
 */
import { parseRegex, type CharSet, type RegexNode } from './regex-ast.js';

/** Most exact strings a node keeps before it stands for "one of these literals" only. */
const MAX_EXACT = 64;
/** Longest exact string kept. */
const MAX_LENGTH = 24;
/** Most literals in one requirement (a longer list costs more to look for than it saves). */
const MAX_LITERALS = 512;
/** Most characters a class may hold to be spelled out (`[Aa]`, `[-.]`); larger ones match too much. */
const MAX_CLASS = 4;

interface Info {
  /** Every string the node can match, lower-cased, when few ('' when it can match empty text). */
  exact?: Set<string>;
  /** Literals one of which every match of the node contains. */
  need?: string[];
}

/** Higher is better: the shortest literal longest, then the fewest literals. */
const score = (literals: readonly string[]): number => Math.min(...literals.map((l) => l.length)) * 10_000 - literals.length;

function better(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return score(b) > score(a) ? b : a;
}

/** As a requirement: a set that holds the empty string requires nothing. */
function asNeed(exact: Set<string> | undefined): string[] | undefined {
  if (exact === undefined || exact.has('') || exact.size > MAX_LITERALS) return undefined;
  return [...exact];
}

function charInfo(set: CharSet): Info {
  if (set.nonAscii) return {};
  const chars = new Set<string>();
  for (let c = 0; c < 128; c++) if (set.ascii[c]) chars.add(String.fromCharCode(c).toLowerCase());
  return chars.size <= MAX_CLASS ? { exact: chars } : {};
}

function cross(a: Set<string>, b: Set<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_EXACT) return undefined;
  const out = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      if (x.length + y.length > MAX_LENGTH) return undefined;
      out.add(x + y);
    }
  }
  return out;
}

const EMPTY = (): Set<string> => new Set(['']);

function info(node: RegexNode): Info {
  switch (node.type) {
    case 'char':
      return charInfo(node.set);
    case 'edge':
      return { exact: EMPTY() };
    case 'backref':
      return {};
    case 'group':
      return info(node.node);
    case 'look': {
      // Zero width: adds nothing to the text matched; a positive one's text must still be there.
      const inner = node.negate ? undefined : info(node.node);
      return { exact: EMPTY(), ...(inner ? { need: inner.need ?? asNeed(inner.exact) } : {}) };
    }
    case 'repeat': {
      const inner = info(node.node);
      if (node.min === 0) {
        if (node.max === 1 && inner.exact) return { exact: new Set([...inner.exact, '']) };
        return { exact: node.max === 0 ? EMPTY() : undefined };
      }
      if (node.min === 1 && node.max === 1) return inner;
      // At least one copy: what one copy needs, or `min` copies of its exact strings in a row.
      let run = inner.exact;
      for (let i = 1; run !== undefined && inner.exact !== undefined && i < node.min; i++) run = cross(run, inner.exact);
      return { need: better(inner.need ?? asNeed(inner.exact), asNeed(run)) };
    }
    case 'alt': {
      const options = node.options.map(info);
      let exact: Set<string> | undefined = new Set<string>();
      for (const o of options) {
        if (!o.exact || exact === undefined) exact = undefined;
        else for (const s of o.exact) exact.add(s);
      }
      if (exact !== undefined && exact.size > MAX_EXACT) exact = undefined;
      const need: string[] = [];
      for (const o of options) {
        const n = better(o.need, asNeed(o.exact));
        if (n === undefined || need.length + n.length > MAX_LITERALS) return exact ? { exact } : {};
        need.push(...n);
      }
      return { ...(exact ? { exact } : {}), need: [...new Set(need)] };
    }
    case 'seq': {
      // `run`: the exact strings of the items since the last one that is not few strings.
      let run: Set<string> | undefined = EMPTY();
      let unbroken = true;
      let need: string[] | undefined;
      for (const item of node.items.map(info)) {
        need = better(need, item.need);
        const joined: Set<string> | undefined = run && item.exact ? cross(run, item.exact) : undefined;
        if (joined) {
          run = joined;
          continue;
        }
        unbroken = false;
        need = better(need, asNeed(run));
        run = item.exact ?? EMPTY();
      }
      need = better(need, asNeed(run));
      return { ...(unbroken && run ? { exact: run } : {}), ...(need ? { need } : {}) };
    }
  }
}

/**
 * Lower-cased literals one of which every match of `source` contains, or undefined when no short
 * list of literals says so (the regex then always runs).
 */
export function requiredLiterals(source: string): string[] | undefined {
  const root = info(parseRegex(source));
  const need = better(root.need, asNeed(root.exact));
  return need && need.length <= MAX_LITERALS ? need : undefined;
}

/** Whether `lowerText` (a text lower-cased) holds one of `literals`. */
export function holdsAny(lowerText: string, literals: readonly string[]): boolean {
  for (const l of literals) if (lowerText.includes(l)) return true;
  return false;
}
