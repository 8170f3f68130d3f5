/** `scan`'s one line on stderr (with -o, or --verbose): what was found and scanned, and how long it took. */
import { SEVERITIES } from '../model/finding.js';
import { escapeControls } from '../report/escape.js';
import type { Summary } from '../report/summary.js';

/** The run in one line on stderr, for a CI log when the report went to a file. */
export function summaryLine(s: Summary, ms: number, output: string | undefined): string {
  const severities = SEVERITIES.filter((v) => s.bySeverity[v] > 0)
    .reverse()
    .map((v) => `${s.bySeverity[v]} ${v}`);
  return (
    `pii-scan: ${s.findings} ${s.findings === 1 ? 'finding' : 'findings'}${severities.length > 0 ? ` (${severities.join(', ')})` : ''}` +
    ` in ${s.filesWithFindings} of ${s.filesScanned} ${s.filesScanned === 1 ? 'input' : 'inputs'} scanned` +
    (s.notScanned > 0 ? `, ${s.notScanned} not scanned` : '') +
    (s.errors > 0 ? `, ${s.errors} ${s.errors === 1 ? 'error' : 'errors'}` : '') +
    `; ${(ms / 1000).toFixed(2)} s` +
    (output !== undefined ? `; report in ${escapeControls(output)}` : '') +
    '\n'
  );
}
