/**
 * A report file written as the scan goes: into a temporary file beside the target, renamed over
 * it only when complete, so a failure never leaves a half-written report. Devices and pipes
 * (/dev/null, a FIFO) are written directly, since they cannot be replaced.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface ReportFile {
  write(text: string): void;
  /** Flush and move into place. */
  commit(): void;
  /** Drop the partial report. */
  abort(): void;
}

export function openReportFile(path: string): ReportFile {
  let existing;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined;
  }
  if (existing && !existing.isFile()) {
    const fd = openSync(path, 'w');
    return { write: (t) => void writeSync(fd, t), commit: () => closeSync(fd), abort: () => closeSync(fd) };
  }
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', existing?.mode ?? 0o644);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (t) => void writeSync(fd, t),
    commit() {
      fsyncSync(fd);
      close();
      renameSync(tmp, path);
    },
    abort() {
      close();
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    },
  };
}
