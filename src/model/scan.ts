/** What a scan hands its sinks: findings in files, and what the run did besides. Plain types. */
import type { Finding } from './finding.js';
import type { FindingLocation } from './location.js';
import type { RuleDef } from './rule.js';

export interface FileFinding extends Finding {
  /** As given on the command line or found in the folder; stdin is `-`. */
  path: string;
  /** Inside a document: where (sheet and cell, paragraph, attachment …); line and column are then within that segment. */
  location?: FindingLocation;
  /** The location as the document names it, when masking its labels changed it: shown only with --show-values. */
  unmaskedLocation?: FindingLocation;
  /** Read back from a report (pii-scan merge) whose value was already masked: shown as it is, never unmasked. */
  preMasked?: boolean;
}

/** What a scan did, apart from the findings (which stream to the sink). */
export interface ScanOutcome {
  diagnostics: Diagnostic[];
  defs: RuleDef[];
  stats: {
    filesScanned: number;
    bytesScanned: number;
    belowThreshold: number;
    allowListed: number;
    suppressed: number;
    /** Known to the baseline. */
    baselined: number;
    /** --staged: on lines the commit does not add or change. */
    unchangedLines: number;
  };
  /** The config file the scan used (as shown), when one was: a config can turn checks off, so it is named. */
  config?: string;
  /** With a baseline: which file (as shown), how many entries, and those that matched nothing. */
  baseline?: { file: string; entries: number; stale: StaleEntry[] };
  /** When git chose the inputs. */
  git?: GitScanInfo;
}

/** A scan with its findings gathered (check-message, tests). */
export interface ScanReport extends ScanOutcome {
  findings: FileFinding[];
}

export interface Diagnostic {
  path: string;
  /** `error` makes the run exit 2; `skipped` is a note (binary, excluded, special file). */
  level: 'error' | 'skipped';
  message: string;
  /**
   * Skipped, and its content was not read (binary, an encoding not known, a special file, a part
   * of a document): --fail-on-skipped fails the run on these. Absent for what was left out on
   * purpose (excluded, a symbolic link not followed, a submodule).
   */
  notScanned?: true;
}

/** An entry that matched nothing in a file that was scanned (or whose file is gone). */
export interface StaleEntry {
  path: string;
  ruleId: string;
  entity: string;
  /** How many of its occurrences were not found. */
  count: number;
}

/** What a git-chosen scan covered, for the summary. */
export type GitScanInfo =
  | { mode: 'staged'; changedLinesOnly: boolean; files: number }
  | { mode: 'since'; ref: string; mergeBase: string; files: number };
