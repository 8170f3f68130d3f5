/**
 * Judging one candidate: the deny list, the validators and the context words decide whether a
 * matched value is a finding, how confident, and why. A function of the candidate's pattern, the
 * text around it and the run's settings only: no streaming state, so it is tested on its own and
 * the scanner hands it a window of its buffer.
 */
import { normalizeValue } from '../model/rule.js';
import { CONTEXT_MARGIN } from './ruleset.js';
import { detach } from '../text/detach.js';
import type { CompiledContext, CompiledPattern, CompiledRule, CompiledValidator } from './ruleset.js';
import type { ScanSettings, ValidatorResult } from '../model/finding.js';

/** A value's span, absolute (the scanner's index into the whole text). */
export interface Span {
  valueStart: number;
  valueEnd: number;
}

/** How far either side of a value a validator that reads around it sees, at least (a sentence or two). */
const AROUND_REACH = 200;

/** Where a candidate stands: the text around it, with absolute indices. */
export interface CandidateWindow {
  /**
   * Holds the value and, where the input has them, the rule's context windows either side plus
   * CONTEXT_MARGIN (word-edge checks read the characters around a window).
   */
  text: string;
  /** Absolute index of `text[0]`. */
  base: number;
  /** The value's span, absolute. */
  start: number;
  end: number;
  /**
   * The rule's other candidates nearby (read only for context groups that attach to the nearest
   * match): a context word with another match between it and this one belongs to that match.
   */
  neighbours?: readonly Span[];
}

export interface Judgement {
  value: string;
  confidence: number;
  why: string;
}

/**
 * A candidate known to stay below the reporting threshold, judged no further: it is counted, not
 * reported, and ranks below any other judgement of the same span.
 */
export const BELOW: Judgement = Object.freeze({ value: '', confidence: -1, why: '' });

/** Reported confidence: the score clamped to [0, 1], two decimals. Monotonic, so bounds on scores carry over. */
export const confidenceOf = (score: number): number => Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;

/**
 * The judgement of a candidate of `pattern` at `window`: undefined when it is no finding at all
 * (empty, denied, rejected by a validator), BELOW when it cannot reach `minConfidence`, else its
 * confidence and explanation.
 */
export function judgeCandidate(pattern: CompiledPattern, window: CandidateWindow, settings: ScanSettings, minConfidence = 0): Judgement | undefined {
  const rule = pattern.rule;
  const { text, base, start, end } = window;
  if (end <= start) return undefined;
  const value = text.slice(start - base, end - base);

  let score = pattern.def.score;
  const results = validated;
  for (let i = 0; i < rule.validators.length; i++) {
    const v = rule.validators[i]!;
    let r = cachedValidate(v, value, settings);
    if (r === false && v.validator.readsAround) {
      // The text near the value, not all the scanner holds: what it says must not depend on chunking.
      const reach = Math.max(rule.window, AROUND_REACH);
      const from = Math.max(0, start - base - reach);
      r = v.validator.validate({ value, options: v.options, settings, around: text.slice(from, Math.min(text.length, end - base + reach)), at: start - base - from });
    }
    results[i] = r;
    if (r === false || (r !== true && !r.valid)) return undefined;
    if (r !== true) score += r.adjust ?? 0;
  }
  // After the validators, which refuse most candidates (and remember values): the same answer, normalised less often.
  if (rule.deny.size > 0 && rule.deny.has(normalizeValue(value))) return undefined;
  const ctx = scoreContext(rule, window, score, minConfidence);
  if (!ctx) return BELOW;
  // Most candidates never get here (rejected, or below the threshold): the explanation is written only now.
  const notes: string[] = [pattern.def.name];
  for (let i = 0; i < rule.validators.length; i++) {
    const r = results[i] as true | Exclude<ValidatorResult, boolean>;
    const name = rule.validators[i]!.validator.name;
    notes.push(r === true ? `${name} check passed` : (r.note ?? `${name} check passed`));
  }
  if (ctx.why) notes.push(ctx.why);
  score += ctx.adjust;
  return { value, confidence: confidenceOf(score), why: notes.join('; ') };
}

/** What the validators of the candidate being judged said, for its explanation (reused: judging never nests). */
const validated: ValidatorResult[] = [];

/** Results kept per costly validator and settings; a bounded cache, emptied when full. */
const VALIDATOR_CACHE = 4096;

function cachedValidate(v: CompiledValidator, value: string, settings: ScanSettings): ValidatorResult {
  if (!v.validator.costly) return v.validator.validate({ value, options: v.options, settings });
  let results = v.lastSettings === settings ? v.lastResults : v.results.get(settings);
  if (!results) v.results.set(settings, (results = new Map()));
  v.lastSettings = settings; // one scan uses one settings object: skip the WeakMap next time
  v.lastResults = results;
  let r = results.get(value);
  if (r === undefined) {
    r = v.validator.validate({ value, options: v.options, settings });
    if (results.size >= VALIDATOR_CACHE) results.clear();
    results.set(detach(value), r); // a slice would keep its whole chunk of text alive
  }
  return r;
}

/**
 * Context words around the value: each group counts once, the nearest hit explains it.
 * Undefined once the groups still to look at could not lift `score` to `threshold`: the candidate
 * is only counted, so the rest of the search would be wasted.
 */
function scoreContext(rule: CompiledRule, window: CandidateWindow, score: number, threshold: number): { adjust: number; why: string } | undefined {
  const { text: buf, base, start, end } = window;
  let adjust = 0;
  // The nearest raising hit and the first lowering one, as their text and group: named only at the end.
  let best: string | undefined;
  let bestGroup: CompiledContext | undefined;
  let bestDistance = 0;
  let bestBefore = false;
  let lowered: string | undefined;
  let loweredGroup: CompiledContext | undefined;
  for (let g = 0; g < rule.context.length; g++) {
    if (threshold > 0 && confidenceOf(score + adjust + rule.liftFrom[g]!) < threshold) return undefined;
    const group = rule.context[g]!;
    const from = group.side === 'after' ? end : start - group.window;
    const to = group.side === 'before' ? start : end + group.window;
    const sliceFrom = Math.max(base, from - CONTEXT_MARGIN);
    const text = buf.slice(sliceFrom - base, Math.min(base + buf.length, to + CONTEXT_MARGIN) - base);
    group.re.lastIndex = 0;
    let nearest: string | undefined;
    let distance = 0;
    let before = false;
    for (let m = group.re.exec(text); m !== null; m = group.re.exec(text)) {
      if (m[0].length === 0) {
        group.re.lastIndex++;
        continue;
      }
      const ms = sliceFrom + m.index;
      const me = ms + m[0].length;
      if (ms < from || me > to) continue; // outside the window
      if (me > start && ms < end) continue; // inside the match itself
      const isBefore = me <= start;
      if (isBefore && group.nearest && matchBetween(window.neighbours, me, start)) continue;
      const d = isBefore ? start - me : ms - end;
      if (nearest === undefined || d < distance) {
        nearest = m[0];
        distance = d;
        before = isBefore;
      }
    }
    if (nearest === undefined) continue;
    adjust += group.boost;
    if (group.boost < 0) {
      if (lowered === undefined) {
        lowered = nearest;
        loweredGroup = group;
      }
    } else if (best === undefined || distance < bestDistance) {
      best = nearest;
      bestGroup = group;
      bestDistance = distance;
      bestBefore = before;
    }
  }
  if (threshold > 0 && confidenceOf(score + adjust) < threshold) return undefined;
  const parts: string[] = [];
  if (best !== undefined) {
    const chars = bestDistance === 1 ? 'char' : 'chars';
    parts.push(`context '${contextLabel(best, bestGroup!)}' ${bestDistance} ${chars} ${bestBefore ? 'before' : 'after'}`);
  }
  if (lowered !== undefined) parts.push(`lowered by '${contextLabel(lowered, loweredGroup!)}'`);
  if (parts.length === 0 && rule.context.length > 0) parts.push('no context words nearby');
  return { adjust, why: parts.join('; ') };
}

/** Whether one of `spans` stands wholly between `from` and `to`. */
function matchBetween(spans: readonly Span[] | undefined, from: number, to: number): boolean {
  return spans !== undefined && spans.some((c) => c.valueStart >= from && c.valueEnd <= to);
}

/**
 * How a context hit is named in `why`. Words come from the rule; a rule's context regex could
 * match anything (an email address), so what it matched is never quoted.
 */
function contextLabel(text: string, group: CompiledContext): string {
  if (group.word && !group.word.test(text)) return 'context pattern';
  return text.length <= 24 && !/\d/.test(text) ? text.replace(/\s+/g, ' ') : 'context pattern';
}
