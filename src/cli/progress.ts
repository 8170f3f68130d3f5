/**
 * A one-line progress indicator on stderr for long scans: files done, bytes, MB/s. Only on a
 * terminal (never in CI logs or pipes), redrawn at most ten times a second, cleared at the end.
 */
import type { Io } from './io.js';

export interface Progress {
  /** An input is done, having scanned `bytes`. */
  input(bytes: number): void;
  /** Bytes of an input still being read (negative: taken back once it is done): a large file shows progress before. */
  reading(bytes: number): void;
  end(): void;
}

const NONE: Progress = { input: () => undefined, reading: () => undefined, end: () => undefined };
const REDRAW_MS = 100;

/** Whether to show progress: stderr is a terminal that the report does not also print to, and not in CI. */
export function wantProgress(io: Io, reportToFile: boolean): boolean {
  if (!io.stderrIsTTY) return false;
  if (io.env['CI'] !== undefined && io.env['CI'] !== '' && io.env['CI'] !== 'false') return false;
  // A report on the same terminal would be torn by the redrawn line.
  return reportToFile || !io.stdoutIsTTY;
}

export function createProgress(io: Io, show: boolean, now: () => number = () => performance.now()): Progress {
  if (!show) return NONE;
  const started = now();
  let files = 0;
  let bytes = 0;
  let last = -Infinity;
  let drawn = false;
  const draw = (t: number) => {
    const mb = bytes / 1024 / 1024;
    const secs = Math.max((t - started) / 1000, 1e-3);
    io.stderr(`\r\u001b[Kpii-scan: ${files} ${files === 1 ? 'file' : 'files'}, ${mb.toFixed(1)} MB, ${(mb / secs).toFixed(1)} MB/s`);
    drawn = true;
    last = t;
  };
  const redraw = () => {
    const t = now();
    if (t - last >= REDRAW_MS) draw(t);
  };
  return {
    input(n) {
      files++;
      bytes += n;
      redraw();
    },
    reading(n) {
      bytes += n;
      // Taken back only for input() to add the total at once: no line that goes backwards.
      if (n > 0) redraw();
    },
    end() {
      if (drawn) io.stderr('\r\u001b[K');
    },
  };
}
