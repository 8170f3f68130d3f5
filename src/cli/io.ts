/** The process edge, passed in so commands can run inside tests without spawning. */
import { escapeControls } from '../report/escape.js';
import type { Diagnostic } from '../sources/inputs.js';

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: AsyncIterable<Uint8Array>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Reports are text; `redact` to stdout passes the file's own bytes through. */
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  exitCode: number;
}

/** Colour on a terminal; FORCE_COLOR forces it (FORCE_COLOR=0 or false forbids it, as in Node and chalk), NO_COLOR (any value) turns it off. */
export function useColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  const force = env['FORCE_COLOR'];
  if (force === '0' || force === 'false') return false;
  if (force !== undefined && force !== '') return true;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTTY;
}

/** Skipped inputs and errors go to stderr, so stdout stays a clean report. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: Io): void {
  for (const d of diagnostics) {
    io.stderr(`pii-scan: ${d.level === 'error' ? 'error' : 'skipped'}: ${escapeControls(`${d.path}: ${d.message}`)}\n`);
  }
}
