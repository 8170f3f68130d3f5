/** Exit codes a commit hook or CI job relies on. */
export const EXIT = {
  /** Nothing at or above --fail-on. */
  clean: 0,
  /** Findings at or above --fail-on (or failing rule examples). */
  findings: 1,
  /** Bad flags, bad rules or config, unreadable input: the result cannot be trusted. */
  error: 2,
  /**
   * With --fail-on-skipped (the default with --staged and in CI): an input or a part of a document
   * was not scanned (binary, an unknown encoding), so the scan cannot vouch for it. The same code
   * as an error, whose meaning it shares: the result is not complete. Checked after errors and
   * before findings.
   */
  skipped: 2,
} as const;

/** An error the user can fix; printed as one line without a stack. */
export class UsageError extends Error {}
