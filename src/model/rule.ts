/** A detector as written in a rule file, after validation and defaults. */
import type { Severity } from './finding.js';

export type MaskStyle = 'last4' | 'full' | 'none';

/** How `pii-scan redact` rewrites a value; a rule may set its own default. */
export const REDACT_STYLES = ['mask', 'placeholder', 'hash', 'remove'] as const;
export type RedactStyle = (typeof REDACT_STYLES)[number];

/** Static bounds of a pattern's regex (engine/regex-shape.ts works them out). */
export interface RegexShape {
  minLength: number;
  /** Longest possible match, in UTF-16 code units; Infinity when unbounded. */
  maxLength: number;
  /** Code units the engine may read after the match start (match + lookahead + 1 for \b, $). */
  reach: number;
  /** Code units the engine may read before the match start (lookbehind, \b, ^). */
  behind: number;
}

export interface PatternDef {
  name: string;
  regex: string;
  /** Starting confidence of a match of this pattern, before validators and context. */
  score: number;
  ignoreCase: boolean;
  /** Line of the regex in its rule file, for errors found after parsing (a pattern that backtracks). */
  line: number;
  /** Its bounds, worked out when the rule file was read (kept with the build's snapshot of the shipped rules). */
  shape: RegexShape;
  /**
   * Lower-cased literals one of which every match contains (engine/required-literals.ts): a text
   * that holds none of them is not searched. Absent: no such list is known, the regex always runs.
   */
  literals?: string[];
}

export interface ValidatorRef {
  name: string;
  options: Record<string, unknown>;
}

/** Words (or a regex) near a match that move its confidence by `boost` (negative lowers it). */
export interface ContextDef {
  words: string[];
  /**
   * Entities whose label words (RuleDef.labels) the group takes as well, so a rule need not copy
   * another entity's labels into its own context ("SSN" before a passport-shaped number).
   */
  labelsOf?: string[];
  regex?: string;
  /** Characters either side of the match that are searched. */
  window: number;
  boost: number;
  /** Words match case-insensitively unless this is set (state codes like "CA"). */
  caseSensitive: boolean;
  /**
   * A word before the match counts only if no other match of the rule stands between
   * them: in "DOB 1984-09-23 [6/13/24]" the label belongs to the first date.
   */
  nearest: boolean;
  /** Which side of the match is searched: labels come before values, so negatives often use `before`. */
  side: 'before' | 'after' | 'both';
}

export interface ExampleDef {
  text: string;
  /** When given, the finding must cover exactly this text. */
  value?: string;
  /** Phone regions the example is read in (`GB` or `US,MX`), instead of the run's. */
  region?: string;
}

export interface RuleDef {
  id: string;
  entity: string;
  severity: Severity;
  name: string;
  description: string;
  mask: MaskStyle;
  /** Redaction style for this rule's findings unless the config says otherwise. */
  redact?: RedactStyle;
  /** Made from other findings after the scan (src/filters/), not matched: no patterns. */
  derived?: true;
  patterns: PatternDef[];
  validators: ValidatorRef[];
  context: ContextDef[];
  /** The words that name this rule's entity in text; context groups of any rule take them by `labelsOf`. */
  labels?: string[];
  /** Known test and placeholder values, compared without separators and case. */
  deny: string[];
  examples: { match: ExampleDef[]; nomatch: ExampleDef[] };
  /** Where the rule was defined, for `rules list` and error messages. */
  source: { file: string; line: number };
}

export const DEFAULT_SCORE = 0.6;
export const DEFAULT_WINDOW = 50;
export const DEFAULT_BOOST = 0.3;

/** Case- and separator-insensitive key used by deny- and allow-lists. */
export function normalizeValue(value: string): string {
  return value.replace(/[^0-9A-Za-z@._]/g, '').toUpperCase();
}
