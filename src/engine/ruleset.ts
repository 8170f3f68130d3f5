/** Rule definitions compiled once into what the scanner runs: regexes, validators, context matchers. */
import { Prefilter, type PrefilterPattern } from './prefilter.js';
import { writeSnapshot, type PrefilterParts } from './prefilter-snapshot.js';
import { SUPPRESS_WINDOW } from './suppression.js';
import { normalizeValue, type ContextDef, type PatternDef, type RuleDef } from '../model/rule.js';
import type { ScanSettings, Validator, ValidatorResult } from '../model/finding.js';
import { getValidator } from './validators/index.js';

export interface CompiledContext {
  re: RegExp;
  window: number;
  boost: number;
  nearest: boolean;
  side: 'before' | 'after' | 'both';
  /** With a context regex: whether a hit is one of the words (only words are quoted in why; the regex may match anything). */
  word?: RegExp;
}

export interface CompiledPattern {
  rule: CompiledRule;
  def: PatternDef;
  /** Global, multiline; `d` only when a `(?<value>…)` group narrows the reported span (not when it is the whole pattern). */
  re: RegExp;
  hasValueGroup: boolean;
  /** Text after a match start this pattern needs buffered before its result is final. */
  horizon: number;
  behind: number;
  /** From RegexShape: longest match, and text read after a match start (`behind`: before it). */
  maxLength: number;
  reach: number;
}

export interface CompiledValidator {
  validator: Validator;
  options: Record<string, unknown>;
  /**
   * Results by value, per settings: validators are pure, and the same value often comes back (a
   * phone number in every signature, a maintainer's address in every changelog entry).
   */
  results: WeakMap<ScanSettings, Map<string, ValidatorResult>>;
  /** The settings looked up last and their results: a scan asks with the same settings every time. */
  lastSettings?: ScanSettings;
  lastResults?: Map<string, ValidatorResult>;
}

export interface CompiledRule {
  /** Position in the rule set; breaks ties so output order never depends on chance. */
  index: number;
  def: RuleDef;
  patterns: CompiledPattern[];
  validators: CompiledValidator[];
  context: CompiledContext[];
  /** Widest context window of the rule. */
  window: number;
  /** Whether a context group attaches to the nearest match (the scanner then remembers recent candidates). */
  nearest: boolean;
  /** Per context group, the most the groups from it on can add (positive boosts): bounds a candidate's score. */
  liftFrom: number[];
  deny: Set<string>;
}

export interface RuleSet {
  rules: CompiledRule[];
  patterns: CompiledPattern[];
  /** Largest horizon: a match starting this far before the buffer end is final. */
  horizon: number;
  /** Text kept before the earliest pending match start (look-behind and context). */
  lookBack: number;
  prefilter?: PrefilterSource;
}

export interface CompileOptions {
  /** Run every pattern over all text (the reference the prefilter is tested against). */
  prefilter?: boolean;
  /** DFA states the prefilter caches before starting afresh (tests use tiny caches). */
  prefilterStates?: number;
  /** Text (UTF-16 units) scanned before the prefilter is worth building (tests use 0). */
  prefilterAfter?: number;
  /** The prefilter's inner loop: WebAssembly where available (default), or JavaScript. */
  prefilterKernel?: 'wasm' | 'js';
  /**
   * A prefilter the build saved, read when one is first needed (config/load.ts reads the shipped
   * rules'); it serves only the patterns it was made for, and is ignored for any others.
   */
  savedPrefilter?: () => PrefilterParts | undefined;
}

/**
 * The prefilter, built on first need: a short draft scans faster without it than it takes to
 * build (a few milliseconds), while a large file or many files repay it many times over.
 */
export class PrefilterSource {
  private made: Prefilter | undefined;
  /** Text scanned so far with this rule set, by scanners that went without. */
  seen = 0;

  constructor(
    private readonly patterns: readonly PrefilterPattern[],
    private readonly maxStates: number | undefined,
    private readonly after: number,
    private readonly kernel: 'wasm' | 'js' = 'wasm',
    private readonly saved?: () => PrefilterParts | undefined,
  ) {}

  /** The prefilter for a scanner whose first text has `first` units, or undefined if not worth it yet. */
  forScanner(first: number): Prefilter | undefined {
    this.seen += first;
    if (!this.made && first < this.after && this.seen < 4 * this.after) return undefined;
    this.made ??= new Prefilter(this.patterns, this.maxStates, this.kernel, this.saved?.());
    return this.made.gaveUp ? undefined : this.made;
  }

  /** The prefilter's automaton once built, for the build to save (scripts/snapshot-rules.mjs). */
  snapshot(): Int32Array | undefined {
    return this.made && writeSnapshot(this.made.parts(this.patterns));
  }

  /** The prefilter if a scanner has built it already (and it has not given up). */
  built(): Prefilter | undefined {
    return this.made?.gaveUp === false ? this.made : undefined;
  }
}

/** Characters read beyond a context window so word edges at its border are judged correctly. */
export const CONTEXT_MARGIN = 8;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One context word as a regex: edge check, body with flexible inner spacing, optional plural and edge check. */
function wordParts(word: string): { head: string; body: string; tail: string } {
  const body = word.trim().split(/\s+/).map(escapeRegex).join('[\\s_-]{1,3}');
  const head = /^[A-Za-z0-9]/.test(word) ? '(?<![A-Za-z0-9])' : '';
  const tail = /[A-Za-z]$/.test(word) ? '(?:e?s)?(?![A-Za-z])' : /\d$/.test(word) ? '(?!\\d)' : '';
  return { head, body, tail };
}

/**
 * Context words, longest first, as one alternation. Neighbours with the same edge checks share
 * them (`head(?:a|b)tail` tries exactly what `head a tail|head b tail` tries, in the same order)
 * so the regex checks a word edge once per position instead of once per word: a third faster.
 */
export function contextWordAlternatives(words: readonly string[]): string[] {
  const groups: { head: string; tail: string; bodies: string[] }[] = [];
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    const { head, body, tail } = wordParts(word);
    const last = groups[groups.length - 1];
    if (last && last.head === head && last.tail === tail) last.bodies.push(body);
    else groups.push({ head, tail, bodies: [body] });
  }
  return groups.map((g) => (g.bodies.length === 1 ? `${g.head}${g.bodies[0]}${g.tail}` : `${g.head}(?:${g.bodies.join('|')})${g.tail}`));
}

export function compileContext(def: ContextDef): CompiledContext {
  const words = contextWordAlternatives(def.words);
  const parts = def.regex !== undefined ? [...words, `(?:${def.regex})`] : words;
  const compiled: CompiledContext = { re: new RegExp(parts.join('|'), def.caseSensitive ? 'g' : 'gi'), window: def.window, boost: def.boost, nearest: def.nearest, side: def.side };
  if (def.regex !== undefined) compiled.word = new RegExp(words.length > 0 ? `^(?:${words.join('|')})$` : '$^', def.caseSensitive ? '' : 'i');
  return compiled;
}

/**
 * A compiled rule. Its context groups compile at the first candidate judged: a draft's start-up
 * then builds the context regexes (over a thousand words in the shipped rules) of the few rules
 * it has candidates for. A class, so every rule shares one getter and one shape.
 */
class Rule implements CompiledRule {
  readonly patterns: CompiledPattern[] = [];
  readonly validators: CompiledValidator[];
  readonly nearest: boolean;
  readonly liftFrom: number[];
  readonly deny: Set<string>;
  #context: CompiledContext[] | undefined;

  constructor(
    readonly index: number,
    readonly def: RuleDef,
    readonly window: number,
  ) {
    this.validators = def.validators.map((v) => ({ validator: getValidator(v.name)!, options: v.options, results: new WeakMap() }));
    this.nearest = def.context.some((g) => g.nearest);
    this.liftFrom = def.context.map((_, i) => def.context.slice(i).reduce((sum, g) => sum + Math.max(0, g.boost), 0));
    this.deny = new Set(def.deny.map(normalizeValue));
  }

  get context(): CompiledContext[] {
    return (this.#context ??= this.def.context.map(compileContext));
  }
}

export function compileRules(defs: readonly RuleDef[], options: CompileOptions = {}): RuleSet {
  const rules: CompiledRule[] = [];
  const patterns: CompiledPattern[] = [];
  let horizon = 1;
  let lookBack = 1;
  for (const def of defs) {
    const window = Math.max(0, ...def.context.map((c) => c.window)) + CONTEXT_MARGIN;
    const rule = new Rule(rules.length, def, window);
    for (const p of def.patterns) {
      const { shape } = p;
      const hasValueGroup = p.regex.includes('(?<value>') && !valueIsMatch(p.regex);
      const flags = `gm${p.ignoreCase ? 'i' : ''}${hasValueGroup ? 'd' : ''}`;
      const cp: CompiledPattern = {
        rule,
        def: p,
        re: new RegExp(p.regex, flags),
        hasValueGroup,
        // +1: the character after a match decides \b and look-ahead at the buffer edge.
        horizon: Math.max(shape.reach, shape.maxLength + Math.max(window, SUPPRESS_WINDOW)) + 1,
        behind: shape.behind,
        maxLength: shape.maxLength,
        reach: shape.reach,
      };
      horizon = Math.max(horizon, cp.horizon);
      lookBack = Math.max(lookBack, shape.behind, window, SUPPRESS_WINDOW);
      rule.patterns.push(cp);
      patterns.push(cp);
    }
    rules.push(rule);
  }
  if (options.prefilter === false || patterns.length === 0) return { rules, patterns, horizon, lookBack };
  const sources = patterns.map((p) => ({ source: p.def.regex, ignoreCase: p.def.ignoreCase, maxLength: p.maxLength }));
  const prefilter = new PrefilterSource(sources, options.prefilterStates, options.prefilterAfter ?? PREFILTER_AFTER, options.prefilterKernel, options.savedPrefilter);
  return { rules, patterns, horizon, lookBack, prefilter };
}

/**
 * Whether the pattern is its value group and nothing more ("name in running text"): the value is
 * the match, and the regex needs no indices (`d`), which cost every match an allocation.
 */
function valueIsMatch(source: string): boolean {
  return source.startsWith('(?<value>') && groupEnd(source) === source.length - 1;
}

/**
 * Where the group that opens `source` closes (-1 if it does not), read as regex-ast.ts reads
 * groups, escapes and classes (`[]` and `[^]` included), without building the tree: every
 * start-up asks this of each shipped pattern, PERSON's of thousands of characters.
 */
function groupEnd(source: string): number {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    else if (c === '[') {
      i += source[i + 1] === '^' ? 2 : 1;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    }
  }
  return -1;
}

/** A first chunk this long (or this much text over earlier files) is worth the prefilter. */
const PREFILTER_AFTER = 16 * 1024;
