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
  /**
   * `changed: false`: nothing to redact and `dest` was not created. `notes`: what the copy of a
   * document looks like where it differs beyond the values (a page became a picture, a number cell
   * became text), for the summary. `unread`: parts of the copy the last scan could not read (a
   * picture not OCR'd, a binary entry, a limit hit): the copy cannot be vouched for there. Both masked.
   */
  | { status: 'done'; findings: Finding[]; changed: boolean; notes?: string[]; unread?: string[] };
