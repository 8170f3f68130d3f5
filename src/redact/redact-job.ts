/** What one file's redaction is given (the scan context, the replacement per finding) and what it gives back. */
import type { Finding } from '../model/finding.js';
import type { ScanContext } from '../run/scan-input.js';
import type { RedactFs } from './redact-fs.js';
import type { Pseudonymizer, Replacement } from './styles.js';

export interface RedactJob {
  ctx: ScanContext;
  replacementFor: (f: Finding) => Replacement;
  pseudonym?: Pseudonymizer;
  fs: RedactFs;
}

export type FileRedaction =
  | { status: 'binary'; reason: string }
  /** `changed: false`: nothing to redact and `dest` was not created; `notes`: what the copy of a document lost or left unread (masked), for the summary. */
  | { status: 'done'; findings: Finding[]; changed: boolean; notes?: string[] };
