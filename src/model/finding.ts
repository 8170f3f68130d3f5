/** Shared types of the detection core. Nothing here does I/O. */

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** What a validator sees: the matched text and the rule's options for it. */
export interface ValidatorInput {
  /** The matched text exactly as it appears in the input. */
  value: string;
  /** Options given to the validator in the rule file (`{ name: phone, region: GB }`). */
  options: Readonly<Record<string, unknown>>;
  /** Run-wide settings a validator may need (default phone region). */
  settings: Readonly<ScanSettings>;
  /**
   * The text around the value (its rule's context windows, and at least 200 characters either
   * side; never more, so the answer does not depend on how the input was chunked), given only to
   * a validator that `readsAround`, and only when it refused the value without it.
   */
  around?: string;
  /** Where this candidate's value starts in `around` (the same value may stand there more than once). */
  at?: number;
}

/**
 * A validator accepts or rejects a candidate. It may also move the score
 * (a known test card number is a card, but a weak one) and say why.
 */
export type ValidatorResult = boolean | { valid: boolean; adjust?: number; note?: string };

/** One option a validator takes in a rule file, checked when the rule loads. */
export interface OptionSpec {
  /** `regex`: text that must compile as a JavaScript regular expression. */
  type: 'string' | 'number' | 'boolean' | 'string-list' | 'regex';
  /** One line for `rules list --validators`. */
  description: string;
  required?: boolean;
  /** A string's allowed values. */
  oneOf?: readonly string[];
  /** A regex a string (or each item of a list) must match in full; `hint` says what it means. */
  pattern?: string;
  hint?: string;
}

/** A validator's options by name; an option not named here is refused when a rule loads. */
export type OptionsSchema = Readonly<Record<string, OptionSpec>>;

export interface Validator {
  name: string;
  /** One line for `rules list --validators`. */
  description: string;
  /** The options a rule may give it (`{ name: phone, region: GB }`); absent: it takes none. */
  schema?: OptionsSchema;
  validate(input: ValidatorInput): ValidatorResult;
  /**
   * Worth remembering per value (a library parse): the scanner keeps recent results. A cheap
   * check runs each time, which costs less than looking its result up.
   */
  costly?: boolean;
  /**
   * A value it refuses may still be accepted given the text around it (a phone number of a
   * country the message names): asked again with `around` then, never remembered.
   */
  readsAround?: boolean;
}

export interface ScanSettings {
  /** ISO 3166 region used for phone numbers written without a country code. */
  defaultRegion: string;
  /** Every region a national number may belong to (`--region US,MX`), `defaultRegion` first; unset: just that one. */
  regions?: readonly string[];
}

/** Settings for a region list such as `US` or `US,MX,GT` (codes already checked). */
export function regionSettings(list: string): ScanSettings {
  const regions = list.split(',');
  return regions.length > 1 ? { defaultRegion: regions[0]!, regions } : { defaultRegion: regions[0]! };
}

/** One place in the input, 1-based lines and columns (UTF-16 code units), end exclusive. */
export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Byte offset of the match start in the source, and its length in bytes. */
  offset: number;
  length: number;
}

export interface Finding extends Position {
  ruleId: string;
  entity: string;
  severity: Severity;
  /** 0..1, from the pattern score, validators and context. */
  confidence: number;
  /** The matched text, raw. Sinks mask it unless the user asked for values. */
  value: string;
  /** One line saying why this is a finding, never containing the value. */
  why: string;
  /** Character offset of the match in the decoded text (for sinks that rewrite text). */
  index: number;
  /**
   * A hash of the text around the finding on its line, with the value itself left out: stable
   * when lines move, different for the same value in another sentence. Never reversible to the value.
   */
  contextHash: string;
  /** Set when a `pii-scan:allow` comment covers the finding; filters drop it and count it. */
  suppressed?: { reason?: string };
  /** Other rules' findings this one won over in overlap resolution (overlaps.ts), best first. */
  alternatives?: Alternative[];
}

/** A finding of another rule on the same span (or inside it, less sure), kept beside the one reported. */
export interface Alternative {
  entity: string;
  ruleId: string;
  confidence: number;
}
