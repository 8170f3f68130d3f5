/** Rule definitions compiled once into what the scanner runs: regexes, validators, context matchers. */
import { regexShape } from './regex-shape.js';
import { Prefilter } from './prefilter.js';
import { SUPPRESS_WINDOW } from './suppression.js';
import { normalizeValue, type ContextDef, type PatternDef, type RuleDef } from './rule.js';
import type { Validator } from './types.js';
import { getValidator } from './validators/index.js';

export interface CompiledContext {
  re: RegExp;
  window: number;
  boost: number;
  nearest: boolean;
  side: 'before' | 'after' | 'both';
}

export interface CompiledPattern {
  rule: CompiledRule;
  def: PatternDef;
  /** Global, multiline; `d` only when a `(?<value>…)` group narrows the reported span. */
  re: RegExp;
  hasValueGroup: boolean;
  /** Text after a match start this pattern needs buffered before its result is final. */
  horizon: number;
  behind: number;
  /** The prefilter DFA tells where this pattern's matches can end (else it scans all text). */
  prefiltered: boolean;
  /** From RegexShape: longest match, and text read after a match start (`behind`: before it). */
  maxLength: number;
  reach: number;
}

export interface CompiledRule {
  /** Position in the rule set; breaks ties so output order never depends on chance. */
  index: number;
  def: RuleDef;
  patterns: CompiledPattern[];
  validators: { validator: Validator; options: Record<string, unknown> }[];
  context: CompiledContext[];
  /** Widest context window of the rule. */
  window: number;
  deny: Set<string>;
}

export interface RuleSet {
  rules: CompiledRule[];
  patterns: CompiledPattern[];
  /** Largest horizon: a match starting this far before the buffer end is final. */
  horizon: number;
  /** Text kept before the earliest pending match start (look-behind and context). */
  lookBack: number;
  prefilter?: Prefilter;
}

export interface CompileOptions {
  /** Run every pattern over all text (the reference the prefilter is tested against). */
  prefilter?: boolean;
  /** DFA states the prefilter caches before starting afresh (tests use tiny caches). */
  prefilterStates?: number;
}

/** Characters read beyond a context window so word edges at its border are judged correctly. */
export const CONTEXT_MARGIN = 8;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One context word as a regex: flexible inner spacing, word edges, optional plural. */
function wordPattern(word: string): string {
  const body = word.trim().split(/\s+/).map(escapeRegex).join("[\\s_-]{1,3}");
  const head = /^[A-Za-z0-9]/.test(word) ? '(?<![A-Za-z0-9])' : '';
  const tail = /[A-Za-z]$/.test(word) ? '(?:e?s)?(?![A-Za-z])' : /\d$/.test(word) ? '(?!\\d)' : '';
  return head + body + tail;
}

export function compileContext(def: ContextDef): CompiledContext {
  const words = [...def.words].sort((a, b) => b.length - a.length).map(wordPattern);
  const parts = def.regex !== undefined ? [...words, `(?:${def.regex})`] : words;
  return { re: new RegExp(parts.join('|'), def.caseSensitive ? 'g' : 'gi'), window: def.window, boost: def.boost, nearest: def.nearest, side: def.side };
}

export function compileRules(defs: readonly RuleDef[], options: CompileOptions = {}): RuleSet {
  const rules: CompiledRule[] = [];
  const patterns: CompiledPattern[] = [];
  let horizon = 1;
  let lookBack = 1;
  for (const def of defs) {
    const context = def.context.map(compileContext);
    const window = Math.max(0, ...def.context.map((c) => c.window)) + CONTEXT_MARGIN;
    const rule: CompiledRule = {
      index: rules.length,
      def,
      patterns: [],
      validators: def.validators.map((v) => ({ validator: getValidator(v.name)!, options: v.options })),
      context,
      window,
      deny: new Set(def.deny.map(normalizeValue)),
    };
    for (const p of def.patterns) {
      const shape = regexShape(p.regex);
      const hasValueGroup = p.regex.includes('(?<value>');
      const flags = `gm${p.ignoreCase ? 'i' : ''}${hasValueGroup ? 'd' : ''}`;
      const cp: CompiledPattern = {
        rule,
        def: p,
        re: new RegExp(p.regex, flags),
        hasValueGroup,
        // +1: the character after a match decides \b and look-ahead at the buffer edge.
        horizon: Math.max(shape.reach, shape.maxLength + Math.max(window, SUPPRESS_WINDOW)) + 1,
        behind: shape.behind,
        prefiltered: false,
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
  const prefilter = new Prefilter(
    patterns.map((p) => ({ source: p.def.regex, ignoreCase: p.def.ignoreCase })),
    options.prefilterStates,
  );
  patterns.forEach((p, i) => (p.prefiltered = prefilter.covers[i]!));
  return { rules, patterns, horizon, lookBack, prefilter };
}
