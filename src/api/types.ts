/**
 * The library's public types: plain data, the same fields as the JSON report (`--format json`),
 * so a program and a CI log read one contract. Self-contained on purpose: the published
 * declarations are these files only.
 */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface Options {
  /** Print matched values unmasked. Off by default: values are masked as in every report. */
  showValues?: boolean;
  /** Report findings at or above this confidence, 0..1 (default 0.5, or the config's). */
  minConfidence?: number;
  /** Default phone region, ISO 3166 two letters (default US, or the config's). */
  region?: string;
  /** A config file; `false` uses the built-in rules only. Default: .pii-scan.yaml found from `cwd`, as the CLI does. */
  config?: string | false;
  /** Extra rule files or folders. */
  rules?: string[];
  /** Where relative paths and the config search start (default process.cwd()). */
  cwd?: string;
  /**
   * A watch list (`pii-scan watchlist create`): its names, numbers and addresses are also reported as
   * WATCHLIST_MATCH, critical. A keyed list needs `watchlistKey` (or PII_SCAN_WATCHLIST_KEY).
   */
  watchlist?: string;
  watchlistKey?: string;
}

/** Where inside a document a finding is (a sheet's cell, a paragraph, an attachment …). */
export interface DocumentLocation {
  kind: string;
  description: string;
  [field: string]: unknown;
}

export interface Finding {
  /** The path as given (`-` for text). */
  path: string;
  ruleId: string;
  entity: string;
  severity: Severity;
  confidence: number;
  /** 1-based, in UTF-16 code units; inside a document, within its segment. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Byte offset and length in the source. */
  offset: number;
  length: number;
  /** Masked (`***-**-6789`) unless `showValues`. */
  value: string;
  masked: boolean;
  /** Why it was reported: validators passed, context words nearby. */
  why: string;
  contextHash: string;
  location?: DocumentLocation;
  /** Other rules' findings on this span that overlap resolution did not report on their own, best first. */
  alternatives?: { entity: string; ruleId: string; confidence: number }[];
}

/** An input, or a part of one, that was not read (`skipped`), or could not be (`error`). */
export interface Note {
  path: string;
  level: 'error' | 'skipped';
  message: string;
  /** Its content was not read: the CLI's --fail-on-skipped fails on these. */
  notScanned?: true;
}

export interface ScanResult {
  findings: Finding[];
  notes: Note[];
  /** The most severe finding's severity, or undefined when there is none. */
  worst: Severity | undefined;
}

export type RedactStyle = 'mask' | 'placeholder' | 'hash' | 'remove';

export interface RedactOptions extends Options {
  /** How values are rewritten (default mask; per entity in the config or rule). */
  style?: RedactStyle;
  /** The key for `style: 'hash'` (at least 16 bytes). */
  key?: string;
  /** The name the text would have: its extension says how it is read (`.json`, `.csv`). Default `text.txt`. */
  name?: string;
}

export interface RedactResult {
  /** The text with every finding rewritten. */
  text: string;
  /** What was rewritten (values masked unless `showValues`). */
  findings: Finding[];
}

export type Verdict = 'allow' | 'warn' | 'block';

export interface CheckMessageOptions extends Options {
  /** Phone numbers, email addresses or `group:NAME` from the roster. */
  to: string[];
  /** sms, mms, email, signal, whatsapp, imessage, teams, slack, or one in guard.channels (default guard.defaultChannel). */
  channel?: string;
  /** The approved recipients (default roster: in the config). */
  roster?: string;
  /** Files attached to the message, scanned with it. */
  attach?: string[];
  /** Block when a recipient is not on the roster and a finding is at or above this. */
  blockOn?: Severity;
}

export interface Reason {
  code: 'unknown-recipient' | 'near-miss' | 'unencrypted-channel' | 'not-scanned' | 'clear';
  effect: Verdict;
  /** For people; names recipients and entities, never a matched value. */
  message: string;
  recipient?: string;
  part?: string;
}

export interface CheckMessageResult {
  verdict: Verdict;
  reasons: Reason[];
  channel: { name: string; encrypted: boolean };
  recipients: Array<{ input: string; kind: 'phone' | 'email'; normalized: string; display: string; known: boolean; name?: string }>;
  findings: Finding[];
  notes: Note[];
}
