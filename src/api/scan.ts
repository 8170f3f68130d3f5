/** scanText and scanFile: a scan as `pii-scan scan -f json` runs it, returned as data. */
import { collectScan } from '../run/run-scan.js';
import { load, notes, runOptions, shownFindings, worst } from './load.js';
import type { Options, ScanResult } from './types.js';

/** Scan a string (read as standard input is: a document's bytes in it are recognised too). */
export async function scanText(text: string | Uint8Array, options: Options = {}): Promise<ScanResult> {
  const l = await load(options);
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const report = await collectScan(runOptions(l, ['-'], [bytes]));
  return { findings: shownFindings(l, report.findings), notes: notes(report.diagnostics), worst: worst(report.findings) };
}

/** Scan a file, a folder (walked as the CLI walks it) or a glob pattern; relative to `options.cwd`. */
export async function scanFile(path: string, options: Options = {}): Promise<ScanResult> {
  if (path === '-') throw new TypeError('scanFile takes a path; use scanText for text');
  const l = await load(options);
  const report = await collectScan(runOptions(l, [path]));
  return { findings: shownFindings(l, report.findings), notes: notes(report.diagnostics), worst: worst(report.findings) };
}
