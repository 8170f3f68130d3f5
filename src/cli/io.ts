/** The process edge, passed in so commands can run inside tests without spawning. */
import type { Diagnostic } from '../model/scan.js';
import { escapeControls } from '../report/escape.js';

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

/** --quiet: errors are still listed; skipped inputs become one count. */
export function printSkippedCount(diagnostics: readonly Diagnostic[], io: Io): void {
  printDiagnostics(diagnostics.filter((d) => d.level === 'error'), io);
  const skipped = diagnostics.filter((d) => d.level === 'skipped');
  if (skipped.length === 0) return;
  const notScanned = skipped.filter((d) => d.notScanned).length;
  io.stderr(`pii-scan: ${skipped.length} ${skipped.length === 1 ? 'input or part' : 'inputs or parts'} skipped${notScanned > 0 ? ` (${notScanned} not scanned)` : ''}; without --quiet each is named\n`);
}

/**
 * Standard input as an iterable that reaches `io.stdin` only once read: Node builds process.stdin
 * at its first use (a stream; on a terminal, tty and net loaded too), which a scan of named files
 * never needs.
 */
export function stdinOf(io: Io): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => io.stdin[Symbol.asyncIterator]() };
}

/** Standard input that counts what it delivers: whether it was read at all, and how many bytes. */
export function countedStdin(stdin: AsyncIterable<Uint8Array>): { source: AsyncIterable<Uint8Array>; read: boolean; bytes: number } {
  const counted = {
    read: false,
    bytes: 0,
    source: {
      async *[Symbol.asyncIterator]() {
        counted.read = true;
        for await (const chunk of stdin) {
          counted.bytes += chunk.length;
          yield chunk;
        }
      },
    },
  };
  return counted;
}
